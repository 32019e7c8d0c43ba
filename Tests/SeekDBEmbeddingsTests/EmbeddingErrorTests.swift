import SeekDBEmbeddings
import Testing

@Test func embeddingErrorDescriptionNamesCode() {
    let error = EmbeddingError(.modelNotFound, "run scripts/fetch-model")
    #expect(error.description.contains("modelNotFound"))
}
