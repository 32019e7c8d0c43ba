import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// Reads a safetensors file: its header, then each `F32` tensor straight into its array
    /// (`pread`, every byte read once, no mapping, so memory holds one copy of the weights).
    ///
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when the file
    ///   cannot be read or is malformed.
    init(contentsOf path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw EmbeddingError(.invalidModel, "Cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        do {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                throw EmbeddingError(.invalidModel, "Cannot stat: \(String(cString: strerror(errno)))")
            }
            let size = Int(status.st_size)
            var lengthBytes = [UInt8](repeating: 0, count: 8)
            try lengthBytes.withUnsafeMutableBytes { try Self.read(descriptor, into: $0, at: 0, fileSize: size) }
            let headerLength = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard headerLength <= UInt64(max(0, size - 8)) else {
                throw EmbeddingError(.invalidModel, "The safetensors header length \(headerLength) exceeds the file (\(size) bytes).")
            }
            var prefix = [UInt8](repeating: 0, count: 8 + Int(headerLength))
            try prefix.withUnsafeMutableBytes { try Self.read(descriptor, into: $0, at: 0, fileSize: size) }
            let (header, dataStart) = try prefix.withUnsafeBytes { try Self.parseHeader($0, fileSize: size) }
            var tensors: [String: [Float]] = [:]
            for (name, info) in header where info.dtype == "F32" {
                let count = info.dataOffsets.count / MemoryLayout<Float>.size
                tensors[name] = try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    // The data is little-endian; so is every platform Swift runs this on.
                    try Self.read(
                        descriptor, into: UnsafeMutableRawBufferPointer(buffer),
                        at: dataStart + info.dataOffsets.lowerBound, fileSize: size
                    )
                    initialized = count
                }
            }
            self.header = header
            self.floatTensors = tensors
        } catch let error as EmbeddingError {
            throw EmbeddingError(error.code, "\(path): \(error.message)")
        }
    }

    /// Fills `buffer` from the file at `offset`, retrying short reads.
    private static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int, fileSize: Int) throws {
        guard offset + buffer.count <= fileSize else {
            throw EmbeddingError(.invalidModel, "The file is too short (\(fileSize) bytes) for the data it declares.")
        }
        var done = 0
        while done < buffer.count {
            let result = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                throw EmbeddingError(
                    .invalidModel, "Cannot read: \(result < 0 ? String(cString: strerror(errno)) : "unexpected end of file")")
            }
            done += result
        }
    }

    /// Parses a whole safetensors file held in memory, copying out every `F32` tensor.
    ///
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when malformed.
    init(bytes: UnsafeRawBufferPointer) throws {
        let (header, dataStart) = try Self.parseHeader(bytes, fileSize: bytes.count)
        var tensors: [String: [Float]] = [:]
        for (name, info) in header where info.dtype == "F32" {
            let count = info.dataOffsets.count / MemoryLayout<Float>.size
            let source = UnsafeRawBufferPointer(
                rebasing: bytes[(dataStart + info.dataOffsets.lowerBound)...].prefix(info.dataOffsets.count))
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
    /// - Parameters:
    ///   - bytes: The start of the file: at least the 8-byte length and the header it announces.
    ///   - fileSize: The size of the whole file, to check the data offsets against.
    /// - Returns: The tensor entries and the byte offset where the data section starts.
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when the header
    ///   length, the JSON, a dtype, a shape or a data range is inconsistent with the file.
    static func parseHeader(_ bytes: UnsafeRawBufferPointer, fileSize: Int) throws -> (header: [String: TensorInfo], dataStart: Int) {
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
        let dataCount = fileSize - dataStart
        var header: [String: TensorInfo] = [:]
        for (name, entry) in decoded.tensors {
            guard entry.dataOffsets.count == 2,
                entry.dataOffsets[0] >= 0, entry.dataOffsets[0] <= entry.dataOffsets[1],
                entry.dataOffsets[1] <= dataCount
            else {
                throw EmbeddingError(
                    .invalidModel, "Tensor \(name) has data offsets \(entry.dataOffsets) outside the data (\(dataCount) bytes).")
            }
            guard entry.shape.allSatisfy({ $0 >= 0 }) else {
                throw EmbeddingError(.invalidModel, "Tensor \(name) has a negative dimension in \(entry.shape).")
            }
            let range = entry.dataOffsets[0]..<entry.dataOffsets[1]
            if let width = elementSize[entry.dtype] {
                let elements = entry.shape.reduce(1, *)
                guard elements * width == range.count else {
                    throw EmbeddingError(
                        .invalidModel,
                        "Tensor \(name) (\(entry.dtype) \(entry.shape)) should take \(elements * width) bytes, not \(range.count).")
                }
            }
            header[name] = TensorInfo(dtype: entry.dtype, shape: entry.shape, dataOffsets: range)
        }
        return (header, dataStart)
    }

    /// Bytes per element of the safetensors dtypes.
    private static let elementSize: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1
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
