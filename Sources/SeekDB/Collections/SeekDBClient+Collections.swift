import Foundation
public import Logging
import SeekDBDriver

extension SeekDBClient {
    /// Creates a collection in pyseekdb's v2 layout (a catalog row in `sdk_collections` and a
    /// `c$v2$<id>` table with a vector and a full-text index), readable by pyseekdb.
    ///
    /// - Parameters:
    ///   - name: 1…512 characters from `[A-Za-z0-9_]`. Names are case-insensitive on the server.
    ///   - configuration: dimension, distance and HNSW options. `nil` takes the embedding
    ///     function's dimension with cosine distance.
    ///   - embeddingFunction: computes embeddings from documents; `nil` for none. If it has a
    ///     `EmbeddingFunction.persistedName` known to pyseekdb, that name is stored.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: the new collection.
    /// - Throws: ``SeekDBError`` — ``SeekDBError/Code/invalidArgument`` (bad name or
    ///   configuration, dimension differing from the embedding function's, neither given),
    ///   ``SeekDBError/Code/collectionExists``, ``SeekDBError/Code/permissionDenied``.
    public func createCollection(
        name: String, configuration: HNSWConfiguration? = nil,
        embeddingFunction: (any EmbeddingFunction)?, logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await createCollection(
            name: name, configuration: configuration, embeddingFunction: embeddingFunction,
            sparseVectorIndex: nil, logger: logger)
    }

    /// Creates a collection in pyseekdb's v2 layout, with a sparse vector index when
    /// `sparseVectorIndex` is given: a `sparse_embedding SPARSEVECTOR` column and its
    /// `idx_sparse` index (inner product, `sindi`), and the `sparse_vector_index` settings
    /// pyseekdb writes, so pyseekdb opens and searches the collection with its own function.
    ///
    /// Every write then keeps the sparse column current:
    /// ``SeekDBCollection/add(ids:embeddings:sparseEmbeddings:documents:metadatas:logger:)``,
    /// `update` and `upsert` compute the sparse vector from the source (document or metadata
    /// key) they change, in the same call.
    ///
    /// - Parameters:
    ///   - name: 1…512 characters from `[A-Za-z0-9_]`, case-insensitive on the server.
    ///   - configuration: dimension, distance and HNSW options. `nil` takes the embedding
    ///     function's dimension with cosine distance.
    ///   - embeddingFunction: computes embeddings from documents; `nil` for none.
    ///   - sparseVectorIndex: the sparse index and the function that fills it; `nil` for none.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: the new collection.
    /// - Throws: ``SeekDBError`` — ``SeekDBError/Code/invalidArgument`` (also for sparse index
    ///   options out of pyseekdb's ranges, or a metadata source key starting with `#`),
    ///   ``SeekDBError/Code/collectionExists``, ``SeekDBError/Code/permissionDenied``.
    public func createCollection(
        name: String, configuration: HNSWConfiguration? = nil,
        embeddingFunction: (any EmbeddingFunction)?, sparseVectorIndex: SparseVectorIndexConfiguration?,
        logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await withCall(.createCollection, collection: name) { [self] in
            try CollectionName.validate(name)
            let configuration = try Self.resolveConfiguration(configuration, embeddingFunction: embeddingFunction)
            try sparseVectorIndex?.validate()
            let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let table = TableDefinition.v2TableName(id: id)
            var settings = CollectionSettings(embeddingFunctionName: embeddingFunction?.persistedName)
            settings.sparseVectorIndexJSON = sparseVectorIndex?.settingsJSON
            let timeouts = self.configuration.statementTimeouts
            try await withDriverConnection(logger: logger, collection: name, table: table) { connection, logger in
                // Every statement of the create runs with the DDL timeout: on a busy server the
                // first write to the new tables waits for the same schema work as the DDL itself.
                try await timeouts.runSchemaChange(on: connection, logger: logger) {
                    try await Self.prepareCatalog(forNewCollection: name, on: connection, timeouts: timeouts, logger: logger)
                    // The table first, then the catalog row: a client that sees the row also finds the
                    // table, and the unique name key decides a race between two creators. The table's
                    // name is unique to this call, so a failed create drops it: no orphan table is left.
                    do {
                        try await connection.executeDDL(
                            TableDefinition.createTable(table, configuration: configuration, sparse: sparseVectorIndex),
                            budget: timeouts.ddl, logger: logger)
                    } catch {
                        await timeouts.dropCreatedTable(table, on: connection, logger: logger)
                        throw error
                    }
                    do {
                        try await connection.executeResendingRefusals(
                            CatalogStatements.insert,
                            [.string(id), .string(name), .string(settings.json)], budget: timeouts.ddl, logger: logger)
                    } catch let error as DriverError {
                        await timeouts.dropCreatedTable(table, on: connection, logger: logger)
                        if error.number == MariaDBErrorNumber.duplicateEntry {
                            throw SeekDBError(.collectionExists, "collection '\(name)' already exists")
                        }
                        throw error
                    }
                }
            }
            return SeekDBCollection(
                name: name, id: id, dimension: configuration.dimension, distance: configuration.distance,
                embeddingFunction: embeddingFunction, persistedEmbeddingFunctionName: settings.embeddingFunctionName,
                client: self, table: table, sparseVectorIndex: sparseVectorIndex?.settings)
        }
    }

    /// Opens an existing collection.
    ///
    /// Names match case-insensitively, as the server's collation does. Legacy `c$v1$`
    /// collections are found too.
    ///
    /// - Parameters:
    ///   - name: the collection's name.
    ///   - choice: the embedding function the collection uses. The default, `.persisted`, is
    ///     pyseekdb's `get_collection(name)`: the function the collection was created with.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Throws: ``SeekDBError/Code/collectionNotFound``, ``SeekDBError/Code/invalidArgument``.
    public func getCollection(
        name: String, using choice: EmbeddingFunctionChoice = .persisted,
        logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await withCall(.getCollection, collection: name) { [self] in
            try await loadCollection(name: name, using: choice, logger: logger)
        }
    }

    /// Opens an existing collection with the embedding function you pass, `nil` for none: the
    /// spelling of pyseekdb's `get_collection(name, embedding_function=…)`. The same as
    /// ``getCollection(name:using:logger:)`` with `.function(f)` or `.none`; note that `nil`
    /// means *no* function, not the persisted one (leave the argument out for that).
    ///
    /// - Throws: ``SeekDBError/Code/collectionNotFound``, ``SeekDBError/Code/invalidArgument``.
    public func getCollection(
        name: String, embeddingFunction: (any EmbeddingFunction)?,
        logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await getCollection(name: name, using: EmbeddingFunctionChoice(embeddingFunction), logger: logger)
    }

    /// Returns the collection if it exists, otherwise creates it. Safe when several clients
    /// race to create the same name: the losers open the winner's collection.
    public func getOrCreateCollection(
        name: String, configuration: HNSWConfiguration? = nil,
        embeddingFunction: (any EmbeddingFunction)?, logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await getOrCreateCollection(
            name: name, configuration: configuration, embeddingFunction: embeddingFunction,
            sparseVectorIndex: nil, logger: logger)
    }

    /// Returns the collection if it exists (with the sparse index it has, whatever
    /// `sparseVectorIndex` says, as pyseekdb's `get_or_create_collection`), otherwise creates it
    /// with `sparseVectorIndex`; see ``createCollection(name:configuration:embeddingFunction:sparseVectorIndex:logger:)``.
    public func getOrCreateCollection(
        name: String, configuration: HNSWConfiguration? = nil,
        embeddingFunction: (any EmbeddingFunction)?, sparseVectorIndex: SparseVectorIndexConfiguration?,
        logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await withCall(.getOrCreateCollection, collection: name) { [self] in
            // A bad name or configuration is an error even when the collection exists.
            try CollectionName.validate(name)
            try configuration?.validate()
            try sparseVectorIndex?.validate()
            return try await getOrCreate(
                get: { try await self.getCollection(name: name, embeddingFunction: embeddingFunction, logger: logger) },
                create: {
                    try await self.createCollection(
                        name: name, configuration: configuration, embeddingFunction: embeddingFunction,
                        sparseVectorIndex: sparseVectorIndex, logger: logger)
                })
        }
    }

    /// Get, else create; if another client created it in between, get the winner's collection.
    func getOrCreate(
        get: () async throws -> SeekDBCollection,
        create: () async throws -> SeekDBCollection
    ) async throws -> SeekDBCollection {
        do {
            return try await get()
        } catch SeekDBError.Code.collectionNotFound {
            do {
                return try await create()
            } catch SeekDBError.Code.collectionExists {
                return try await get()
            }
        }
    }

    /// `true` if a collection with this name exists.
    public func hasCollection(name: String, logger: Logger? = nil) async throws -> Bool {
        try await withCall(.hasCollection, collection: name) { [self] in
            do {
                _ = try await loadCollection(name: name, using: .none, logger: logger)
                return true
            } catch SeekDBError.Code.collectionNotFound {
                return false
            } catch SeekDBError.Code.unsupportedCollection {
                return true  // it exists, even if this SDK cannot open it
            }
        }
    }

    /// Deletes a collection: drops its table and removes its catalog row.
    ///
    /// - Throws: ``SeekDBError/Code/collectionNotFound`` if it does not exist.
    public func deleteCollection(name: String, logger: Logger? = nil) async throws {
        try await withCall(.deleteCollection, collection: name) { [self] in
            try CollectionName.validate(name)
            let timeouts = self.configuration.statementTimeouts
            try await withDriverConnection(logger: logger, collection: name) { connection, logger in
                try await timeouts.runSchemaChange(on: connection, logger: logger) {
                    if let entry = try await Self.findCatalogEntry(name, on: connection, logger: logger) {
                        try await connection.executeDDL(
                            TableDefinition.dropTable(TableDefinition.v2TableName(id: entry.id)), budget: timeouts.ddl, logger: logger)
                        try await connection.executeResendingRefusals(
                            CatalogStatements.delete, [.string(entry.id)],
                            budget: timeouts.ddl, logger: logger)
                        return
                    }
                    let legacy = TableDefinition.v1TableName(name: name)
                    guard try await Self.showCreateTable(legacy, on: connection, logger: logger) != nil else {
                        throw SeekDBError(.collectionNotFound, "collection '\(name)' does not exist")
                    }
                    try await connection.executeDDL(TableDefinition.dropTable(legacy), budget: timeouts.ddl, logger: logger)
                }
            }
        }
    }

    /// Every collection of the database (v2 and legacy v1), in a constant number of queries
    /// however many collections there are.
    ///
    /// Collections are opened with their persisted embedding function when this SDK knows it
    /// (`"default"`), otherwise with none.
    public func listCollections(logger: Logger? = nil) async throws -> [SeekDBCollection] {
        try await withCall(.listCollections) { [self] in
            let listing = try await withDriverConnection(logger: logger) { connection, logger in
                try await CollectionListing.read(on: connection, logger: logger)
            }
            return listing.map { entry in
                SeekDBCollection(
                    name: entry.name, id: entry.id, dimension: entry.dimension, distance: entry.distance,
                    embeddingFunction: Self.embeddingFunction(
                        persistedName: entry.settings.embeddingFunctionName, dimension: entry.dimension),
                    persistedEmbeddingFunctionName: entry.settings.embeddingFunctionName, client: self, table: entry.table,
                    sparseVectorIndex: entry.settings.sparseVectorIndex)
            }
        }
    }

    /// How many collections the database has.
    public func countCollections(logger: Logger? = nil) async throws -> Int {
        try await withCall(.countCollections) { [self] in
            try await withDriverConnection(logger: logger) { connection, logger in
                try await CollectionListing.read(on: connection, logger: logger).count
            }
        }
    }

    // MARK: Internals

    /// Reads a collection's catalog row and table definition, then resolves `choice` against
    /// what the settings record.
    func loadCollection(
        name: String, using choice: EmbeddingFunctionChoice,
        logger: Logger?
    ) async throws -> SeekDBCollection {
        try CollectionName.validate(name)
        return try await withDriverConnection(logger: logger, collection: name) { connection, logger in
            if let entry = try await Self.findCatalogEntry(name, on: connection, logger: logger),
                let definition = try await Self.showCreateTable(TableDefinition.v2TableName(id: entry.id), on: connection, logger: logger)
            {
                let (dimension, distance) = TableDefinition.parse(showCreateTable: definition)
                guard let dimension else {
                    throw SeekDBError(.decodingFailed, "collection '\(entry.name)' has no VECTOR embedding column")
                }
                return SeekDBCollection(
                    name: entry.name, id: entry.id, dimension: dimension, distance: distance,
                    embeddingFunction: choice.resolve(
                        persistedName: entry.settings.embeddingFunctionName,
                        dimension: dimension),
                    persistedEmbeddingFunctionName: entry.settings.embeddingFunctionName,
                    client: self, table: TableDefinition.v2TableName(id: entry.id),
                    sparseVectorIndex: entry.settings.sparseVectorIndex)
            }
            let legacy = TableDefinition.v1TableName(name: name)
            if let definition = try await Self.showCreateTable(legacy, on: connection, logger: logger) {
                let (dimension, distance) = TableDefinition.parse(showCreateTable: definition)
                guard let dimension else {
                    throw SeekDBError(.decodingFailed, "collection '\(name)' has no VECTOR embedding column")
                }
                return SeekDBCollection(
                    name: name, id: nil, dimension: dimension, distance: distance,
                    embeddingFunction: choice.resolve(persistedName: nil, dimension: dimension),
                    persistedEmbeddingFunctionName: nil, client: self, table: legacy)
            }
            throw SeekDBError(.collectionNotFound, "collection '\(name)' does not exist")
        }
    }

    /// Creates the catalog table if needed and checks that `name` is free (no catalog row, no
    /// legacy table); run with the DDL timeout.
    ///
    /// - Throws: ``SeekDBError/Code/collectionExists``.
    static func prepareCatalog(
        forNewCollection name: String, on connection: MariaDBConnection, timeouts: StatementTimeouts,
        logger: Logger
    ) async throws {
        let catalogued = try await createCatalog(andFind: name, on: connection, timeouts: timeouts, logger: logger) != nil
        let legacy = try await showCreateTable(TableDefinition.v1TableName(name: name), on: connection, logger: logger) != nil
        if catalogued || legacy {
            throw SeekDBError(.collectionExists, "collection '\(name)' already exists")
        }
    }

    /// Creates the catalog table if needed, then returns the catalog row for `name` (as
    /// ``findCatalogEntry(_:on:logger:)``).
    ///
    /// When another session (pyseekdb, another client) creates the catalog at the same moment,
    /// seekdb can answer this session's `CREATE TABLE IF NOT EXISTS` at once while the table is
    /// not yet visible to it: the next statement fails with 1146. Both statements are then sent
    /// again, pausing 100, 200, … ms (at most 1 s), until the table is seen or the DDL budget is
    /// spent; the last 1146 is thrown then.
    static func createCatalog(
        andFind name: String, on connection: MariaDBConnection, timeouts: StatementTimeouts, logger: Logger
    ) async throws -> CatalogRow? {
        let deadline = ContinuousClock.now + timeouts.ddl
        for attempt in 1... {
            try await connection.executeDDL(CatalogStatements.create, budget: timeouts.ddl, logger: logger)
            do {
                let result = try await connection.execute(CatalogStatements.selectByName, [.string(name)], logger: logger)
                return try catalogEntry(in: result)
            } catch let error as DriverError where error.number == MariaDBErrorNumber.noSuchTable {
                let pause = Duration.milliseconds(100 * min(attempt, 10))
                guard ContinuousClock.now + pause < deadline else { throw error }
                logger.debug(
                    "the catalog table is not yet visible after CREATE TABLE IF NOT EXISTS; trying again",
                    metadata: ["attempt": "\(attempt)"])
                try await Task.sleep(for: pause)
            }
        }
        fatalError("unreachable: the loop returns or throws")
    }

    /// The catalog row for `name` (case-insensitive). `nil` if there is none or the catalog
    /// table does not exist yet; a namespace row (LakeBase only) is a typed error.
    static func findCatalogEntry(_ name: String, on connection: MariaDBConnection, logger: Logger) async throws -> CatalogRow? {
        let result: ResultSet
        do {
            result = try await connection.execute(
                CatalogStatements.selectByName,
                [.string(name)], logger: logger)
        } catch let error as DriverError where error.number == MariaDBErrorNumber.noSuchTable {
            return nil
        }
        return try catalogEntry(in: result)
    }

    /// The first catalog row of `result` that is not a namespace row; a namespace row alone is a
    /// typed error (LakeBase only).
    private static func catalogEntry(in result: ResultSet) throws -> CatalogRow? {
        var namespaceName: String?
        for entry in result.rows.compactMap(CatalogRow.init(row:)) {
            if entry.settings.usesNamespace {
                namespaceName = entry.name
                continue
            }
            return entry
        }
        if let namespaceName {
            throw SeekDBError(
                .unsupportedCollection,
                "collection '\(namespaceName)' is a namespace collection (use_namespace), which only LakeBase serves; pyseekdb refuses it "
                    + "on seekdb too"
            )
        }
        return nil
    }

    /// `SHOW CREATE TABLE` text, or `nil` if the table does not exist.
    static func showCreateTable(_ table: String, on connection: MariaDBConnection, logger: Logger) async throws -> String? {
        do {
            let result = try await connection.query(SchemaStatements.showCreateTable(table), logger: logger)
            return result.rows.first.flatMap { $0.count > 1 ? $0[1].stringValue : nil }
        } catch let error as DriverError where error.number == MariaDBErrorNumber.noSuchTable {
            return nil
        }
    }

    static func resolveConfiguration(
        _ configuration: HNSWConfiguration?,
        embeddingFunction: (any EmbeddingFunction)?
    ) throws(SeekDBError) -> HNSWConfiguration {
        let resolved: HNSWConfiguration
        switch (configuration, embeddingFunction) {
        case (nil, nil):
            throw .invalidArgument(
                "cannot create a collection without a configuration and without an embedding function: the dimension is unknown")
        case (nil, let function?):
            resolved = HNSWConfiguration(dimension: function.dimension)
        case (let configuration?, let function?) where configuration.dimension != function.dimension:
            throw .invalidArgument(
                "configuration dimension (\(configuration.dimension)) differs from the embedding function's dimension "
                    + "(\(function.dimension))"
            )
        case (let configuration?, _):
            resolved = configuration
        }
        try resolved.validate()
        return resolved
    }

    /// The embedding function to attach when the caller does not choose one: `"default"`
    /// (all-MiniLM-L6-v2) is restored as `DefaultEmbeddingFunction`; with no persisted name,
    /// pyseekdb attaches its default too, which this SDK does when the dimension is the
    /// default function's (384). Other names (e.g. `"openai"`) leave the collection without one.
    static func embeddingFunction(persistedName: String?, dimension: Int) -> (any EmbeddingFunction)? {
        switch persistedName {
        case "default"?: return DefaultEmbeddingFunction()
        case nil where dimension == DefaultEmbeddingFunction().dimension: return DefaultEmbeddingFunction()
        default: return nil
        }
    }
}
