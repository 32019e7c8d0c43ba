import Testing

@testable import SeekDB

struct CollectionDefinitionTests {
    @Test func namesFollowPyseekdbsRule() throws {
        for good in ["a", "Books_2024", String(repeating: "x", count: 512)] {
            try CollectionName.validate(good)
        }
        for bad in ["", "bad-name", "a b", "a'b", "ü", String(repeating: "x", count: 513), "c$v2$x"] {
            #expect(throws: SeekDBError.self) { try CollectionName.validate(bad) }
        }
    }

    @Test func showCreateTableIsParsedAsPyseekdbReadsIt() {
        let ddl = """
            CREATE TABLE `c$v2$513a` (
              `_id` varbinary(512) NOT NULL,
              `document` string DEFAULT NULL,
              `embedding` VECTOR(384) DEFAULT NULL,
              `metadata` json DEFAULT NULL,
              PRIMARY KEY (`_id`),
              VECTOR KEY `idx_vec` (`embedding`) WITH (DISTANCE=INNER_PRODUCT, TYPE=HNSW, LIB=VSAG, M=16) BLOCK_SIZE 16384
            ) ORGANIZATION HEAP
            """
        let parsed = TableDefinition.parse(showCreateTable: ddl)
        #expect(parsed.dimension == 384)
        #expect(parsed.distance == .innerProduct)
        #expect(TableDefinition.distance(fromIndexParameters: "DISTANCE=COSINE, TYPE=HNSW") == .cosine)
        #expect(TableDefinition.dimension(fromColumnType: "VECTOR(3)") == 3)
    }

    @Test func createTableMatchesPyseekdbsLayout() {
        let sql = TableDefinition.createTable("c$v2$abc", configuration: .init(dimension: 8, distance: .l2, m: 32))
        #expect(sql.contains("_id varbinary(512) PRIMARY KEY NOT NULL"))
        #expect(sql.contains("embedding vector(8)"))
        #expect(sql.contains("FULLTEXT INDEX idx_fts(document) WITH PARSER ik"))
        #expect(sql.contains("WITH (DISTANCE=l2, TYPE=hnsw, LIB=vsag, M=32)"))
        #expect(sql.contains("ORGANIZATION = HEAP"))
    }

    @Test func settingsAreWrittenAndReadAsPyseekdbDoes() {
        #expect(CollectionSettings(embeddingFunctionName: nil).json == #"{"version":2}"#)
        let withDefault = CollectionSettings(embeddingFunctionName: "default").json
        #expect(CollectionSettings(json: withDefault).embeddingFunctionName == "default")
        #expect(CollectionSettings(json: #"{"version": 2, "use_namespace": true}"#).usesNamespace)
    }

    @Test func configurationRangesAreChecked() {
        #expect(throws: SeekDBError.self) { try HNSWConfiguration(dimension: 4097).validate() }
        #expect(throws: SeekDBError.self) { try HNSWConfiguration(dimension: 3, m: 4).validate() }
        #expect(throws: SeekDBError.self) { try HNSWConfiguration(dimension: 3, efSearch: 0).validate() }
        #expect(throws: SeekDBError.self) { try SeekDBClient.resolveConfiguration(nil, embeddingFunction: nil) }
    }

    @Test func chunksRespectRowsBytesAndPlaceholders() {
        let chunker = StatementChunker(placeholdersPerRow: 4)
        let rows = chunker.chunks(count: 1_201) { _ in 100 }
        #expect(rows.map(\.count) == [500, 500, 201])
        let big = chunker.chunks(count: 10) { _ in 3 * 1024 * 1024 }
        #expect(big.allSatisfy { $0.count == 1 })
        let wide = StatementChunker(placeholdersPerRow: 1_000).chunks(count: 200) { _ in 1 }
        #expect(wide.allSatisfy { $0.count <= 65 })
    }
}
