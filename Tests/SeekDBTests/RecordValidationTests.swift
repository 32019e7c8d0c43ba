import Testing

@testable import SeekDB

struct RecordValidationTests {
    @Test func theFirstRepeatedIDIsFoundByItsBytes() {
        #expect(RecordValidation.firstRepeatedIndex(["a", "b", "c"]) == nil)
        #expect(RecordValidation.firstRepeatedIndex(["a", "b", "a", "b"]) == 2)
        #expect(RecordValidation.firstRepeatedIndex(["x", "y", "y", "x"]) == 2)
        #expect(RecordValidation.firstRepeatedIndex(["only"]) == nil)
        // Canonically equivalent, different bytes: two ids, as the varbinary column sees them.
        #expect(RecordValidation.firstRepeatedIndex(["é", "e\u{301}"]) == nil)
        #expect(RecordValidation.firstRepeatedIndex(["é", "e\u{301}", "e\u{301}"]) == 2)
        let many = (0..<50_000).map { "id-\($0)" }
        #expect(RecordValidation.firstRepeatedIndex(many) == nil)
        #expect(RecordValidation.firstRepeatedIndex(many + ["id-49999", "id-7"]) == 50_000)
    }

    @Test func validationNamesTheRepeatedID() {
        let error = #expect(throws: SeekDBError.self) {
            try RecordValidation.validateIDs(["a", "b", "a"], operation: .update)
        }
        #expect(error?.message == "update: id 'a' appears more than once (again at index 2)")
    }
}
