import Foundation
import Hummingbird

/// The request context of the records service: Hummingbird's basic context with JSON replies
/// in a stable key order and room for large batches of embeddings.
struct RecordsRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: Source) {
        coreContext = .init(source: source)
    }

    /// 32 MiB: a 384-d embedding is about 4 KB of JSON, so this admits batches of several
    /// thousand records (Hummingbird's default is 2 MiB). Larger bodies get 413.
    var maxUploadSize: Int { 32 * 1024 * 1024 }

    var responseEncoder: JSONEncoder { RecordsJSON.encoder() }
}

/// The JSON encoder of every reply, errors included: keys sorted, so replies read the same
/// every time.
enum RecordsJSON {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
