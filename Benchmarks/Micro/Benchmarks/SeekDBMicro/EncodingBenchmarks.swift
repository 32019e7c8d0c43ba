import Benchmark

@testable import SeekDB

/// Metadata on its way to the `metadata` column: the JSON text the SDK binds per record, and
/// the `Codable` path that turns an application's type into ``Metadata`` first.
enum EncodingBenchmarks {
    static func register() {
        // MetadataCodec.encode: validation (keys, finite numbers) and the JSON text, as each
        // statement of add / update / upsert does for its records.
        Benchmark("metadata JSON text, 1,000 records") { benchmark, metadatas in
            for _ in benchmark.scaledIterations {
                for metadata in metadatas {
                    blackHole(try MetadataCodec.encode(metadata, record: "record"))
                }
            }
        } setup: {
            MicroData.metadatas()
        }

        // The public MetadataEncoder: Codable struct (7 properties, a list, a nested object, a Date)
        // to Metadata, as `add(records:)` and `update(_ records:)` do before the JSON text.
        Benchmark("Codable to Metadata (MetadataEncoder), 1,000 records") { benchmark, books in
            let encoder = MetadataEncoder()
            for _ in benchmark.scaledIterations {
                for book in books {
                    blackHole(try encoder.encode(book))
                }
            }
        } setup: {
            MicroData.books()
        }

        // Both steps: an application's type to the bound JSON text.
        Benchmark("Codable to JSON text, 1,000 records") { benchmark, books in
            let encoder = MetadataEncoder()
            for _ in benchmark.scaledIterations {
                for book in books {
                    blackHole(try MetadataCodec.encode(try encoder.encode(book), record: "record"))
                }
            }
        } setup: {
            MicroData.books()
        }
    }
}
