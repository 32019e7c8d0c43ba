extension RecordChanges {
    /// Records per stage of ``writeEmbeddingAhead(collection:including:write:)``: four batches of
    /// the default embedding function, so the first statement goes out after about a tenth of
    /// the embedding of a thousand documents, and each statement still carries many rows.
    static let recordsPerStage = 128

    /// Writes the records `included` accepts with `write`, computing the embeddings still pending
    /// stage by stage, one stage ahead of the writes: while the statements of stage k run on the
    /// connection, the documents of stage k + 1 are embedded (on the global executor). Records with
    /// nothing to embed are written first, while the first stage is embedded.
    ///
    /// `write` receives the changes with the embeddings computed so far and the records of the
    /// stage (`true` at their indexes); it runs in the caller's task, one stage at a time, in order. An error from either
    /// side (or cancellation) ends both, and the caller's transaction rolls every stage back.
    mutating func writeEmbeddingAhead(
        collection: SeekDBCollection, including included: (Int) -> Bool = { _ in true },
        write: (_ changes: RecordChanges, _ stage: [Bool]) async throws -> Void
    ) async throws {
        let accepted = ids.indices.map(included)
        let toEmbed = pendingEmbeddings.filter { accepted[$0] }
        pendingEmbeddings = []
        guard !toEmbed.isEmpty else {
            try await write(self, accepted)
            return
        }
        let stages = stride(from: 0, to: toEmbed.count, by: Self.recordsPerStage).map {
            Array(toEmbed[$0..<min($0 + Self.recordsPerStage, toEmbed.count)])
        }
        let texts = stages.map { stage in stage.map { documents![$0]! } }
        let (ids, operation) = (self.ids, self.operation)
        try await withThrowingTaskGroup(of: [[Float]].self) { group in
            group.addTask { try await collection.computeEmbeddings(of: texts[0], at: stages[0], ids: ids, operation: operation) }
            // The records with nothing to embed go out while the first stage is embedded.
            var stage = accepted
            for index in toEmbed { stage[index] = false }
            if stage.contains(true) { try await write(self, stage) }
            for number in stages.indices {
                guard let vectors = try await group.next() else { break }
                if number + 1 < stages.count {
                    let next = number + 1
                    group.addTask {
                        try await collection.computeEmbeddings(of: texts[next], at: stages[next], ids: ids, operation: operation)
                    }
                }
                stage = Array(repeating: false, count: ids.count)
                for (offset, index) in stages[number].enumerated() {
                    embeddings[index] = vectors[offset]
                    stage[index] = true
                }
                try await write(self, stage)
            }
        }
    }

    /// Computes the embeddings of the first stage's pending records now, before any statement:
    /// an embedding function that fails or returns bad vectors for a call of up to
    /// ``recordsPerStage`` documents is then reported before the call sends any SQL. Later stages
    /// are embedded inside the write, where a failure rolls the transaction back.
    mutating func embedFirstStage(collection: SeekDBCollection) async throws {
        let first = Array(pendingEmbeddings.prefix(Self.recordsPerStage))
        guard !first.isEmpty else { return }
        let vectors = try await collection.computeEmbeddings(
            of: first.map { documents![$0]! }, at: first, ids: ids, operation: operation)
        for (offset, index) in first.enumerated() { embeddings[index] = vectors[offset] }
        pendingEmbeddings.removeFirst(first.count)
    }
}
