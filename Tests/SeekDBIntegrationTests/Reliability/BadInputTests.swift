import Foundation
import SeekDB
import SeekDBDriver
import SeekDBTesting
import Testing

/// Every bad input is answered with its typed error before a single statement reaches the
/// server: configuration, database and collection names, HNSW parameters, ids, list lengths,
/// dimensions, non-finite numbers, metadata, embedding-function output, include, limits,
/// filters and nResults.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct BadInputTests {
    /// What a bad call runs against: a client, a 3-d collection without an embedding
    /// function, and handles on the same collection with misbehaving embedding functions.
    struct Fixture: Sendable {
        let client: SeekDBClient
        let collection: SeekDBCollection
        func with(_ function: any EmbeddingFunction) -> SeekDBCollection { collection.with(embeddingFunction: function) }
    }

    /// One row of the table: a name, the expected code, a fragment of the message, the call.
    struct Case: Sendable {
        let name: String
        let code: SeekDBError.Code
        let mentioning: String
        let call: @Sendable (Fixture) async throws -> Void

        init(_ name: String, _ code: SeekDBError.Code, _ mentioning: String, _ call: @escaping @Sendable (Fixture) async throws -> Void) {
            self.name = name
            self.code = code
            self.mentioning = mentioning
            self.call = call
        }
    }

    @Test func everyBadInputIsRejectedBeforeAnySQL() async throws {
        let cases = Self.configurationCases + Self.collectionCases + Self.recordCases + Self.filterCases
        #expect(Set(cases.map(\.name)).count == cases.count, "case names must be distinct")
        try await withTestCollection(dimension: 3) { client, collection in
            try await collection.add(ids: ["a", "b"], embeddings: [[1, 2, 3], [4, 5, 6]])
            let fixture = Fixture(client: client, collection: collection)
            for badCase in cases {
                let counter = StatementCounter()
                let outcome: Result<Void, any Error> = await StatementTracing.$counter.withValue(counter) {
                    do { return .success(try await badCase.call(fixture)) } catch { return .failure(error) }
                }
                switch outcome {
                case .success:
                    Issue.record("\(badCase.name): no error was thrown")
                case .failure(let error):
                    let seekDBError = error as? SeekDBError
                    #expect(seekDBError?.code == badCase.code, "\(badCase.name): \(error)")
                    #expect(
                        seekDBError?.message.contains(badCase.mentioning) == true,
                        "\(badCase.name): '\(seekDBError?.message ?? "\(error)")' should mention '\(badCase.mentioning)'")
                }
                #expect(counter.value == 0, "\(badCase.name): \(counter.value) statements were sent")
            }
            // Nothing was changed by any of the calls.
            let stored = try await collection.get(include: [.embeddings, .documents, .metadatas])
            #expect(stored.ids.sorted() == ["a", "b"])
            #expect(stored.documents == [nil, nil] && stored.metadatas == [nil, nil])
            print("BadInputTests: \(cases.count) bad inputs, each rejected with its typed error and 0 statements")
        }
    }

    // MARK: Configuration (SeekDBClient / SeekDBAdminClient)

    static func configured(_ change: @Sendable (inout SeekDBClient.Configuration) -> Void) throws -> SeekDBClient.Configuration {
        var configuration = try TestEnvironment.configuration
        change(&configuration)
        return configuration
    }

    static func connect(
        _ change: @escaping @Sendable (inout SeekDBClient.Configuration) -> Void
    ) -> @Sendable (Fixture) async throws -> Void {
        { _ in
            let client = try await SeekDBClient(configuration: configured(change))
            await client.close()
        }
    }

    static let configurationCases: [Case] = [
        Case("config: port 0", .invalidArgument, "port must be between 1 and 65535, got 0", connect { $0.port = 0 }),
        Case("config: negative port", .invalidArgument, "got -1", connect { $0.port = -1 }),
        Case("config: port 65536", .invalidArgument, "got 65536", connect { $0.port = 65_536 }),
        Case("config: empty host", .invalidArgument, "host must not be empty", connect { $0.host = "" }),
        Case("config: empty socket path", .invalidArgument, "unixSocketPath must not be empty", connect { $0.unixSocketPath = "" }),
        Case("config: empty user", .invalidArgument, "user must not be empty", connect { $0.user = "" }),
        Case("config: empty database", .invalidArgument, "database must not be empty", connect { $0.database = "" }),
        Case("config: empty tenant", .invalidArgument, "tenant must not be empty", connect { $0.tenant = "" }),
        Case("config: NUL in password", .invalidArgument, "password contains a NUL", connect { $0.password = "pass\u{0}word" }),
        Case("config: NUL in host", .invalidArgument, "host contains a NUL", connect { $0.host = "127.0.0.1\u{0}evil" }),
        Case(
            "config: NUL in CA file", .invalidArgument, "tls.caFile contains a NUL",
            connect { $0.tls = .require(caFile: "/tmp/ca\u{0}.pem") }),
        Case(
            "config: zero connect timeout", .invalidArgument, "connectTimeout must be positive",
            connect { $0.options.connectTimeout = .zero }),
        Case(
            "config: negative read timeout", .invalidArgument, "readTimeout must be positive",
            connect { $0.options.readTimeout = .seconds(-1) }),
        Case(
            "config: negative write timeout", .invalidArgument, "writeTimeout must be positive",
            connect { $0.options.writeTimeout = .milliseconds(-5) }),
        Case("config: zero query timeout", .invalidArgument, "queryTimeout must be positive", connect { $0.options.queryTimeout = .zero }),
        Case(
            "config: pool size 0", .invalidArgument, "maximumConnections must be at least 1, got 0",
            connect { $0.pool.maximumConnections = 0 }),
        Case("config: negative pool size", .invalidArgument, "got -3", connect { $0.pool.maximumConnections = -3 }),
        Case(
            "config: negative idle validation", .invalidArgument, "validateAfterIdle must not be negative",
            connect { $0.pool.validateAfterIdle = .seconds(-1) }),
        Case(
            "admin: pool size 0", .invalidArgument, "maximumConnections must be at least 1",
            { _ in
                let admin = try await SeekDBAdminClient(configuration: configured { $0.pool.maximumConnections = 0 })
                await admin.close()
            })
    ]

    // MARK: Databases and collections

    static let collectionCases: [Case] = [
        Case(
            "database: name with a dash", .invalidArgument, "invalid database name 'a-b'",
            { f in
                try await SeekDBAdminClient.withAdmin(f) { try await $0.createDatabase(name: "a-b") }
            }),
        Case(
            "database: 65-character name", .invalidArgument, "1 to 64",
            { f in
                try await SeekDBAdminClient.withAdmin(f) { try await $0.deleteDatabase(name: String(repeating: "d", count: 65)) }
            }),
        Case(
            "database: negative list limit", .invalidArgument, "limit must not be negative",
            { f in
                try await SeekDBAdminClient.withAdmin(f) { _ = try await $0.listDatabases(limit: -1) }
            }),
        Case(
            "collection: empty name", .invalidArgument, "must not be empty",
            { f in
                _ = try await f.client.createCollection(name: "", configuration: .init(dimension: 3), embeddingFunction: nil)
            }),
        Case(
            "collection: name with a space", .invalidArgument, "invalid collection name 'my books'",
            { f in
                _ = try await f.client.createCollection(name: "my books", configuration: .init(dimension: 3), embeddingFunction: nil)
            }),
        Case(
            "collection: name with a backtick", .invalidArgument, "only letters, digits and underscore",
            { f in
                _ = try await f.client.getCollection(name: "x`; DROP TABLE t; --", embeddingFunction: nil)
            }),
        Case(
            "collection: emoji name", .invalidArgument, "invalid collection name",
            { f in
                _ = try await f.client.hasCollection(name: "books🦊")
            }),
        Case(
            "collection: 513-character name", .invalidArgument, "at most 512",
            { f in
                try await f.client.deleteCollection(name: String(repeating: "n", count: 513))
            }),
        Case(
            "collection: dimension 0", .invalidArgument, "dimension must be between 1 and 4096, got 0",
            { f in
                _ = try await f.client.createCollection(name: "bad_dim", configuration: .init(dimension: 0), embeddingFunction: nil)
            }),
        Case(
            "collection: dimension 4097", .invalidArgument, "got 4097",
            { f in
                _ = try await f.client.getOrCreateCollection(name: "bad_dim", configuration: .init(dimension: 4097), embeddingFunction: nil)
            }),
        Case(
            "collection: negative dimension", .invalidArgument, "got -2",
            { f in
                _ = try await f.client.createCollection(name: "bad_dim", configuration: .init(dimension: -2), embeddingFunction: nil)
            }),
        Case(
            "collection: HNSW m 4", .invalidArgument, "m must be between 5 and 128, got 4",
            { f in
                _ = try await f.client.createCollection(name: "bad_m", configuration: .init(dimension: 3, m: 4), embeddingFunction: nil)
            }),
        Case(
            "collection: HNSW m 129", .invalidArgument, "got 129",
            { f in
                _ = try await f.client.createCollection(name: "bad_m", configuration: .init(dimension: 3, m: 129), embeddingFunction: nil)
            }),
        Case(
            "collection: efConstruction 1001", .invalidArgument, "efConstruction must be between 5 and 1000",
            { f in
                _ = try await f.client.createCollection(
                    name: "bad_ef", configuration: .init(dimension: 3, efConstruction: 1001), embeddingFunction: nil)
            }),
        Case(
            "collection: efSearch 0", .invalidArgument, "efSearch must be between 1 and 1000, got 0",
            { f in
                _ = try await f.client.createCollection(
                    name: "bad_ef", configuration: .init(dimension: 3, efSearch: 0), embeddingFunction: nil)
            }),
        Case(
            "collection: dimension differs from the embedding function's", .invalidArgument,
            "differs from the embedding function's dimension (4)",
            { f in
                _ = try await f.client.createCollection(
                    name: "bad_ef", configuration: .init(dimension: 3), embeddingFunction: LetterCountEmbedding())
            }),
        Case(
            "collection: neither configuration nor embedding function", .invalidArgument, "the dimension is unknown",
            { f in
                _ = try await f.client.createCollection(name: "no_dim", configuration: nil, embeddingFunction: nil)
            })
    ]

    // MARK: Records

    static let three: [Float] = [1, 2, 3]

    static let recordCases: [Case] = [
        Case("add: no ids", .invalidArgument, "ids must not be empty", { f in try await f.collection.add(ids: [], embeddings: []) }),
        Case(
            "add: empty id", .invalidArgument, "the id at index 1 is empty",
            { f in try await f.collection.add(ids: ["x", ""], embeddings: [three, three]) }),
        Case(
            "add: 513-byte id", .invalidArgument, "513 bytes",
            { f in
                try await f.collection.add(ids: IDs(String(repeating: "é", count: 256) + "x"), embeddings: [three])
            }),
        Case(
            "add: duplicate ids", .invalidArgument, "id 'x' appears more than once (again at index 2)",
            { f in
                try await f.collection.add(ids: ["x", "y", "x"], embeddings: [three, three, three])
            }),
        Case(
            "add: fewer documents than ids", .invalidArgument, "1 documents given for 2 ids",
            { f in
                try await f.collection.add(ids: ["x", "y"], embeddings: [three, three], documents: ["only one"])
            }),
        Case(
            "add: more metadatas than ids", .invalidArgument, "3 metadatas given for 2 ids",
            { f in
                try await f.collection.add(ids: ["x", "y"], embeddings: [three, three], metadatas: [["k": 1], ["k": 2], ["k": 3]])
            }),
        Case(
            "add: short embedding", .dimensionMismatch, "index 1 (id 'y') has 2 dimensions; the collection has 3",
            { f in
                try await f.collection.add(ids: ["x", "y"], embeddings: [three, [1, 2]])
            }),
        Case(
            "add: NaN in embedding", .invalidArgument, "non-finite value at position 2",
            { f in
                try await f.collection.add(ids: ["x"], embeddings: [[1, 2, .nan]])
            }),
        Case(
            "add: -infinity in embedding", .invalidArgument, "non-finite value at position 0",
            { f in
                try await f.collection.add(ids: ["x"], embeddings: [[-.infinity, 2, 3]])
            }),
        Case(
            "add: neither embedding nor document", .invalidArgument, "index 0 (id 'x') has neither an embedding nor a document",
            { f in
                try await f.collection.add(ids: ["x"], metadatas: ["k": 1])
            }),
        Case(
            "add: documents without an embedding function", .invalidArgument, "has no embedding function",
            { f in
                try await f.collection.add(ids: ["x"], documents: ["text"])
            }),
        Case(
            "add: infinity nested in metadata", .invalidArgument, "non-finite number at $.scores[1]",
            { f in
                try await f.collection.add(ids: ["x"], embeddings: [three], metadatas: ["scores": [1.0, .double(.infinity)]])
            }),
        Case(
            "add: operator-like metadata key", .invalidArgument, "'$in'",
            { f in
                try await f.collection.add(ids: ["x"], embeddings: [three], metadatas: ["$in": "value"])
            }),
        Case(
            "add: empty metadata key", .invalidArgument, "empty key",
            { f in
                try await f.collection.add(ids: ["x"], embeddings: [three], metadatas: ["": "value"])
            }),
        Case(
            "add: embedding function returns NaN", .invalidArgument, "non-finite value at position 0",
            { f in
                try await f.with(FaultyEmbedding(fault: .nan)).add(ids: ["x"], documents: ["text"])
            }),
        Case(
            "add: embedding function returns the wrong dimension", .dimensionMismatch, "has 5 dimensions; the collection has 3",
            { f in
                try await f.with(FaultyEmbedding(fault: .wrongDimension)).add(ids: ["x"], documents: ["text"])
            }),
        Case(
            "add: embedding function returns too few vectors", .embeddingFailed, "returned 0 vectors for 1 documents",
            { f in
                try await f.with(FaultyEmbedding(fault: .noVectors)).add(ids: ["x"], documents: ["text"])
            }),
        Case(
            "add: embedding function throws", .embeddingFailed, "the embedding function failed",
            { f in
                try await f.with(FaultyEmbedding(fault: .throwsError)).add(ids: ["x"], documents: ["text"])
            }),
        Case("update: nothing to change", .invalidArgument, "nothing to change", { f in try await f.collection.update(ids: ["a"]) }),
        Case(
            "update: one record with nothing to change", .invalidArgument, "index 1 (id 'b') has nothing to change",
            { f in
                try await f.collection.update(ids: ["a", "b"], documents: ["new", nil])
            }),
        Case(
            "update: embeddings count mismatch", .invalidArgument, "1 embeddings given for 2 ids",
            { f in
                try await f.collection.update(ids: ["a", "b"], embeddings: [three])
            }),
        Case(
            "update: NaN nested in merge patch", .invalidArgument, "non-finite number at $.a.b",
            { f in
                try await f.collection.update(ids: ["a"], metadatas: ["a": ["b": .double(.nan)]], metadataMode: .merge)
            }),
        Case(
            "upsert: 4-d embedding", .dimensionMismatch, "index 0 (id 'n') has 4 dimensions",
            { f in
                try await f.collection.upsert(ids: ["n"], embeddings: [[1, 2, 3, 4]])
            }),
        Case(
            "upsert: duplicate ids", .invalidArgument, "id 'a' appears more than once",
            { f in
                try await f.collection.upsert(ids: ["a", "a"], metadatas: [["k": 1], ["k": 2]])
            }),
        Case(
            "get: negative limit", .invalidArgument, "limit must not be negative, got -1",
            { f in _ = try await f.collection.get(limit: -1) }),
        Case(
            "get: negative offset", .invalidArgument, "offset must not be negative, got -5",
            { f in _ = try await f.collection.get(offset: -5) }),
        Case("get: empty id", .invalidArgument, "the id at index 0 is empty", { f in _ = try await f.collection.get(ids: [""]) }),
        Case(
            "get: unknown include", .invalidArgument, "include",
            { f in _ = try await f.collection.get(ids: ["a"], include: Include(rawValue: 1 << 12)) }),
        Case("peek: negative limit", .invalidArgument, "limit must not be negative", { f in _ = try await f.collection.peek(limit: -10) }),
        Case("delete: no ids", .invalidArgument, "ids must not be empty", { f in _ = try await f.collection.delete(ids: []) }),
        Case(
            "delete: duplicate ids", .invalidArgument, "appears more than once", { f in _ = try await f.collection.delete(ids: ["a", "a"]) }
        )
    ]

    // MARK: Filters and queries

    static let filterCases: [Case] = [
        Case(
            "query: nResults 0", .invalidArgument, "nResults must be between 1 and 16384, got 0",
            { f in
                _ = try await f.collection.query(embeddings: [three], nResults: 0)
            }),
        Case(
            "query: nResults 16385", .invalidArgument, "got 16385",
            { f in
                _ = try await f.collection.query(embeddings: [three], nResults: 16_385)
            }),
        Case(
            "query: no query vectors", .invalidArgument, "give at least one query embedding",
            { f in
                _ = try await f.collection.query(embeddings: [])
            }),
        Case(
            "query: wrong dimension", .dimensionMismatch, "has 2 dimensions; the collection has 3",
            { f in _ = try await f.collection.query(embeddings: [[1, 2]]) }),
        Case(
            "query: NaN in query vector", .invalidArgument, "index 0", { f in _ = try await f.collection.query(embeddings: [[1, .nan, 3]]) }
        ),
        Case(
            "filter JSON: empty object", .invalidArgument, "an empty filter object matches every record",
            { _ in _ = try MetadataFilter(json: "{}") }),
        Case(
            "filter JSON: unknown operator", .invalidArgument, "unknown operator '$regex'",
            { _ in _ = try MetadataFilter(json: #"{"k": {"$regex": "x"}}"#) }),
        Case(
            "filter JSON: not an object", .invalidArgument, "a filter must be a JSON object",
            { _ in _ = try MetadataFilter(json: "[1, 2]") }),
        Case("filter JSON: malformed", .invalidArgument, "not valid JSON", { _ in _ = try MetadataFilter(json: #"{"k": "#) }),
        Case(
            "document filter JSON: unknown operator", .invalidArgument, "unknown operator '$like'",
            { _ in _ = try DocumentFilter(json: #"{"$like": "x"}"#) }),
        Case(
            "document filter JSON: non-string", .invalidArgument, "expects a string",
            { _ in _ = try DocumentFilter(json: #"{"$contains": 1}"#) }),
        Case(
            "get: empty filter key", .invalidArgument, "a metadata key is empty",
            { f in _ = try await f.collection.get(where: .field("") == 1) }),
        Case(
            "get: empty key part", .invalidArgument, "empty part between dots",
            { f in _ = try await f.collection.get(where: .field("a..b") == 1) }),
        Case(
            "get: NaN in filter", .invalidArgument, "non-finite",
            { f in _ = try await f.collection.get(where: .field("k") == .double(.nan)) }),
        Case(
            "get: ordering against a list", .invalidArgument, "comparisons take a string, number or boolean",
            { f in
                _ = try await f.collection.get(where: .field("k") > [1, 2])
            }),
        Case("delete: nothing selected", .invalidArgument, "give ids, where or whereDocument", { f in _ = try await f.collection.delete() })
    ]
}

/// An embedding function that misbehaves in one chosen way.
struct FaultyEmbedding: EmbeddingFunction {
    enum Fault: Sendable { case nan, wrongDimension, noVectors, throwsError }
    struct Failure: Error {}
    let fault: Fault
    var dimension: Int { 3 }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        switch fault {
        case .nan: texts.map { _ in [.nan, 0, 0] }
        case .wrongDimension: texts.map { _ in [1, 2, 3, 4, 5] }
        case .noVectors: []
        case .throwsError: throw Failure()
        }
    }
}

extension SeekDBAdminClient {
    /// An admin client for the bad-input table: opened (that opening is not counted) and closed around `body`.
    static func withAdmin(_ fixture: BadInputTests.Fixture, _ body: (SeekDBAdminClient) async throws -> Void) async throws {
        let admin = try await StatementTracing.$counter.withValue(nil) {
            try await SeekDBAdminClient(configuration: fixture.client.configuration)
        }
        do {
            try await body(admin)
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
    }
}
