import Foundation
import Testing

@testable import SeekDBEmbeddings

/// Builds safetensors bytes: the 8-byte little-endian header length, the JSON header (padded
/// with spaces to a multiple of 8), then the data.
func safetensorsBytes(header: String, data: [UInt8]) -> [UInt8] {
    var json = Array(header.utf8)
    while json.count % 8 != 0 { json.append(0x20) }
    var bytes: [UInt8] = []
    var length = UInt64(json.count)
    for _ in 0..<8 {
        bytes.append(UInt8(length & 0xFF))
        length >>= 8
    }
    return bytes + json + data
}

/// The little-endian bytes of some floats.
func floatBytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in
        withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
    }
}

/// Writes bytes to a fresh temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], suffix: String = ".safetensors") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString + suffix).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("Safetensors reader")
struct SafetensorsTests {
    static let floats: [Float] = [1, -2, 3.5, 0, 1e-7, -1e30]
    static let header = """
        {"__metadata__":{"format":"pt"},\
        "a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},\
        "ids":{"dtype":"I64","shape":[2],"data_offsets":[24,40]},\
        "v":{"dtype":"F32","shape":[1],"data_offsets":[40,44]}}
        """
    static var data: [UInt8] {
        floatBytes(floats) + [UInt8](repeating: 7, count: 16) + floatBytes([42])
    }

    @Test func readsFloatTensorsFromAFile() throws {
        let path = try temporaryFile(safetensorsBytes(header: Self.header, data: Self.data))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try SafetensorsFile(contentsOf: path)
        #expect(file.header.count == 3)
        #expect(file.header["a"] == .init(dtype: "F32", shape: [2, 3], dataOffsets: 0..<24))
        #expect(file.header["ids"]?.dtype == "I64")
        #expect(try file.tensor("a", shape: [2, 3]) == Self.floats)
        #expect(try file.tensor("v", shape: [1]) == [42])
        #expect(file.floatTensors["ids"] == nil)
    }

    @Test func parsesTheHeaderAlone() throws {
        let bytes = safetensorsBytes(header: Self.header, data: Self.data)
        let (header, dataStart) = try bytes.withUnsafeBytes { try SafetensorsFile.parseHeader($0, fileSize: bytes.count) }
        #expect(dataStart == bytes.count - Self.data.count)
        #expect(header["v"]?.dataOffsets == 40..<44)
        #expect(header["__metadata__"] == nil)
    }

    @Test func rejectsWrongShapeDtypeOrName() throws {
        let file = try safetensorsBytes(header: Self.header, data: Self.data).withUnsafeBytes { try SafetensorsFile(bytes: $0) }
        for (name, shape) in [("a", [3, 2]), ("ids", [2]), ("missing", [1])] {
            #expect(throws: EmbeddingError.self) { try file.tensor(name, shape: shape) }
        }
    }

    @Test(
        "malformed files are invalidModel errors",
        arguments: [
            ("too short", [UInt8](repeating: 0, count: 5)),
            ("header longer than the file", [0xFF, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8)),
            ("not JSON", safetensorsBytes(header: "{nope", data: [])),
            (
                "offsets past the data",
                safetensorsBytes(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0])
            ),
            (
                "size differs from shape",
                safetensorsBytes(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: floatBytes([1, 2]))
            ),
            (
                "reversed offsets",
                safetensorsBytes(header: #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}"#, data: floatBytes([1, 2]))
            )
        ])
    func malformed(label: String, bytes: [UInt8]) {
        #expect {
            _ = try bytes.withUnsafeBytes { try SafetensorsFile(bytes: $0) }
        } throws: { error in
            (error as? EmbeddingError)?.code == .invalidModel
        }
    }

    @Test(
        "malformed files on disk are invalidModel errors",
        arguments: [
            [UInt8](repeating: 0, count: 5),
            [0xFF, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8),
            safetensorsBytes(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0])
        ])
    func malformedOnDisk(bytes: [UInt8]) throws {
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try SafetensorsFile(contentsOf: path)
        } throws: { error in
            guard let error = error as? EmbeddingError else { return false }
            return error.code == .invalidModel && error.message.contains(path)
        }
    }

    @Test func missingFileIsInvalidModel() {
        #expect {
            _ = try SafetensorsFile(contentsOf: "/nonexistent/model.safetensors")
        } throws: { error in
            (error as? EmbeddingError)?.code == .invalidModel
        }
    }
}
