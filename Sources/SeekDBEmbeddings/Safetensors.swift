#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A reader for the safetensors format: an 8-byte little-endian header length, a JSON header
/// mapping tensor names to `{dtype, shape, data_offsets}` (offsets relative to the end of the
/// header), then the raw tensor bytes.
///
/// Only `F32` tensors can be read as floats; others (the model's `I64` `position_ids`) are listed
/// in the header and skipped.
struct SafetensorsFile: Sendable {
    /// One tensor's entry in the header.
    struct TensorInfo: Sendable, Equatable {
        var dtype: String
        var shape: [Int]
        /// Byte range inside the data section (after the header).
        var dataOffsets: Range<Int>
    }

    /// Every tensor named in the header.
    let header: [String: TensorInfo]
    /// The `F32` tensors, by name, in row-major order.
    let floatTensors: [String: [Float]]

    /// Reads a safetensors file once (memory-mapped), copying out every `F32` tensor.
    ///
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when the file
    ///   cannot be opened or is malformed.
    init(contentsOf path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw EmbeddingError(.invalidModel, "Cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw EmbeddingError(.invalidModel, "Cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        let size = Int(status.st_size)
        guard size >= 8 else {
            throw EmbeddingError(.invalidModel, "\(path) is too short (\(size) bytes) to be a safetensors file.")
        }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            throw EmbeddingError(.invalidModel, "Cannot map \(path): \(String(cString: strerror(errno)))")
        }
        defer { munmap(mapping, size) }
        do {
            try self.init(bytes: UnsafeRawBufferPointer(start: mapping, count: size))
        } catch let error as EmbeddingError {
            throw EmbeddingError(error.code, "\(path): \(error.message)")
        }
    }

    /// Parses a whole safetensors file held in memory, copying out every `F32` tensor.
    ///
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when malformed.
    init(bytes: UnsafeRawBufferPointer) throws {
        let (header, dataStart) = try Self.parseHeader(bytes)
        var tensors: [String: [Float]] = [:]
        for (name, info) in header where info.dtype == "F32" {
            let count = info.dataOffsets.count / MemoryLayout<Float>.size
            let source = UnsafeRawBufferPointer(rebasing: bytes[(dataStart + info.dataOffsets.lowerBound)...].prefix(info.dataOffsets.count))
            tensors[name] = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                // The data is little-endian; so is every platform Swift runs this on.
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                initialized = count
            }
        }
        self.header = header
        self.floatTensors = tensors
    }

    /// Parses and validates the header of a safetensors file.
    ///
    /// - Returns: The tensor entries and the byte offset where the data section starts.
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when the header
    ///   length, the JSON, a dtype, a shape or a data range is inconsistent with the file.
    static func parseHeader(_ bytes: UnsafeRawBufferPointer) throws -> (header: [String: TensorInfo], dataStart: Int) {
        guard bytes.count >= 8 else {
            throw EmbeddingError(.invalidModel, "A safetensors file needs at least 8 bytes; this one has \(bytes.count).")
        }
        var headerLength: UInt64 = 0
        for index in (0..<8).reversed() {
            headerLength = headerLength << 8 | UInt64(bytes[index])
        }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw EmbeddingError(.invalidModel, "The safetensors header length \(headerLength) exceeds the file.")
        }
        let dataStart = 8 + Int(headerLength)
        let json = Data(bytes[8..<dataStart])
        let decoded: RawHeader
        do {
            decoded = try JSONDecoder().decode(RawHeader.self, from: json)
        } catch {
            throw EmbeddingError(.invalidModel, "The safetensors header is not valid JSON: \(error)")
        }
        let dataCount = bytes.count - dataStart
        var header: [String: TensorInfo] = [:]
        for (name, entry) in decoded.tensors {
            guard entry.dataOffsets.count == 2,
                  entry.dataOffsets[0] >= 0, entry.dataOffsets[0] <= entry.dataOffsets[1],
                  entry.dataOffsets[1] <= dataCount
            else {
                throw EmbeddingError(.invalidModel, "Tensor \(name) has data offsets \(entry.dataOffsets) outside the data (\(dataCount) bytes).")
            }
            guard entry.shape.allSatisfy({ $0 >= 0 }) else {
                throw EmbeddingError(.invalidModel, "Tensor \(name) has a negative dimension in \(entry.shape).")
            }
            let range = entry.dataOffsets[0]..<entry.dataOffsets[1]
            if let width = elementSize[entry.dtype] {
                let elements = entry.shape.reduce(1, *)
                guard elements * width == range.count else {
                    throw EmbeddingError(.invalidModel, "Tensor \(name) (\(entry.dtype) \(entry.shape)) should take \(elements * width) bytes, not \(range.count).")
                }
            }
            header[name] = TensorInfo(dtype: entry.dtype, shape: entry.shape, dataOffsets: range)
        }
        return (header, dataStart)
    }

    /// Bytes per element of the safetensors dtypes.
    private static let elementSize: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]

    /// Returns an `F32` tensor, checking its shape.
    ///
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when the tensor
    ///   is absent, not `F32`, or of another shape.
    func tensor(_ name: String, shape: [Int]) throws -> [Float] {
        guard let info = header[name] else {
            throw EmbeddingError(.invalidModel, "The weights have no tensor \(name).")
        }
        guard info.dtype == "F32", let values = floatTensors[name] else {
            throw EmbeddingError(.invalidModel, "Tensor \(name) is \(info.dtype), not F32.")
        }
        guard info.shape == shape else {
            throw EmbeddingError(.invalidModel, "Tensor \(name) has shape \(info.shape), expected \(shape).")
        }
        return values
    }

    /// The header as JSON: tensor entries plus an optional `__metadata__` string map.
    private struct RawHeader: Decodable {
        struct Entry: Decodable {
            var dtype: String
            var shape: [Int]
            var dataOffsets: [Int]

            enum CodingKeys: String, CodingKey {
                case dtype, shape
                case dataOffsets = "data_offsets"
            }
        }

        var tensors: [String: Entry]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            var tensors: [String: Entry] = [:]
            for key in container.allKeys where key.stringValue != "__metadata__" {
                tensors[key.stringValue] = try container.decode(Entry.self, forKey: key)
            }
            self.tensors = tensors
        }
    }
}
