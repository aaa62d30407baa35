import TocsinEngine
import Foundation
import Testing
import TocsinAPI
@testable import TocsinControllers

@Suite("ProbeState")
struct ProbeStateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var ups: [Bool]
        var failures: Int
        var successes: Int
        /// Index of the check whose time is the last transition.
        var transitionIndex: Int
        var testDescription: String { ups.map { $0 ? "up" : "down" }.joined(separator: ",") }
    }

    @Test(arguments: [
        Case(ups: [true], failures: 0, successes: 1, transitionIndex: 0),
        Case(ups: [false], failures: 1, successes: 0, transitionIndex: 0),
        Case(ups: [false, false, false], failures: 3, successes: 0, transitionIndex: 0),
        Case(ups: [true, true, false, false], failures: 2, successes: 0, transitionIndex: 2),
        Case(ups: [false, false, true], failures: 0, successes: 1, transitionIndex: 2),
        Case(ups: [true, false, true, true, true], failures: 0, successes: 3, transitionIndex: 2),
        Case(ups: [false, true, false], failures: 1, successes: 0, transitionIndex: 2),
    ])
    func foldsOutcomes(_ testCase: Case) {
        var state = ProbeState()
        #expect(state.result == nil)
        let times = testCase.ups.indices.map { Date(timeIntervalSince1970: 1_000 + Double($0) * 30) }
        var last: ProbeResult?
        for (index, isUp) in testCase.ups.enumerated() {
            last = state.record(ProbeOutcome(
                statusCode: isUp ? 200 : 500, latency: .milliseconds(index), checkedAt: times[index],
                error: isUp ? nil : "GET http://x/: status 500, expected 200"))
        }
        let count = testCase.ups.count
        #expect(last == ProbeResult(
            isUp: testCase.ups[count - 1], statusCode: testCase.ups[count - 1] ? 200 : 500,
            latency: .milliseconds(count - 1), checkedAt: times[count - 1],
            lastTransitionAt: times[testCase.transitionIndex],
            error: testCase.ups[count - 1] ? nil : "GET http://x/: status 500, expected 200",
            consecutiveFailures: testCase.failures, consecutiveSuccesses: testCase.successes))
        #expect(state.result == last)
    }
}

@Suite("ProbeResult status")
struct ProbeResultStatusTests {
    @Test func convertsToProbeStatus() {
        let checkedAt = Date(timeIntervalSince1970: 1_800_000_000)
        let changedAt = Date(timeIntervalSince1970: 1_799_999_940)
        let result = ProbeResult(
            isUp: false, statusCode: 503, latency: .microseconds(12_345), checkedAt: checkedAt,
            lastTransitionAt: changedAt, error: "GET http://x/: status 503, expected 200", consecutiveFailures: 2,
            consecutiveSuccesses: 0)
        #expect(result.status(name: "home") == ProbeStatus(
            name: "home", isUp: false, statusCode: 503, latency: .milliseconds(12), consecutiveFailures: 2,
            lastCheckTime: Timestamp(checkedAt), lastTransitionTime: Timestamp(changedAt),
            lastError: "GET http://x/: status 503, expected 200"))
    }

    @Test func aConnectionThatGotNoResponseReportsNoLatencyButItsError() {
        let checkedAt = Date(timeIntervalSince1970: 1_800_000_000)
        // A refused connection is retried by the client until the probe's timeout: its duration is not a latency.
        let result = ProbeResult(
            isUp: false, statusCode: nil, latency: .milliseconds(1_003), checkedAt: checkedAt,
            lastTransitionAt: checkedAt, error: "GET http://127.0.0.1:1/: connection refused", consecutiveFailures: 1,
            consecutiveSuccesses: 0)
        #expect(result.status(name: "api") == ProbeStatus(
            name: "api", isUp: false, statusCode: nil, latency: nil, consecutiveFailures: 1,
            lastCheckTime: Timestamp(checkedAt), lastTransitionTime: Timestamp(checkedAt),
            lastError: "GET http://127.0.0.1:1/: connection refused"))
    }
}
