import Testing

@testable import SeekDB

struct JSONTests {
    @Test func metadataRoundTripsExactly() throws {
        let metadata: Metadata = [
            "int": 9_007_199_254_740_993, "negative": -5, "double": 0.1, "whole": 3.0, "tiny": 1e-7,
            "string": "quote \" backslash \\ newline \n tab \t nul \u{0} emoji 🦊 中文",
            "bool": true, "null": nil, "array": [1, "two", [3.5]], "object": ["nested": ["deeper": false]]
        ]
        let text = try MetadataCodec.encode(metadata, record: "test")
        #expect(try MetadataCodec.decode(text) == metadata)
    }

    @Test func serverFormattedJSONIsRead() throws {
        let decoded = try MetadataCodec.decode(#"{"a": 1, "b": "x", "c": [1, 2.5, null], "d": {"e": true}, "u": "\u00e9\ud83e\udd8a"}"#)
        #expect(decoded == ["a": 1, "b": "x", "c": [1, 2.5, nil], "d": ["e": true], "u": "é🦊"])
    }

    @Test func nonFiniteNumbersAreRejectedWithTheirPath() {
        #expect(throws: SeekDBError.self) { try MetadataCodec.encode(["scores": [1.0, .double(.nan)]], record: "r") }
        do {
            _ = try MetadataCodec.encode(["scores": [1.0, .double(.infinity)]], record: "r")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("$.scores[1]"))
        }
    }

    @Test func malformedJSONIsADecodingError() {
        for bad in ["{", "[1,]x", "{\"a\" 1}", "nul", "\"unterminated"] {
            #expect(throws: SeekDBError.self) { try MetadataCodec.decode(bad) }
        }
    }

    @Test func nonObjectMetadataIsKeptUnderAKey() throws {
        #expect(try MetadataCodec.decode("[1, 2]") == ["$value": [1, 2]])
    }
}
