import SeekDB
import SeekDBEmbeddings

/// Runs each workload through the SDK's public API, on a fresh collection.
struct SDKRunner {
    let client: SeekDBClient

    func run(_ workload: Workload, round: Int) async throws -> Measurement {
        try await withFreshCollection(
            client, prefix: "sdk", workload: workload, round: round,
            embeddingFunction: [.updateDocuments, .resyncDocuments].contains(workload) ? DefaultEmbeddingFunction() : nil
        ) {
            try await measure(workload, round: round, collection: $0)
        }
    }

    private func measure(_ workload: Workload, round: Int, collection: SeekDBCollection) async throws -> Measurement {
        let write = round + 1  // the preloaded records are round 0
        let ms: Double
        switch workload {
        case .add1k, .add10k:
            let range = 0..<(workload == .add1k ? 1_000 : 10_000)
            let ids = BenchData.ids(range)
            let vectors = BenchData.vectors(range, round: write)
            let documents = BenchData.documents(range, round: write)
            let metadatas = BenchData.metadatas(range, round: write)
            ms = try await timed {
                try await collection.add(
                    ids: IDs(ids), embeddings: Embeddings(vectors), documents: Documents(documents),
                    metadatas: Metadatas(metadatas))
            }
            try check(try await collection.count() == range.count, "add: count")
        case .updateEmbeddingsMetadata, .updateMetadata:
            try await Self.preload(collection, 0..<1_000)
            let range = 0..<1_000
            let ids = BenchData.ids(range)
            let metadatas = BenchData.metadatas(range, round: write)
            let vectors = workload == .updateMetadata ? nil : BenchData.vectors(range, round: write)
            ms = try await timed {
                let result = try await collection.update(
                    ids: IDs(ids), embeddings: vectors.map { Embeddings($0) },
                    metadatas: Metadatas(metadatas))
                try check(result.updatedCount == 1_000, "update: updatedCount \(result.updatedCount)")
            }
            try await Self.checkRound(collection, id: BenchData.id(999), round: write)
        case .upsert:
            try await Self.preload(collection, 0..<1_000)
            let range = 500..<1_500
            let ids = BenchData.ids(range)
            let vectors = BenchData.vectors(range, round: write)
            let documents = BenchData.documents(range, round: write)
            let metadatas = BenchData.metadatas(range, round: write)
            ms = try await timed {
                let result = try await collection.upsert(
                    ids: IDs(ids), embeddings: Embeddings(vectors),
                    documents: Documents(documents), metadatas: Metadatas(metadatas))
                try check(result.insertedIDs.count == 500, "upsert: inserted \(result.insertedIDs.count)")
            }
            try check(try await collection.count() == 1_500, "upsert: count")
            try await Self.checkRound(collection, id: BenchData.id(500), round: write)
        case .delete:
            try await Self.preload(collection, 0..<2_000)
            let ids = stride(from: 0, to: 2_000, by: 2).map(BenchData.id)
            ms = try await timed {
                _ = try await collection.delete(ids: IDs(ids))
            }
            try check(try await collection.count() == 1_000, "delete: count")
        case .updateDocuments:
            try await Self.preload(collection, 0..<1_000)
            let range = 0..<1_000
            let ids = BenchData.ids(range)
            let documents = BenchData.documents(range, round: write)
            ms = try await timed {
                try await collection.update(ids: IDs(ids), documents: Documents(documents))
            }
            let got = try await collection.get(ids: IDs(BenchData.id(999)), include: [.documents, .embeddings])
            try check(got.documents?.first ?? nil == documents.last, "update documents: document")
        case .resyncDocuments:
            try await Self.preload(collection, 0..<1_000)
            let documents = BenchData.resyncDocuments(0..<1_000, round: write)
            var unchanged = 0
            ms = try await timed {
                unchanged = try await collection.update(ids: IDs(BenchData.ids(0..<1_000)), documents: Documents(documents)).unchangedIDs
                    .count
            }
            try check(unchanged == 900, "re-sync documents: \(unchanged) unchanged")
            let got = try await collection.get(ids: IDs(BenchData.id(990)), include: .documents)
            try check(got.documents?.first ?? nil == documents[990], "re-sync documents: document")
        case .query:
            try await Self.preload(collection, 0..<QuerySettings.records)
            try await collection.refreshIndex()
            var times: [Double] = []
            var filtered: [Double] = []
            for vector in QuerySettings.vectors() {
                try times.append(
                    await timed {
                        let hits = try await collection.query(embeddings: Embeddings([vector]), nResults: QuerySettings.nResults)
                        try check(hits.ids[0].count == QuerySettings.nResults, "query: \(hits.ids[0].count) hits")
                    })
            }
            for vector in QuerySettings.vectors() {
                try filtered.append(
                    await timed {
                        let hits = try await collection.query(
                            embeddings: Embeddings([vector]), nResults: QuerySettings.nResults,
                            where: .field("tag") == "t3")
                        try check(!hits.ids[0].isEmpty, "filtered query: no hits")
                    })
            }
            return .latencies(Measurement.percentiles(times, prefix: "") + Measurement.percentiles(filtered, prefix: "where "))
        }
        return .milliseconds(ms)
    }

    /// Adds records `range` of round 0 (embedding, document, metadata) in calls of 1,000.
    static func preload(_ collection: SeekDBCollection, _ range: Range<Int>) async throws {
        for start in stride(from: range.lowerBound, to: range.upperBound, by: 1_000) {
            let part = start..<min(range.upperBound, start + 1_000)
            try await collection.add(
                ids: IDs(BenchData.ids(part)), embeddings: Embeddings(BenchData.vectors(part, round: 0)),
                documents: Documents(BenchData.documents(part, round: 0)),
                metadatas: Metadatas(BenchData.metadatas(part, round: 0)))
        }
    }

    /// Checks that record `id` carries the metadata of `round`.
    static func checkRound(_ collection: SeekDBCollection, id: String, round: Int) async throws {
        let got = try await collection.get(ids: IDs(id), include: .metadatas)
        try check(got.metadatas?.first??["round"] == .int(Int64(round)), "\(id): metadata round is not \(round)")
    }
}
