import Foundation
import Testing

@testable import SeekDB

/// `MetadataDateStrategy`: the documented forms of a `Date` in metadata.
struct MetadataDateTests {
    struct Event: Codable, Equatable { var at: Date }

    let instant = Date(timeIntervalSince1970: 1_763_717_400.25)  // 2025-11-21T09:30:00.250Z

    @Test func iso8601IsTheDefaultToTheMillisecond() throws {
        #expect(try MetadataEncoder().encode(Event(at: instant)) == ["at": "2025-11-21T09:30:00.250Z"])
        #expect(try MetadataDecoder().decode(Event.self, from: ["at": "2025-11-21T09:30:00.250Z"]) == Event(at: instant))
        // Sub-millisecond parts are rounded to the nearest millisecond.
        let fine = Date(timeIntervalSince1970: 1_763_717_400.2506)
        #expect(try MetadataEncoder().encode(Event(at: fine)) == ["at": "2025-11-21T09:30:00.251Z"])
    }

    @Test func everyMillisecondDateRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            // Years 0000…9999.
            let milliseconds = Int64.random(in: -62_167_219_200_000...253_402_300_799_999, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let encoded = try MetadataEncoder().encode(Event(at: date))
            #expect(try MetadataDecoder().decode(Event.self, from: encoded) == Event(at: date))
        }
    }

    @Test func stringOrderIsTimeOrder() throws {
        let dates = [-86_400.0, -1, 0, 0.001, 951_782_400, 1_763_717_400.25, 4_102_444_800].map(Date.init(timeIntervalSince1970:))
        let strings = try dates.map { try MetadataEncoder().encodeValue($0).stringValue ?? "" }
        #expect(strings == strings.sorted())
        #expect(strings[0] == "1969-12-31T00:00:00.000Z")
        #expect(strings[4] == "2000-02-29T00:00:00.000Z")
    }

    @Test func readingAcceptsCommonISO8601Forms() throws {
        let decoder = MetadataDecoder()
        for text in [
            "2025-11-21T09:30:00.25Z", "2025-11-21T09:30:00.250000Z", "2025-11-21t09:30:00.250z",
            "2025-11-21 10:30:00.250+01:00", "2025-11-21T04:00:00.250-0530", "2025-11-21T11:30:00.250+02"
        ] {
            #expect(try decoder.decode(Date.self, from: .string(text)) == instant, "\(text)")
        }
        #expect(try decoder.decode(Date.self, from: "2025-11-21T09:30:00Z") == Date(timeIntervalSince1970: 1_763_717_400))
        for bad in [
            "2025-11-21", "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2025-11-21T24:00:00Z",
            "2025-11-21T09:30:00", "2025-11-21T09:30:00.Z", "x2025-11-21T09:30:00Z", "2025-11-21T09:30:00Z "
        ] {
            #expect(throws: DecodingError.self, "\(bad)") { try decoder.decode(Date.self, from: .string(bad)) }
        }
        #expect(throws: DecodingError.self) { try decoder.decode(Date.self, from: .double(1)) }
    }

    @Test func numericForms() throws {
        let seconds = MetadataEncoder(dateStrategy: .secondsSince1970)
        #expect(try seconds.encode(Event(at: instant)) == ["at": 1_763_717_400.25])
        #expect(
            try MetadataDecoder(dateStrategy: .secondsSince1970).decode(Event.self, from: ["at": 1_763_717_400]).at
                == Date(timeIntervalSince1970: 1_763_717_400))
        let milliseconds = MetadataEncoder(dateStrategy: .millisecondsSince1970)
        #expect(try milliseconds.encode(Event(at: instant)) == ["at": 1_763_717_400_250])
        #expect(
            try MetadataDecoder(dateStrategy: .millisecondsSince1970).decode(Event.self, from: ["at": 1_763_717_400_250])
                == Event(at: instant))
        #expect(throws: DecodingError.self) {
            try MetadataDecoder(dateStrategy: .millisecondsSince1970).decode(Event.self, from: ["at": "2025-11-21T09:30:00.250Z"])
        }
    }

    @Test func datesOutsideTheFormAreErrors() {
        #expect(throws: EncodingError.self) { try MetadataEncoder().encode(Event(at: .distantFuture.addingTimeInterval(1e12))) }
        #expect(throws: EncodingError.self) {
            try MetadataEncoder(dateStrategy: .millisecondsSince1970).encode(Event(at: Date(timeIntervalSince1970: 1e300)))
        }
    }

    @Test func civilDateArithmetic() {
        #expect(ISO8601Milliseconds.days(fromYear: 1970, month: 1, day: 1) == 0)
        #expect(ISO8601Milliseconds.days(fromYear: 2000, month: 3, day: 1) == 11_017)
        #expect(ISO8601Milliseconds.days(fromYear: 0, month: 1, day: 1) == -719_528)
        for days in stride(from: Int64(-800_000), through: 3_000_000, by: 997) {
            let (year, month, day) = ISO8601Milliseconds.civil(fromDays: days)
            #expect(ISO8601Milliseconds.days(fromYear: year, month: month, day: day) == days)
        }
    }
}
