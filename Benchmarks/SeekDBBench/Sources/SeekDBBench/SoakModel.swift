import SeekDB

/// One record of the soak as the harness knows it: the version of its content (document and
/// embedding, always written together) and of its metadata field `mv`.
struct SoakRecordState: Hashable, CustomStringConvertible {
    var content: Int
    var meta: Int

    var description: String { "c\(content)/m\(meta)" }

    static func written(_ version: Int) -> SoakRecordState { SoakRecordState(content: version, meta: version) }

    /// The stored fields of a record in this state.
    static func document(_ content: Int) -> String { "content \(content)" }
    static func embedding(slot: Int, content: Int) -> [Float] { [Float(content), Float(slot), 1, 0.5] }
    static func metadata(owner: Int, id: String, meta: Int) -> Metadata {
        ["owner": .int(Int64(owner)), "key": .string(id), "mv": .int(Int64(meta))]
    }
}

/// What one task expects of its own records (no other task writes them).
///
/// Each record has a set of states it may be in: one after calls that succeeded; more after a
/// call whose outcome the client could not know (the connection was lost during its COMMIT):
/// then the state before and the state it asked for. A read narrows the set to what it saw.
/// A record seen in a state outside its set is a consistency violation: a lost write, a
/// record that came back, a write applied twice or torn.
struct SoakTaskModel {
    let owner: Int
    let slots: Int
    private(set) var possible: [Set<SoakRecordState?>]

    init(owner: Int, slots: Int) {
        self.owner = owner
        self.slots = slots
        possible = Array(repeating: [nil], count: slots)
    }

    func id(_ slot: Int) -> String { "t\(owner)-r\(slot)" }

    func slot(of id: String) -> Int? {
        guard id.hasPrefix("t\(owner)-r") else { return nil }
        return Int(id.dropFirst("t\(owner)-r".count))
    }

    /// Slots whose every possible state satisfies `predicate`, in random order.
    func slots(where predicate: (SoakRecordState?) -> Bool) -> [Int] {
        (0..<slots).filter { possible[$0].allSatisfy(predicate) }.shuffled()
    }

    /// The one state a slot is in, if the harness knows it.
    func known(_ slot: Int) -> SoakRecordState?? {
        possible[slot].count == 1 ? possible[slot].first : nil
    }

    mutating func succeeded(_ slot: Int, now state: SoakRecordState?) { possible[slot] = [state] }

    mutating func outcomeUnknown(_ slot: Int, maybe state: SoakRecordState?) { possible[slot].insert(state) }

    /// Checks a read of `slot`; returns a violation, or `nil` and narrows the set to what was seen.
    mutating func observed(_ slot: Int, _ state: SoakRecordState?) -> String? {
        guard possible[slot].contains(state) else {
            let expected = possible[slot].map { $0?.description ?? "absent" }.sorted().joined(separator: " or ")
            return "\(id(slot)): read \(state?.description ?? "absent"), expected \(expected)"
        }
        possible[slot] = [state]
        return nil
    }

    /// The state a stored record shows, or a description of how it is torn.
    static func state(document: String?, embedding: [Float]?, metadata: Metadata?, slot: Int) -> Result<SoakRecordState, SoakTornRecord> {
        guard let document, document.hasPrefix("content "), let content = Int(document.dropFirst("content ".count)) else {
            return .failure(SoakTornRecord(what: "document \(String(describing: document))"))
        }
        guard embedding == SoakRecordState.embedding(slot: slot, content: content) else {
            return .failure(SoakTornRecord(what: "embedding \(String(describing: embedding)) does not belong to \(document)"))
        }
        guard let meta = metadata?["mv"]?.intValue else {
            return .failure(SoakTornRecord(what: "metadata \(String(describing: metadata))"))
        }
        return .success(SoakRecordState(content: content, meta: Int(meta)))
    }
}

/// A record whose fields do not belong together (a write applied in part).
struct SoakTornRecord: Error {
    var what: String
}
