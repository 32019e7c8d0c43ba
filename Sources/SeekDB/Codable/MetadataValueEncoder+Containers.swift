extension MetadataValueEncoder {
    /// Writes an object's members into a node.
    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let options: MetadataEncoder
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { node.members[key.stringValue] = Node(.null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: String, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try store(value, key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try store(value, key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try store(value, key) }

        private func store(_ value: some Encodable, _ key: Key) throws {
            node.members[key.stringValue] = Node(
                try MetadataValueEncoder.value(of: value, codingPath: codingPath + [key], options: options))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type,
            forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            child(key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            child(key).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { child(SuperKey()) }

        mutating func superEncoder(forKey key: Key) -> any Encoder { child(key) }

        /// An encoder for a new member under `key`.
        private func child(_ key: some CodingKey) -> MetadataValueEncoder {
            let member = Node()
            node.members[key.stringValue] = member
            return MetadataValueEncoder(node: member, options: options, codingPath: codingPath + [key])
        }
    }

    /// Appends an array's elements to a node.
    struct UnkeyedContainer: UnkeyedEncodingContainer, StoringEncodingContainer {
        let node: Node
        let options: MetadataEncoder
        let codingPath: [any CodingKey]

        var count: Int { node.elements.count }

        mutating func encodeNil() throws { node.elements.append(Node(.null)) }

        func store(_ value: some Encodable) throws {
            let path = codingPath + [IndexKey(count)]
            node.elements.append(Node(try MetadataValueEncoder.value(of: value, codingPath: path, options: options)))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            child().container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { child().unkeyedContainer() }

        mutating func superEncoder() -> any Encoder { child() }

        /// An encoder for a new element at the end.
        private func child() -> MetadataValueEncoder {
            let element = Node()
            let path = codingPath + [IndexKey(count)]
            node.elements.append(element)
            return MetadataValueEncoder(node: element, options: options, codingPath: path)
        }
    }
}
