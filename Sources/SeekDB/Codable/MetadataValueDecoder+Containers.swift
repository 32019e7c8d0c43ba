extension MetadataValueDecoder {
    /// Reads an object's members.
    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: MetadataValue]
        let options: MetadataDecoder
        let codingPath: [any CodingKey]

        var allKeys: [Key] { members.keys.compactMap(Key.init(stringValue:)) }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try read(type, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try read(type, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try read(type, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try read(type, key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try read(type, key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try read(type, key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try read(type, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try read(type, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try read(type, key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try read(type, key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try read(type, key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try read(type, key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try read(type, key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try read(type, key) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try read(type, key) }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type,
            forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            MetadataValueDecoder(
                value: members["super"] ?? .null, options: options,
                codingPath: codingPath + [MetadataValueEncoder.SuperKey()])
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            MetadataValueDecoder(value: members[key.stringValue] ?? .null, options: options, codingPath: codingPath + [key])
        }

        private func member(_ key: Key) throws -> MetadataValue {
            guard let value = members[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no member '\(key.stringValue)'"))
            }
            return value
        }

        private func read<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
            try MetadataValueDecoder.decode(type, from: try member(key), codingPath: codingPath + [key], options: options)
        }

        private func child(_ key: Key) throws -> MetadataValueDecoder {
            MetadataValueDecoder(value: try member(key), options: options, codingPath: codingPath + [key])
        }
    }

    /// Reads an array's elements in order.
    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let elements: [MetadataValue]
        let options: MetadataDecoder
        let codingPath: [any CodingKey]
        private(set) var currentIndex = 0

        init(elements: [MetadataValue], options: MetadataDecoder, codingPath: [any CodingKey]) {
            self.elements = elements
            self.options = options
            self.codingPath = codingPath
        }

        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        mutating func decodeNil() throws -> Bool {
            guard try element(Any?.self) == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try read(type) }
        mutating func decode(_ type: String.Type) throws -> String { try read(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try read(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try read(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try read(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try read(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try read(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try read(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try read(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try read(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try read(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try read(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try read(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try read(type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try read(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next(KeyedDecodingContainer<NestedKey>.self).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next((any UnkeyedDecodingContainer).self).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { try next((any Decoder).self) }

        /// The current element, or `valueNotFound` at the end.
        private func element(_ type: Any.Type) throws -> MetadataValue {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    type,
                    .init(
                        codingPath: codingPath + [MetadataValueEncoder.IndexKey(currentIndex)],
                        debugDescription: "the array has only \(elements.count) elements"))
            }
            return elements[currentIndex]
        }

        /// A decoder for the current element; moves past it.
        private mutating func next(_ type: Any.Type) throws -> MetadataValueDecoder {
            let decoder = MetadataValueDecoder(
                value: try element(type), options: options,
                codingPath: codingPath + [MetadataValueEncoder.IndexKey(currentIndex)])
            currentIndex += 1
            return decoder
        }

        private mutating func read<T: Decodable>(_ type: T.Type) throws -> T {
            let value = try MetadataValueDecoder.decode(
                type, from: try element(type),
                codingPath: codingPath + [MetadataValueEncoder.IndexKey(currentIndex)],
                options: options)
            currentIndex += 1
            return value
        }
    }
}
