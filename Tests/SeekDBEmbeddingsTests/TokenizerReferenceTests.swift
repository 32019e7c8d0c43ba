import Testing

@testable import SeekDBEmbeddings

@Suite("Tokenizer against reference.json", .enabled(if: !modelTestsSkipped, "SEEKDB_SKIP_MODEL_TESTS=1"))
struct TokenizerReferenceTests {
    @Test("token ids equal the model's tokenizer.json", arguments: try ReferenceData.records())
    func tokenIDs(record: ReferenceData.Record) throws {
        let directory = try requireModelDirectory()
        let tokenizer = try WordPieceTokenizer(vocabularyFile: directory + "/vocab.txt")
        #expect(tokenizer.encode(record.text, maxLength: 256) == record.tokenIDs)
    }
}
