import SeekDBDriver

/// One row of pyseekdb's collection catalog (`sdk_collections`), as the catalog's `SELECT`s
/// return it: id, name, settings JSON (``CatalogStatements``).
struct CatalogRow: Sendable {
    var id: String
    var name: String
    var settings: CollectionSettings

    /// Parses a row of `collection_id, collection_name, settings`; `nil` for a row without an id
    /// or a name.
    init?(row: [SQLValue]) {
        guard row.count >= 3, let id = row[0].stringValue, let name = row[1].stringValue else { return nil }
        self.id = id
        self.name = name
        self.settings = CollectionSettings(json: row[2].stringValue)
    }
}
