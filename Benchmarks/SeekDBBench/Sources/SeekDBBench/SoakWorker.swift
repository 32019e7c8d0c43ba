import Foundation
import SeekDB

/// One soak task: a random mix of calls on its own records of one collection, each checked
/// against the task's model (SoakTaskModel). After a write fails, its records are read back at
/// once: that both checks "all or nothing" for writes of several records and tells the model
/// which outcome the server chose.
struct SoakWorker {
    let collection: SeekDBCollection
    let deadline: ContinuousClock.Instant
    var model: SoakTaskModel
    var stats = SoakStats()
    private var version = 0

    init(owner: Int, slots: Int, collection: SeekDBCollection, deadline: ContinuousClock.Instant) {
        self.collection = collection
        self.deadline = deadline
        self.model = SoakTaskModel(owner: owner, slots: slots)
    }

    mutating func run() async -> (SoakStats, SoakTaskModel) {
        while ContinuousClock.now < deadline {
            switch Int.random(in: 0..<100) {
            case 0..<15: await add()
            case 15..<28: await update(mode: .replace)
            case 28..<38: await update(mode: .merge)
            case 38..<45: await updateWhere()
            case 45..<60: await upsert()
            case 60..<68: await delete()
            case 68..<90: await get()
            default: await query()
            }
        }
        return (stats, model)
    }

    // MARK: Writes

    private mutating func add() async {
        let slots = Array(model.slots { $0 == nil }.prefix(Int.random(in: 1...4)))
        guard !slots.isEmpty else { return }
        let v = nextVersion()
        let (ids, embeddings, documents, metadatas) = fields(slots, version: v)
        let collection = self.collection
        await write("add", slots, now: .written(v)) {
            try await collection.add(
                ids: IDs(ids), embeddings: Embeddings(embeddings), documents: Documents(documents),
                metadatas: Metadatas(metadatas))
        }
    }

    private mutating func update(mode: MetadataUpdateMode) async {
        let slots = Array(model.slots { $0 != nil }.prefix(Int.random(in: 1...4)))
        guard !slots.isEmpty else { return }
        let v = nextVersion()
        var (ids, embeddings, documents, metadatas) = fields(slots, version: v)
        if mode == .merge { metadatas = slots.map { _ in ["mv": .int(Int64(v))] } }
        let collection = self.collection
        await write(mode == .merge ? "update merge" : "update", slots, now: .written(v)) {
            try await collection.update(
                ids: IDs(ids), embeddings: Embeddings(embeddings), documents: Documents(documents),
                metadatas: Metadatas(metadatas), metadataMode: mode)
        }
    }

    /// `update(where:)` matching one record by its `key` field: a metadata-only patch.
    private mutating func updateWhere() async {
        guard let slot = model.slots(where: { $0 != nil }).first, let known = model.known(slot), let before = known else { return }
        let v = nextVersion()
        let id = model.id(slot)
        let collection = self.collection
        var matched = -1
        await write("update(where:)", [slot], now: SoakRecordState(content: before.content, meta: v)) {
            matched = try await collection.update(where: ["key": .string(id)], metadata: ["mv": .int(Int64(v))])
        }
        if matched == 0 { stats.violations.append("\(id): update(where:) matched no record; the model has \(before)") }
    }

    private mutating func upsert() async {
        let slots = Array((0..<model.slots).shuffled().prefix(Int.random(in: 1...4)))
        let v = nextVersion()
        let (ids, embeddings, documents, metadatas) = fields(slots, version: v)
        let collection = self.collection
        await write("upsert", slots, now: .written(v)) {
            try await collection.upsert(
                ids: IDs(ids), embeddings: Embeddings(embeddings), documents: Documents(documents),
                metadatas: Metadatas(metadatas))
        }
    }

    private mutating func delete() async {
        let slots = Array((0..<model.slots).shuffled().prefix(Int.random(in: 1...3)))
        let expected = slots.allSatisfy { model.known($0) != nil } ? slots.filter { model.known($0)! != nil }.count : nil
        let ids = slots.map(model.id)
        let collection = self.collection
        var deleted = -1
        await write("delete", slots, now: nil) { deleted = try await collection.delete(ids: IDs(ids)) }
        // A retried delete counts only what its last attempt deleted, so only a higher count is wrong.
        if let expected, deleted > expected {
            stats.violations.append("delete of \(ids) reported \(deleted) deleted; the model has \(expected) present")
        }
    }

    /// Runs a write of `slots`; on success they are `state`; on failure they are read back.
    private mutating func write(
        _ operation: String, _ slots: [Int], now state: SoakRecordState?,
        _ body: () async throws -> Void
    ) async {
        let started = ContinuousClock.now
        do {
            try await body()
            stats.latencies[operation, default: []].append(Self.milliseconds(since: started))
            for slot in slots { model.succeeded(slot, now: state) }
        } catch {
            count(operation, error)
            if let error = error as? SeekDBError, [.recordsNotFound, .duplicateKey, .invalidArgument].contains(error.code) {
                stats.violations.append(
                    "\(operation) of \(slots.map(model.id)) failed with \(error.code), which the model rules out: \(error)")
            }
            for slot in slots { model.outcomeUnknown(slot, maybe: state) }
            await readBack(slots, afterFailed: operation, wrote: state)
        }
    }

    /// Reads the records of a failed write (until the server answers) and checks all or nothing.
    private mutating func readBack(_ slots: [Int], afterFailed operation: String, wrote state: SoakRecordState?) async {
        for _ in 0..<600 {
            guard let observed = await read(slots, checked: true) else {
                try? await Task.sleep(for: .milliseconds(200))
                continue
            }
            if slots.count > 1 {
                stats.checkedFailedBatches += 1
                let applied = observed.filter { $0 == state }.count
                if applied > 0 && applied < slots.count {
                    stats.violations.append("\(operation) of \(slots.map(model.id)) was applied to \(applied) of \(slots.count) records")
                }
            }
            return
        }
        stats.violations.append("the records of a failed \(operation) could not be read back for two minutes")
    }

    // MARK: Reads

    private mutating func get() async {
        let slots = Array((0..<model.slots).shuffled().prefix(Int.random(in: 1...8)))
        _ = await read(slots, checked: false)
    }

    /// Reads `slots`, checks each against the model, and returns what was seen (nil if the call failed).
    private mutating func read(_ slots: [Int], checked: Bool) async -> [SoakRecordState?]? {
        let ids = slots.map(model.id)
        let started = ContinuousClock.now
        let result: GetResult
        do {
            result = try await collection.get(ids: IDs(ids), include: [.documents, .metadatas, .embeddings])
            stats.latencies["get", default: []].append(Self.milliseconds(since: started))
        } catch {
            count("get", error)
            return nil
        }
        var seen: [SoakRecordState?] = []
        for slot in slots {
            let id = model.id(slot)
            var state: SoakRecordState?
            if let index = result.ids.firstIndex(of: id) {
                switch SoakTaskModel.state(
                    document: result.documents?[index] ?? nil, embedding: result.embeddings?[index] ?? nil,
                    metadata: result.metadatas?[index] ?? nil, slot: slot)
                {
                case .success(let stored): state = stored
                case .failure(let torn):
                    stats.violations.append("\(id) is torn: \(torn.what)")
                    seen.append(nil)
                    continue
                }
            }
            if let violation = model.observed(slot, state) { stats.violations.append(violation) }
            stats.checkedReads += 1
            seen.append(state)
        }
        return seen
    }

    private mutating func query() async {
        guard let slot = model.slots(where: { $0 != nil }).first, let known = model.known(slot), let state = known else { return }
        let started = ContinuousClock.now
        let result: QueryResult
        do {
            result = try await collection.query(
                embeddings: [SoakRecordState.embedding(slot: slot, content: state.content)], nResults: 3,
                where: ["owner": .int(Int64(model.owner))],
                include: [.documents, .metadatas, .embeddings])
            stats.latencies["query", default: []].append(Self.milliseconds(since: started))
        } catch {
            count("query", error)
            return
        }
        for (index, id) in (result.ids.first ?? []).enumerated() {
            guard let hit = model.slot(of: id) else {
                stats.violations.append("query with owner \(model.owner) returned \(id)")
                continue
            }
            switch SoakTaskModel.state(
                document: result.documents?[0][index] ?? nil, embedding: result.embeddings?[0][index] ?? nil,
                metadata: result.metadatas?[0][index] ?? nil, slot: hit)
            {
            case .success(let stored):
                if model.possible[hit] == [nil] {
                    stats.staleQueryHits += 1
                } else if let violation = model.observed(hit, stored) {
                    stats.violations.append("query: \(violation)")
                }
            case .failure(let torn):
                stats.violations.append("\(id) is torn (query): \(torn.what)")
            }
        }
    }

    // MARK: Helpers

    private mutating func nextVersion() -> Int {
        version += 1
        return version
    }

    private func fields(_ slots: [Int], version: Int) -> ([String], [[Float]], [String], [Metadata]) {
        let ids = slots.map(model.id)
        return (
            ids, slots.map { SoakRecordState.embedding(slot: $0, content: version) },
            slots.map { _ in SoakRecordState.document(version) },
            zip(slots, ids).map { SoakRecordState.metadata(owner: model.owner, id: $1, meta: version) }
        )
    }

    private mutating func count(_ operation: String, _ error: any Error) {
        let code = (error as? SeekDBError).map { "\($0.code)" } ?? String(describing: type(of: error))
        stats.errors["\(operation): \(code)", default: 0] += 1
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) * 1_000 + Double(elapsed.attoseconds) / 1e15
    }
}
