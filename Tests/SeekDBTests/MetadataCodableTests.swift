import Foundation
import Testing

@testable import SeekDB

/// `MetadataEncoder` / `MetadataDecoder`: what Swift values become, the number rules, and the
/// errors. Values are also sent through the JSON text the `metadata` column stores
/// (`MetadataCodec`), as a write and a read do.
struct MetadataCodableTests {
    struct Author: Codable, Equatable {
        var name: String
        var born: Int?
    }

    enum Genre: String, Codable { case sf, classic }

    struct Book: Codable, Equatable {
        var title: String, year: Int, rating: Double, weight: Float, inPrint: Bool
        var genre: Genre, tags: [String], author: Author, added: Date, subtitle: String?
    }

    static let dune = Book(
        title: "Dune", year: 1965, rating: 4.25, weight: 0.1, inPrint: true, genre: .sf,
        tags: ["desert", "spice"], author: Author(name: "Frank Herbert", born: 1920),
        added: Date(timeIntervalSince1970: 1_763_717_400.25), subtitle: nil)

    /// Through the stored JSON text and back, as the server sees it.
    func stored(_ metadata: Metadata) throws -> Metadata {
        try MetadataCodec.decode(try MetadataCodec.encode(metadata, record: "test"))
    }

    @Test func aStructBecomesTheMetadataAJSONEncoderWouldWrite() throws {
        let metadata = try MetadataEncoder().encode(Self.dune)
        #expect(
            metadata == [
                "title": "Dune", "year": 1965, "rating": 4.25, "weight": 0.1, "inPrint": true, "genre": "sf",
                "tags": ["desert", "spice"], "author": ["name": "Frank Herbert", "born": 1920],
                "added": "2025-11-21T09:30:00.250Z"
            ])  // `subtitle: nil` is left out, as JSONEncoder leaves it out
        #expect(try MetadataDecoder().decode(Book.self, from: try stored(metadata)) == Self.dune)
    }

    @Test func integersAreExactTo64Bits() throws {
        struct Numbers: Codable, Equatable {
            var max: Int64, min: Int64, big: UInt64, small: Int8, unsigned: UInt32, plain: Int
        }
        let numbers = Numbers(max: .max, min: .min, big: UInt64(Int64.max), small: -128, unsigned: .max, plain: 9_007_199_254_740_993)
        let metadata = try stored(try MetadataEncoder().encode(numbers))
        #expect(metadata["max"] == .int(.max))
        #expect(metadata["plain"] == .int(9_007_199_254_740_993))
        #expect(try MetadataDecoder().decode(Numbers.self, from: metadata) == numbers)
    }

    @Test func doublesAreExactBitForBit() throws {
        let doubles: [Double] = [
            0.1, 1.0 / 3, -0.0, .leastNonzeroMagnitude, 1e-300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            9_007_199_254_740_994, 3.0, 1e15, 123_456_789.123_456_78, .pi, .ulpOfOne
        ]
        let metadata = try stored(try MetadataEncoder().encode(["values": doubles]))
        let decoded = try MetadataDecoder().decode([String: [Double]].self, from: metadata)["values"] ?? []
        #expect(decoded.map(\.bitPattern) == doubles.map(\.bitPattern))
        if case .array(let values) = metadata["values"] {
            #expect(values.allSatisfy { if case .double = $0 { true } else { false } })  // 3.0 stays a double
        }
    }

    @Test func floatsAreStoredAsTheirShortestDecimalAndReadBackExactly() throws {
        #expect(try MetadataEncoder().encodeValue(Float(0.1)) == .double(0.1))
        var generator = SystemRandomNumberGenerator()
        var floats: [Float] = [.leastNonzeroMagnitude, .greatestFiniteMagnitude, .leastNormalMagnitude, 16_777_218, -2.5]
        for _ in 0..<20_000 { floats.append(Float(bitPattern: generator.next() as UInt32)) }
        floats = floats.filter(\.isFinite)
        let metadata = try stored(try MetadataEncoder().encode(["values": floats]))
        let decoded = try MetadataDecoder().decode([String: [Float]].self, from: metadata)["values"] ?? []
        #expect(decoded.map(\.bitPattern) == floats.map(\.bitPattern))
    }

    @Test func valuesThatCannotBeStoredExactlyAreErrorsWithTheirPath() {
        struct Big: Encodable { var counts: [UInt64] }
        #expect {
            try MetadataEncoder().encode(Big(counts: [1, .max]))
        } throws: { error in
            guard case EncodingError.invalidValue(_, let context) = error else { return false }
            return CodingErrorDescription.path(context.codingPath) == "$.counts[1]"
        }
        struct Score: Encodable { var score: Double }
        #expect(throws: EncodingError.self) { try MetadataEncoder().encode(Score(score: .nan)) }
        #expect(throws: EncodingError.self) { try MetadataEncoder().encode(["x": Float.infinity]) }
    }

    @Test func metadataMustBeAnObject() {
        #expect(throws: EncodingError.self) { try MetadataEncoder().encode(42) }
        #expect(throws: EncodingError.self) { try MetadataEncoder().encode(["a", "b"]) }
        #expect(throws: EncodingError.self) { try MetadataEncoder().encode(String?.none) }
        #expect(throws: Never.self) { try MetadataEncoder().encodeValue([1, 2]) }
    }

    @Test func seekDBErrorsNameThePlaceButNotTheValue() throws {
        struct Big: Encodable { var count: UInt64 }
        do {
            _ = try Metadata(encoding: Big(count: .max))
            Issue.record("expected an error")
        } catch let error as SeekDBError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("$.count"))
            #expect(!error.message.contains(String(UInt64.max)))
        }
        do {
            _ = try Metadatas(encoding: [["a": 1.0], ["b": .nan]])
            Issue.record("expected an error")
        } catch let error as SeekDBError {
            #expect(error.message.contains("metadatas index 1"))
            #expect(error.message.contains("$.b"))
        }
    }

    @Test func metadatasFromAListOfValues() throws {
        let metadatas = try Metadatas(encoding: [Author(name: "A", born: 1), nil, Author(name: "B")])
        #expect(metadatas.values == [["name": "A", "born": 1], nil, ["name": "B"]])
    }

    @Test func decodingFollowsTheNumberRules() throws {
        let decoder = MetadataDecoder()
        #expect(try decoder.decode(Int.self, from: .double(3.0)) == 3)  // a whole double, as another client may write it
        #expect(throws: DecodingError.self) { try decoder.decode(Int.self, from: .double(3.5)) }
        #expect(throws: DecodingError.self) { try decoder.decode(Int8.self, from: .int(128)) }
        #expect(throws: DecodingError.self) { try decoder.decode(UInt.self, from: .int(-1)) }
        #expect(try decoder.decode(Double.self, from: .int(9_007_199_254_740_992)) == 9_007_199_254_740_992)
        #expect(throws: DecodingError.self) { try decoder.decode(Double.self, from: .int(9_007_199_254_740_993)) }
        #expect(throws: DecodingError.self) { try decoder.decode(Float.self, from: .double(1e300)) }
        #expect(throws: DecodingError.self) { try decoder.decode(Bool.self, from: .int(1)) }
        #expect(throws: DecodingError.self) { try decoder.decode(String.self, from: .int(1)) }
        #expect(try decoder.decode(UInt64.self, from: .int(.max)) == UInt64(Int64.max))
    }

    @Test func missingKeysNullsAndExtraKeys() throws {
        let decoder = MetadataDecoder()
        #expect(try decoder.decode(Author.self, from: ["name": "A", "born": nil, "extra": [1, 2]]) == Author(name: "A"))
        #expect {
            try decoder.decode(Author.self, from: ["born": 1])
        } throws: { error in
            CodingErrorDescription.describe(error) == "at $: the key 'name' is missing"
        }
        #expect {
            try decoder.decode(Author.self, from: ["name": 5])
        } throws: { error in
            CodingErrorDescription.describe(error) == "at $.name: expected String, found an integer"
        }
        #expect(throws: DecodingError.self) { try decoder.decode(Author.self, from: MetadataValue.null) }
        #expect(try decoder.decode(Author?.self, from: MetadataValue.null) == nil)
    }

    @Test func foundationTypes() throws {
        struct Files: Codable, Equatable {
            var data: Data, url: URL, id: UUID, price: Decimal, fraction: Decimal
        }
        let files = Files(
            data: Data([0, 1, 254, 255]), url: URL(string: "https://example.com/a?b=c")!,
            id: UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!,
            price: Decimal(1999), fraction: Decimal(string: "12.5")!)
        let metadata = try MetadataEncoder().encode(files)
        #expect(
            metadata == [
                "data": "AAH+/w==", "url": "https://example.com/a?b=c",
                "id": "E621E1F8-C36C-495A-93FC-0C247A3E6E5F", "price": 1999, "fraction": 12.5
            ])
        #expect(try MetadataDecoder().decode(Files.self, from: try stored(metadata)) == files)
    }

    @Test func metadataValuesPassThroughUnchanged() throws {
        struct Mixed: Codable, Equatable {
            var raw: MetadataValue
            var metadata: Metadata
        }
        let mixed = Mixed(raw: [1, 2.0, "x", nil, ["k": true]], metadata: ["whole": 3.0, "int": 3])
        let encoded = try MetadataEncoder().encode(mixed)
        #expect(encoded["raw"] == [1, 2.0, "x", nil, ["k": true]])
        #expect(try MetadataDecoder().decode(Mixed.self, from: try stored(encoded)) == mixed)
        let plain: Metadata = ["a": 1]
        #expect(try MetadataEncoder().encode(plain) == plain)
    }

    @Test func enumsWithAssociatedValuesNestedContainersAndSuperclasses() throws {
        enum Shape: Codable, Equatable {
            case circle(radius: Double)
            case square(Int)
            case empty
        }
        class Base: Codable { var id = 7 }
        final class Derived: Base, @unchecked Sendable {
            var name = "d"
            enum CodingKeys: CodingKey { case name }
            override init() { super.init() }
            required init(from decoder: any Decoder) throws {
                name = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .name)
                try super.init(from: try decoder.container(keyedBy: CodingKeys.self).superDecoder())
            }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(name, forKey: .name)
                try super.encode(to: container.superEncoder())
            }
        }
        let shapes: [String: [Shape]] = ["shapes": [.circle(radius: 1.5), .square(2), .empty]]
        let metadata = try stored(try MetadataEncoder().encode(shapes))
        #expect(try MetadataDecoder().decode([String: [Shape]].self, from: metadata) == shapes)
        let derived = try MetadataEncoder().encode(Derived())
        #expect(derived == ["name": "d", "super": ["id": 7]])
        #expect(try MetadataDecoder().decode(Derived.self, from: derived).id == 7)
    }

    @Test func userInfoReachesTheTypes() throws {
        struct Flag: Codable {
            static let key = CodingUserInfoKey(rawValue: "flag")!
            var seen: Bool
            enum CodingKeys: CodingKey { case seen }
            init(seen: Bool) { self.seen = seen }
            init(from decoder: any Decoder) throws { seen = decoder.userInfo[Self.key] as? Bool ?? false }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(encoder.userInfo[Self.key] as? Bool ?? false, forKey: .seen)
            }
        }
        #expect(try MetadataEncoder(userInfo: [Flag.key: true]).encode(Flag(seen: false)) == ["seen": true])
        #expect(try MetadataDecoder(userInfo: [Flag.key: true]).decode(Flag.self, from: [:]).seen)
    }

    @Test func metadataValueIsCodableThroughJSON() throws {
        let metadata: Metadata = [
            "int": 9_007_199_254_740_993, "double": 0.1, "s": "x", "b": false, "n": nil,
            "a": [1, ["k": "v"]], "o": ["nested": [1.5]]
        ]
        let data = try JSONEncoder().encode(metadata)
        #expect(try JSONDecoder().decode(Metadata.self, from: data) == metadata)
        // JSON through Foundation does not keep a whole double's kind (documented).
        #expect(try JSONDecoder().decode(MetadataValue.self, from: Data("3.0".utf8)) == .int(3))
    }
}
