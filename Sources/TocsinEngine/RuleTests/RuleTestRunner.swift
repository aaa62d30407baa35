import Foundation
import TocsinAPI

/// Runs a rule test: the real ``AlertEngine`` on the test's objects, with a virtual clock.
///
/// The clock visits every step and expectation offset in order, and in between every instant the engine asks to
/// be woken at (``AlertEngine/nextDeadline()``: windows ending, `for` completing, escalations and repeats), so
/// `for`, lookbacks, `keepFiringFor` and escalation behave as in the operator. Decisions are applied to an
/// in-memory set of Incidents; at each expectation the open ones are compared with the expected ones.
public struct RuleTestRunner: Sendable {
    /// The test.
    public var test: RuleTestFile
    /// Its manifests (files and inline).
    public var manifests: RuleTestManifests

    /// The most engine evaluations between two offsets before the run is abandoned (a runaway deadline).
    public static let maxEvaluationsPerInterval = 100_000

    /// Creates a runner.
    public init(test: RuleTestFile, manifests: RuleTestManifests) {
        self.test = test
        self.manifests = manifests
    }

    /// Runs the test.
    public func run() -> RuleTestResult {
        guard manifests.problems.isEmpty else { return RuleTestResult(failures: manifests.problems) }
        var state = RunState()
        var failures: [String] = []
        for (namespace, schedules) in Dictionary(grouping: manifests.schedules, by: { $0.metadata.namespace ?? "" }) {
            state.engine.setDirectory(
                OnCallDirectory(schedules: schedules, overrides: manifests.overrides), namespace: namespace)
        }
        for rule in manifests.alertRules {
            let subject = "AlertRule \(rule.metadata.namespace ?? "")/\(rule.metadata.name ?? "")"
            guard let scope = manifests.scope(of: rule) else {
                failures.append("\(subject): spec.monitorRef: Monitor \(rule.metadata.namespace ?? "")/"
                    + "\(rule.spec.monitorRef.name) is not among the test's manifests: add it to rules or manifests")
                continue
            }
            do {
                state.engine.setRule(try CompiledRule(rule), scope: scope)
            } catch {
                failures += error.problems.map { "\(subject): \($0)" }
            }
        }
        if manifests.alertRules.isEmpty { failures.append("no AlertRule to test: list rule files in rules or manifests") }
        guard failures.isEmpty else { return RuleTestResult(failures: failures) }

        let offsets = Set(test.steps.map(\.at) + test.expectations.map(\.at)).sorted()
        for offset in offsets {
            let instant = test.start.addingTimeInterval(offset.timeInterval)
            guard state.advance(before: instant, limit: Self.maxEvaluationsPerInterval) else {
                failures.append("at \(offset): the engine asked to be woken more than "
                    + "\(Self.maxEvaluationsPerInterval) times since the previous offset; the run stopped")
                break
            }
            state.now = instant
            let steps = test.steps.filter { $0.at == offset }
            for step in steps {
                for change in step.changes { state.engine.observe(change, now: instant) }
            }
            state.apply(state.engine.evaluate(now: instant))
            let operations = steps.flatMap(\.operations)
            for operation in operations {
                if let failure = state.perform(operation) { failures.append("at \(offset): \(failure)") }
            }
            if !operations.isEmpty { state.apply(state.engine.evaluate(now: instant)) }
            for expectation in test.expectations where expectation.at == offset {
                failures += Self.differences(expected: expectation.incidents, open: state.openIncidents)
                    .map { "at \(offset): \($0)" }
            }
        }
        return RuleTestResult(failures: failures)
    }

    /// The engine, the clock and the Incidents written so far.
    struct RunState {
        var engine = AlertEngine()
        var now = Date.distantPast
        var incidents: [String: Incident] = [:]

        /// Evaluates at every deadline before `instant`; `false` when more than `limit` were needed.
        mutating func advance(before instant: Date, limit: Int) -> Bool {
            var evaluations = 0
            while let deadline = engine.nextDeadline(), deadline < instant {
                evaluations += 1
                if evaluations > limit { return false }
                now = max(now, deadline)
                apply(engine.evaluate(now: now))
            }
            return true
        }

        /// Writes the decisions into the in-memory Incidents, as the operator's writer does.
        mutating func apply(_ decisions: [IncidentDecision]) {
            for decision in decisions {
                let key = "\(decision.namespace)/\(decision.name)"
                if case .open(var incident) = decision.change {
                    incident.metadata.creationTimestamp = now
                    incidents[key] = incident
                } else {
                    incidents[key]?.status?.apply(decision.change, now: now)
                }
            }
        }

        /// Acknowledges or resolves an open incident and tells the engine; the failure text when it cannot.
        mutating func perform(_ operation: RuleTestOperation) -> String? {
            let verb = operation.kind.rawValue
            guard let (key, found) = incidents.first(where: { $0.value.status?.isOpen == true && operation.group.matches($0.value) }),
                var status = found.status
            else { return "\(verb): no open incident \(operation.group)" }
            switch operation.kind {
            case .acknowledge:
                do {
                    try status.acknowledge(by: operation.actor, now: now)
                } catch {
                    return "\(verb) \(operation.group): \(error)"
                }
            case .resolve:
                status.resolve(by: operation.actor, message: "Resolved by \(operation.actor)", now: now)
            }
            var incident = found
            incident.status = status
            incidents[key] = incident
            engine.observeIncident(incident)
            return nil
        }

        /// The open incidents.
        var openIncidents: [Incident] {
            incidents.values.filter { $0.status?.isOpen == true }
        }
    }
}

/// What a rule test found.
public struct RuleTestResult: Sendable, Hashable {
    /// One line per problem (`at 16m: missing incident crash {namespace=shop}`), in the order found.
    public var failures: [String]

    /// Whether the test passed.
    public var isSuccess: Bool { failures.isEmpty }

    /// Creates a result.
    public init(failures: [String]) {
        self.failures = failures
    }
}
