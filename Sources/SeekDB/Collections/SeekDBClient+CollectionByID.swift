public import Logging
import SeekDBDriver

/// Opening a collection by its catalog id (``SeekDBCollection/id``), as Chroma-style APIs
/// address collections: the id stays the same for the collection's life, while a name can be
/// deleted and created again for another collection.
extension SeekDBClient {
    /// Opens the collection whose catalog id is `id`.
    ///
    /// ```swift
    /// let books = try await client.getCollection(id: savedID)
    /// ```
    ///
    /// Legacy `c$v1$` collections have no id (``SeekDBCollection/id`` is `nil`); open them by name.
    ///
    /// - Parameters:
    ///   - id: the catalog id.
    ///   - choice: the embedding function, as in ``getCollection(name:using:logger:)``.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Throws: ``SeekDBError/Code/invalidArgument`` for an id that is not 1–32 ASCII letters
    ///   and digits (before any SQL is sent); ``SeekDBError/Code/collectionNotFound``.
    public func getCollection(
        id: String, using choice: EmbeddingFunctionChoice = .persisted,
        logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await withCall(.getCollection, collection: nil) { [self] in
            try await openCollection(
                name: try await collectionName(id: id, logger: logger), expectingID: id,
                using: choice, logger: logger)
        }
    }

    /// Opens the collection whose catalog id is `id` with the embedding function you pass,
    /// `nil` for none (not the persisted one: leave the argument out for that).
    ///
    /// - Throws: as ``getCollection(id:using:logger:)``.
    public func getCollection(
        id: String, embeddingFunction: (any EmbeddingFunction)?,
        logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await getCollection(id: id, using: EmbeddingFunctionChoice(embeddingFunction), logger: logger)
    }

    /// The name of the catalogued collection with this id.
    private func collectionName(id: String, logger: Logger?) async throws -> String {
        guard (1...32).contains(id.utf8.count), id.utf8.allSatisfy(Self.isASCIIAlphanumeric) else {
            throw SeekDBError.invalidArgument("getCollection: a collection id is 1 to 32 ASCII letters and digits (a UUID's hex digits)")
        }
        let rows = try await withDriverConnection(logger: logger) { connection, logger in
            do {
                return try await connection.execute(
                    CatalogStatements.selectName, [.string(id)], logger: logger
                ).rows
            } catch let error as DriverError where error.number == MariaDBErrorNumber.noSuchTable {
                return []
            }
        }
        guard let name = rows.first?.first?.stringValue else {
            throw SeekDBError(.collectionNotFound, "no collection has the id '\(id)'")
        }
        return name
    }

    /// Opens `name` and checks that it is still the collection with `id` (it may have been
    /// deleted and created again in between).
    private func openCollection(
        name: String, expectingID id: String, using choice: EmbeddingFunctionChoice,
        logger: Logger?
    ) async throws -> SeekDBCollection {
        let collection = try await loadCollection(name: name, using: choice, logger: logger)
        guard collection.id?.lowercased() == id.lowercased() else {
            throw SeekDBError(.collectionNotFound, "no collection has the id '\(id)'")
        }
        return collection
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
