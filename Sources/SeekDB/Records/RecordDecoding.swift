import SeekDBDriver
import SeekDBEmbeddings

/// Turns column values read from a collection table into Swift values.
enum RecordDecoding {
    /// `_id` bytes as UTF-8; ids that are not valid UTF-8 come back as hex, as pyseekdb does.
    static func id(_ value: SQLValue) -> String {
        guard let bytes = value.bytesValue else { return "" }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return bytes.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// The server prints vectors as text, `[1.5,2,0.0000001]` (6 significant digits).
    static func embedding(_ value: SQLValue) throws(SeekDBError) -> [Float]? {
        guard let text = value.stringValue else { return nil }
        var components: [Float] = []
        let body = text.utf8.dropFirst().dropLast()
        guard text.utf8.first == UInt8(ascii: "["), text.utf8.last == UInt8(ascii: "]") else {
            throw SeekDBError(.decodingFailed, "an embedding is not in the server's [x,y,…] form")
        }
        if body.isEmpty { return [] }
        for part in body.split(separator: UInt8(ascii: ",")) {
            guard let component = Float(String(decoding: part.filter { $0 != UInt8(ascii: " ") }, as: UTF8.self)) else {
                throw SeekDBError(.decodingFailed, "an embedding has a component that is not a number")
            }
            components.append(component)
        }
        return components
    }

    /// The server prints sparse vectors as text, `{3:1.5,7:0.25}`.
    static func sparseEmbedding(_ value: SQLValue) throws(SeekDBError) -> SparseVector? {
        guard let text = value.stringValue else { return nil }
        do {
            return try SparseVector(text: text)
        } catch {
            throw SeekDBError(.decodingFailed, "a sparse vector is not in the server's {index:weight,…} form: \(error.message)")
        }
    }

    static func metadata(_ value: SQLValue) throws(SeekDBError) -> Metadata? {
        guard let text = value.stringValue else { return nil }
        return try MetadataCodec.decode(text)
    }
}
