/// Records (``RecordInput``) turned into the parallel lists the write calls take, so that
/// record-shaped calls go through exactly the same validation and write path as list-shaped ones.
struct RecordColumns: Sendable {
    var ids: IDs
    /// `nil` when no record has the field, so the call looks as if the list was not given.
    var embeddings: Embeddings?
    var documents: Documents?
    var metadatas: Metadatas?
    var sparseEmbeddings: SparseEmbeddings?

    init(_ records: [RecordInput]) {
        ids = IDs(records.map(\.id))
        embeddings = records.contains { $0.embedding != nil } ? Embeddings(records.map(\.embedding)) : nil
        documents = records.contains { $0.document != nil } ? Documents(records.map(\.document)) : nil
        metadatas = records.contains { $0.metadata != nil } ? Metadatas(records.map(\.metadata)) : nil
        sparseEmbeddings = records.contains { $0.sparseEmbedding != nil } ? SparseEmbeddings(records.map(\.sparseEmbedding)) : nil
    }
}
