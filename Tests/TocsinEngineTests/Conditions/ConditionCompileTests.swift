import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Compiling conditions: defaults and errors")
struct ConditionCompileTests {
    static func error(_ condition: AlertCondition.Typed) -> ConditionError? {
        do throws(ConditionError) {
            _ = try CompiledCondition(condition)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        (
            AlertCondition.Typed.warningEvent(WarningEventCondition(reasonPattern: "(")),
            ConditionError(
                code: .invalidPattern, field: "warningEvent.reasonPattern",
                message: "invalid regular expression \"(\": expected ')'")
        ),
        (
            .warningEvent(WarningEventCondition(messagePattern: "a[")),
            ConditionError(
                code: .invalidPattern, field: "warningEvent.messagePattern",
                message: "invalid regular expression \"a[\": expected custom character class members")
        ),
        (
            .warningEvent(WarningEventCondition(reasons: ["BackOff"], reasonPattern: "Back")),
            ConditionError(
                code: .invalidParameter, field: "warningEvent.reasonPattern",
                message: "must not be set together with reasons: use one or the other")
        ),
        (
            .warningEvent(WarningEventCondition(window: .hours(2))),
            ConditionError(
                code: .invalidParameter, field: "warningEvent.window",
                message: "2h is out of range: must be at least 1m and at most 1h")
        ),
        (
            .warningEvent(WarningEventCondition(minCount: 0)),
            ConditionError(code: .invalidParameter, field: "warningEvent.minCount", message: "must be at least 1")
        ),
        (
            .field(FieldCondition(kind: .pod, path: "status.phase", operator: .in)),
            ConditionError(
                code: .invalidParameter, field: "field.values", message: "is required for operator in: list the values to accept")
        ),
        (
            .field(FieldCondition(kind: .pod, path: "status.phase", operator: .in, values: [])),
            ConditionError(
                code: .invalidParameter, field: "field.values", message: "is required for operator in: list the values to accept")
        ),
        (
            .field(FieldCondition(kind: .pod, path: "status.phase", operator: .equal)),
            ConditionError(code: .invalidParameter, field: "field.value", message: "is required for operator ==")
        ),
        (
            .field(FieldCondition(kind: .pod, path: "status.phase", operator: .greaterThan, value: "Running")),
            ConditionError(
                code: .invalidParameter, field: "field.value",
                message: "\"Running\" is not a number: operator > compares numbers")
        ),
        (
            .field(FieldCondition(kind: .pod, path: "status.phase", operator: .matches, value: "(Run")),
            ConditionError(
                code: .invalidPattern, field: "field.value", message: "invalid regular expression \"(Run\": expected ')'")
        ),
        (
            .field(FieldCondition(kind: .pod, path: "status..phase", operator: .equal, value: "x")),
            ConditionError(
                code: .invalidFieldPath, field: "field.path",
                message: "\"status..phase\" is not a field path: write dot-separated names with [*], [N] or "
                    + "[\"key\"], e.g. status.containerStatuses[*].restartCount or metadata.labels[\"app\"]")
        ),
        (
            .field(FieldCondition(kind: .event, path: "series.count", operator: .equal, value: "1")),
            ConditionError(
                code: .unsupportedFieldPath, field: "field.path",
                message: "series is not kept by Tocsin; supported Event paths: metadata.name, metadata.namespace, "
                    + "involvedObject.kind, involvedObject.namespace, involvedObject.name, reason, message, type, count")
        ),
        (
            .podRestarts(PodRestartsCondition(count: 0)),
            ConditionError(code: .invalidParameter, field: "podRestarts.count", message: "must be at least 1")
        ),
        (
            .containerOOMKilled(ContainerOOMKilledCondition(window: .hours(25))),
            ConditionError(
                code: .invalidParameter, field: "containerOOMKilled.window",
                message: "1d1h is out of range: must be positive and at most 1d")
        ),
        (
            .containerOOMKilled(ContainerOOMKilledCondition(window: .zero)),
            ConditionError(
                code: .invalidParameter, field: "containerOOMKilled.window",
                message: "0s is out of range: must be positive and at most 1d")
        ),
        (
            .containerWaiting(ContainerWaitingCondition(reasons: [])),
            ConditionError(
                code: .invalidParameter, field: "containerWaiting.reasons",
                message: "must list at least one non-empty value, or be left unset")
        ),
        (
            .workloadPodsNotReady(WorkloadPodsNotReadyCondition(percent: 0)),
            ConditionError(
                code: .invalidParameter, field: "workloadPodsNotReady.percent", message: "must be between 1 and 100")
        ),
        (
            .probeSlow(ProbeSlowCondition(threshold: .zero)),
            ConditionError(code: .invalidParameter, field: "probeSlow.threshold", message: "must be positive")
        ),
    ])
    func invalidConditionsSayWhichFieldAndWhy(condition: AlertCondition.Typed, expected: ConditionError) {
        #expect(Self.error(condition) == expected)
    }

    @Test(arguments: [
        ("status.podIP", "status.podIP is not kept by Tocsin"),
        ("status.containerStatuses.name", "status.containerStatuses is a list: add [*] (any element) or [N] before the next field"),
        ("status", "status is an object: name one of its fields"),
        ("metadata.labels", "metadata.labels is a map: name a key, e.g. metadata.labels[\"app\"]"),
        ("status.containerStatuses[*]", "status.containerStatuses[*] is an object: name one of its fields"),
        ("status.phase.value", "status.phase is a value: nothing is under it"),
        ("metadata.labels.app.x", "metadata.labels[\"app\"] is a string: nothing is under it"),
        ("status.phase[0]", "status.phase is not a list"),
    ])
    func unsupportedPodPathsListTheSupportedOnes(path: String, problem: String) throws {
        let error = try #require(Self.error(.field(FieldCondition(kind: .pod, path: path, operator: .equal, value: "x"))))
        #expect(error.code == .unsupportedFieldPath)
        #expect(error.message.hasPrefix(problem + "; supported Pod paths: metadata.name, metadata.namespace, "))
        #expect(error.message.contains(", status.containerStatuses[*].state.waiting.reason, "))
        #expect(error.description.hasPrefix("field.path: \(problem); "))
    }

    @Test func anAlertConditionMustSetExactlyOneType() throws {
        var condition = AlertCondition()
        #expect(throws: ConditionError(
            code: .invalidParameter, field: "condition",
            message: "must set exactly one condition type: \(AlertConditionType.supportedValues)")
        ) { try CompiledCondition(condition) }
        condition.podFailed = PodFailedCondition()
        condition.nodeNotReady = NodeNotReadyCondition()
        #expect(throws: ConditionError(
            code: .invalidParameter, field: "condition",
            message: "must set exactly one condition type, found 2: podFailed, nodeNotReady")
        ) { try CompiledCondition(condition) }
        condition.nodeNotReady = nil
        #expect(try CompiledCondition(condition).type == .podFailed)
    }

    @Test func defaultsAreApplied() throws {
        #expect(try CompiledCondition(.podCrashLooping(PodCrashLoopingCondition())).historyWindow == .seconds(300))
        #expect(try CompiledCondition(.podRestarts(PodRestartsCondition(count: 3))).historyWindow == .seconds(3600))
        #expect(try CompiledCondition(.containerOOMKilled(ContainerOOMKilledCondition())).historyWindow == .seconds(600))
        #expect(try CompiledCondition(.warningEvent(WarningEventCondition())).activation == .sum(atLeast: 1))
        #expect(try CompiledCondition(.podFailed(PodFailedCondition())).historyWindow == nil)
        #expect(try CompiledCondition(.probeSlow(ProbeSlowCondition(threshold: .seconds(2)))).kind == nil)
        // probeDown defaults to 3 failures in a row.
        var state = ProbeState()
        for minute in 0..<2 {
            state.record(ProbeOutcome(latency: .zero, checkedAt: ConditionFixtures.time(11, minute), error: "timeout"))
        }
        var probe = WatchedProbe(namespace: "n", monitor: "m", probe: "p", url: "https://x", result: state.result)
        let down = try CompiledCondition(.probeDown(ProbeDownCondition()))
        #expect(down.finding(for: probe, now: ConditionFixtures.now) == nil)
        state.record(ProbeOutcome(latency: .zero, checkedAt: ConditionFixtures.time(11, 2), error: "timeout"))
        probe.result = state.result
        #expect(down.finding(for: probe, now: ConditionFixtures.now)?.value == 3)
    }

    @Test func compiledConditionsCompareByTheirParameters() throws {
        let first = try CompiledCondition(.warningEvent(WarningEventCondition(reasonPattern: "^Failed")))
        let same = try CompiledCondition(.warningEvent(WarningEventCondition(reasonPattern: "^Failed")))
        let other = try CompiledCondition(.warningEvent(WarningEventCondition(reasonPattern: "^Back")))
        #expect(first == same)
        #expect(first != other)
        #expect(Set([first, same, other]).count == 2)
    }
}
