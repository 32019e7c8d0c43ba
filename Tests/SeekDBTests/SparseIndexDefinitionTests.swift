import Testing

@testable import SeekDB

/// The text of a sparse collection's table and settings, as pyseekdb 1.4 writes them (the
/// integration tests compare them with a collection pyseekdb created).
struct SparseIndexDefinitionTests {
    @Test func indexOptionsAreWrittenAsPyseekdbWritesThem() throws {
        let defaults = try SparseVectorIndexConfiguration(function: BM25SparseEmbeddingFunction())
        #expect(
            defaults.indexOptions == "DISTANCE=inner_product, TYPE=sindi, LIB=vsag, prune=false, refine=false, "
                + "drop_ratio_build=0.0, drop_ratio_search=0.0, refine_k=4.0")
        let custom = try SparseVectorIndexConfiguration(
            function: BM25SparseEmbeddingFunction(), prune: true, refine: true,
            dropRatioBuild: 0.1, dropRatioSearch: 0.25, refineK: 8)
        #expect(
            custom.indexOptions == "DISTANCE=inner_product, TYPE=sindi, LIB=vsag, prune=true, refine=true, "
                + "drop_ratio_build=0.1, drop_ratio_search=0.25, refine_k=8.0")
        let table = TableDefinition.createTable("c$v2$ab", configuration: HNSWConfiguration(dimension: 3, distance: .l2), sparse: defaults)
        #expect(table.contains("embedding vector(3),\n  sparse_embedding SPARSEVECTOR,\n  metadata json,"))
        #expect(table.contains("VECTOR INDEX idx_sparse (sparse_embedding) WITH (\(defaults.indexOptions))"))
        #expect(!TableDefinition.createTable("c$v2$ab", configuration: HNSWConfiguration(dimension: 3)).contains("sparse"))
    }

    @Test func settingsCarryTheSourceAndTheFunction() throws {
        let bm25 = try BM25SparseEmbeddingFunction(k: 1.5, dimension: 1000)
        var settings = CollectionSettings(embeddingFunctionName: nil)
        settings.sparseVectorIndexJSON = SparseVectorIndexConfiguration(function: bm25, source: .metadata(key: "title")).settingsJSON
        let read = CollectionSettings(json: settings.json)
        #expect(
            read.sparseVectorIndex
                == SparseVectorIndexSettings(
                    source: .metadata(key: "title"), functionName: "bm25",
                    functionPropertiesJSON: #"{"dim":1000,"language":"english","k":1.5,"b":0.75,"avg_doc_length":256.0}"#))
        #expect(read.sparseVectorIndex?.function != nil)
        #expect(settings.json.contains(#""source_key":"title""#))
        let document = CollectionSettings(
            json: ##"{"version": 2, "sparse_vector_index": {"source_key": "#document", "##
                + ##""embedding_function": {"name": "bm25", "properties": {}}}}"##)
        #expect(document.sparseVectorIndex?.source == .document)
    }
}
