/// One record to write, with its fields side by side: the record-shaped alternative to the
/// parallel lists of `add`, `upsert` and `update` (their `add(_:)`, `upsert(_:)` and `update(_:)`
/// forms take records).
///
/// ```swift
/// struct Book: Codable { var title: String; var year: Int }
/// try await books.add([
///     try RecordInput(id: "dune", document: "Dune", encoding: Book(title: "Dune", year: 1965)),
///     RecordInput(id: "emma", embedding: [0.3, 0.2, 0.1], metadata: ["year": 1815]),
/// ])
/// try await books.update([RecordUpdate(id: "dune", metadata: ["read": true])], metadataMode: .merge)
/// ```
///
/// A field left `nil` means "none" when adding, and "leave it as it is" when updating (or
/// upserting an existing record). The metadata is ``Metadata`` (`metadata:`) or any
/// `Encodable` value (`encoding:`, encoded by ``MetadataEncoder``).
public struct RecordInput: Sendable, Hashable {
    /// The record's id: non-empty, at most 512 bytes of UTF-8.
    public var id: String
    /// The record's embedding, of the collection's dimension. `nil`: computed from `document`
    /// by the collection's embedding function (or, when updating without a document, kept).
    public var embedding: [Float]?
    /// The record's document.
    public var document: String?
    /// The record's metadata.
    public var metadata: Metadata?
    /// The record's sparse vector, for collections with a sparse vector index. `nil`: computed
    /// from its source (the document or a metadata key) when that is written, else kept. Set it
    /// after creating the record: `var record = RecordInput(id: "a"); record.sparseEmbedding = v`.
    public var sparseEmbedding: SparseVector?

    /// A record with metadata given as ``Metadata`` (or a literal: `metadata: ["year": 1965]`).
    public init(id: String, embedding: [Float]? = nil, document: String? = nil, metadata: Metadata? = nil) {
        self.id = id
        self.embedding = embedding
        self.document = document
        self.metadata = metadata
    }

    /// A record whose metadata is any `Encodable` value, encoded by `encoder`:
    /// `try RecordInput(id: "dune", document: "Dune", encoding: book)`. A value that encodes to
    /// `null` (a `nil` optional) gives no metadata.
    ///
    /// The label differs from `metadata:` on purpose: with one label, a dictionary literal such
    /// as `["year": 1965, "score": 9.5]` would be typed `[String: Double]` and encoded as
    /// doubles, instead of becoming ``Metadata`` with the integer kept.
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` naming the record and where the value
    ///   could not be encoded (see ``MetadataEncoder/encode(_:)``).
    public init(
        id: String, embedding: [Float]? = nil, document: String? = nil, encoding value: some Encodable,
        encoder: MetadataEncoder = MetadataEncoder()
    ) throws {
        self.init(id: id, embedding: embedding, document: document)
        do {
            metadata = try encoder.encodeObjectOrNull(value)
        } catch {
            throw SeekDBError(
                .invalidArgument,
                "record '\(id)': the metadata cannot be encoded: \(CodingErrorDescription.describe(error))",
                underlying: error)
        }
    }
}

/// One record to change with `SeekDBCollection.update(_:)` (one record or a list):
/// the fields given change, the fields left `nil` stay as they are.
///
/// ```swift
/// try await books.update(RecordUpdate(id: "dune", document: "Dune (1965)"))
/// ```
public typealias RecordUpdate = RecordInput
