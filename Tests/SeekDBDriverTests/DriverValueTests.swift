import Testing

@testable import SeekDBDriver

struct DriverValueTests {
    @Test func vectorsAreLittleEndianFloat32() {
        #expect(SQLValue.littleEndianBytes(of: [1, -2]) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])
    }

    @Test func valueDescriptionsNeverShowContent() {
        #expect(!SQLValue.string("secret").description.contains("secret"))
        #expect(!SQLValue.bytes(Array("secret".utf8)).description.contains("secret"))
    }

    @Test func textConversionsParseNumbers() {
        #expect(SQLValue.string("42").intValue == 42)
        #expect(SQLValue.bytes(Array("2.5".utf8)).doubleValue == 2.5)
        #expect(SQLValue.null.stringValue == nil)
    }

    @Test func brokenConnectionErrorsAreRecognised() {
        #expect(DriverError(kind: .statement, number: 2013, message: "lost").isConnectionBroken)
        #expect(!DriverError(kind: .statement, number: 1062, message: "dup").isConnectionBroken)
        #expect(DriverError(kind: .closed, message: "closed").isConnectionBroken)
    }

    @Test func timeoutsRoundUpToWholeSeconds() {
        #expect(Duration.milliseconds(1500).wholeSecondsRoundedUp == 2)
        #expect(Duration.milliseconds(10).wholeSecondsRoundedUp == 1)
        #expect(Duration.seconds(30).wholeSecondsRoundedUp == 30)
    }
}
