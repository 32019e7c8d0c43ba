import SeekDBDriver
import Testing

@testable import SeekDB

/// Which failures each kind of call is sent again after (pure logic; RetryTests provokes them on
/// a real server).
struct RetryRulesTests {
    static func failure(_ number: UInt32, _ phase: AttemptPhase, kind: DriverError.Kind = .statement) -> AttemptFailure {
        AttemptFailure(error: DriverError(kind: kind, number: number, message: "m"), phase: phase)
    }

    static func retried(_ number: UInt32, _ phase: AttemptPhase, _ safety: RetrySafety, kind: DriverError.Kind = .statement) -> Bool {
        RetryRules.reason(toRetry: failure(number, phase, kind: kind), safety: safety) != nil
    }

    @Test(arguments: [UInt32(1205), 1213, 5627, 4023])
    func refusedWorkIsRetriedForEveryRecordCall(number: UInt32) {
        for safety in [RetrySafety.read, .idempotentWrite, .write] {
            #expect(Self.retried(number, .beforeCommit, safety))
            #expect(Self.retried(number, .outcomeUnknown, safety), "an autocommitted statement the server refused was not applied")
        }
        #expect(!Self.retried(number, .beforeCommit, .never))
    }

    @Test(arguments: [UInt32(2006), 2013, 2055, 5066])
    func aLostSessionIsRetriedWhenNothingCommittedOrRepeatingIsHarmless(number: UInt32) {
        #expect(Self.retried(number, .beforeCommit, .write), "the server rolls back the open transaction")
        #expect(Self.retried(number, .outcomeUnknown, .read))
        #expect(Self.retried(number, .outcomeUnknown, .idempotentWrite))
        #expect(!Self.retried(number, .outcomeUnknown, .write), "an add lost at COMMIT may have been applied")
        #expect(!Self.retried(number, .beforeCommit, .never))
    }

    @Test func statementTimeoutsAreRetriedForReadsOnly() {
        #expect(Self.retried(4012, .outcomeUnknown, .read))
        #expect(!Self.retried(4012, .outcomeUnknown, .idempotentWrite))
        #expect(!Self.retried(4012, .beforeCommit, .write))
    }

    @Test func onlyUnreachableServersAreRetriedBeforeAnythingIsSent() {
        #expect(Self.retried(2002, .notSent, .write, kind: .connect))
        #expect(Self.retried(2003, .notSent, .write, kind: .connect))
        #expect(!Self.retried(1045, .notSent, .read, kind: .connect), "wrong credentials stay wrong")
        #expect(!Self.retried(1049, .notSent, .read, kind: .connect))
        #expect(!Self.retried(0, .notSent, .read, kind: .closed), "a closed client is not reopened")
    }

    @Test func otherErrorsAreNeverRetried() {
        for number: UInt32 in [1062, 1142, 1146, 3140, 7600] {
            #expect(!Self.retried(number, .beforeCommit, .read))
            #expect(!Self.retried(number, .outcomeUnknown, .idempotentWrite))
        }
    }

    @Test func aSchemaNotReadyIsRetriedForTheWholeBudget() {
        for number: UInt32 in [5627, 4023] {
            #expect(RetryRules.attemptLimit(after: Self.failure(number, .beforeCommit), policy: .default) == Int.max)
            #expect(RetryRules.attemptLimit(after: Self.failure(number, .beforeCommit), policy: .never) == 1)
        }
        #expect(RetryRules.attemptLimit(after: Self.failure(1213, .beforeCommit), policy: .default) == 3)
    }

    @Test func backoffDoublesUpToItsCeiling() {
        let policy = RetryPolicy(
            maximumAttempts: 10, budget: .seconds(30), initialBackoff: .milliseconds(50), maximumBackoff: .milliseconds(300))
        #expect(policy.backoffCeiling(afterAttempt: 1) == .milliseconds(50))
        #expect(policy.backoffCeiling(afterAttempt: 2) == .milliseconds(100))
        #expect(policy.backoffCeiling(afterAttempt: 3) == .milliseconds(200))
        #expect(policy.backoffCeiling(afterAttempt: 4) == .milliseconds(300))
        #expect(policy.backoffCeiling(afterAttempt: 40) == .milliseconds(300))
    }

    @Test func invalidPoliciesAreRefusedBeforeConnecting() {
        var configuration = SeekDBClient.Configuration()
        configuration.retryPolicy.maximumAttempts = 0
        #expect(throws: SeekDBError.self) { try configuration.validate() }
        configuration.retryPolicy = RetryPolicy(budget: .seconds(-1))
        #expect(throws: SeekDBError.self) { try configuration.validate() }
        configuration.retryPolicy = .never
        #expect(throws: Never.self) { try configuration.validate() }
    }
}
