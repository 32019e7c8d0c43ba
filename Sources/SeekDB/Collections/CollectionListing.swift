import Logging
import SeekDBDriver

/// Lists collections with a constant number of statements: the catalog, the `embedding`
/// columns of every collection table (dimension, and proof the table exists), and the vector
/// indexes' parameters (distance).
enum CollectionListing {
    struct Entry: Sendable {
        var name: String
        var id: String?
        var table: String
        var dimension: Int
        var distance: DistanceMetric?
        var settings: CollectionSettings
    }

    static func read(on connection: MariaDBConnection, logger: Logger) async throws -> [Entry] {
        var catalog: [CatalogRow] = []
        do {
            let rows = try await connection.query(CatalogStatements.selectAll, logger: logger).rows
            catalog = rows.compactMap(CatalogRow.init(row:)).filter { !$0.settings.usesNamespace }
        } catch let error as DriverError where error.number == MariaDBErrorNumber.noSuchTable {
            catalog = []
        }

        var dimensions: [String: Int] = [:]
        let columns = try await connection.query(
            CatalogStatements.embeddingColumnTypes,
            logger: logger
        ).rows
        for row in columns {
            if let table = row[0].stringValue?.lowercased(), let type = row[1].stringValue,
                let dimension = TableDefinition.dimension(fromColumnType: type)
            {
                dimensions[table] = dimension
            }
        }
        let distances = await readDistances(on: connection, logger: logger)

        var entries: [Entry] = []
        for row in catalog {
            let table = TableDefinition.v2TableName(id: row.id)
            guard let dimension = dimensions[table.lowercased()] else { continue }
            entries.append(
                Entry(
                    name: row.name, id: row.id, table: table, dimension: dimension,
                    distance: distances[table.lowercased()], settings: row.settings))
        }
        for (table, dimension) in dimensions.sorted(by: { $0.key < $1.key }) where table.hasPrefix("c$v1$") {
            entries.append(
                Entry(
                    name: String(table.dropFirst(5)), id: nil, table: table, dimension: dimension,
                    distance: distances[table], settings: CollectionSettings(embeddingFunctionName: nil)))
        }
        return entries
    }

    /// Distance of every `idx_vec` index in the current database, keyed by lower-cased table
    /// name. Reads seekdb's table dictionary; an empty answer (e.g. a user who may not read it)
    /// leaves distances unknown rather than failing the listing.
    private static func readDistances(on connection: MariaDBConnection, logger: Logger) async -> [String: DistanceMetric] {
        guard let rows = try? await connection.query(CatalogStatements.vectorIndexParameters, logger: logger).rows else { return [:] }
        var distances: [String: DistanceMetric] = [:]
        for row in rows {
            if let table = row[0].stringValue?.lowercased(), let params = row[1].stringValue,
                let distance = TableDefinition.distance(fromIndexParameters: params)
            {
                distances[table] = distance
            }
        }
        return distances
    }
}
