extension Dictionary where Key == String, Value == MetadataValue {
    /// The metadata `value` encodes to with `encoder`: `try Metadata(encoding: book)`.
    ///
    /// - Throws: ``SeekDBError`` with ``SeekDBError/Code/invalidArgument`` saying where the
    ///   value could not be encoded (see ``MetadataEncoder/encode(_:)``); the encoder's error is
    ///   its ``SeekDBError/underlying``.
    public init(encoding value: some Encodable, encoder: MetadataEncoder = MetadataEncoder()) throws {
        do {
            self = try encoder.encode(value)
        } catch {
            throw SeekDBError(
                .invalidArgument, "the value cannot be encoded as metadata: \(CodingErrorDescription.describe(error))",
                underlying: error)
        }
    }
}

extension Metadatas {
    /// One metadata object per value, in order: `metadatas: Metadatas(encoding: books)`.
    ///
    /// A value that encodes to `null` (a `nil` optional) gives a `nil` entry: "no metadata" for
    /// `add`, "leave this record's metadata as it is" for `update` and `upsert`.
    ///
    /// - Throws: ``SeekDBError`` with ``SeekDBError/Code/invalidArgument`` naming the index of
    ///   the value that could not be encoded, and where in it.
    public init<Values: Sequence>(encoding values: Values, encoder: MetadataEncoder = MetadataEncoder()) throws
    where Values.Element: Encodable {
        var metadatas: [Metadata?] = []
        for (index, value) in values.enumerated() {
            do {
                metadatas.append(try encoder.encodeObjectOrNull(value))
            } catch {
                throw SeekDBError(
                    .invalidArgument,
                    "metadatas index \(index) cannot be encoded as metadata: \(CodingErrorDescription.describe(error))",
                    underlying: error)
            }
        }
        self.init(metadatas)
    }
}
