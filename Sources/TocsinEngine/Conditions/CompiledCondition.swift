import Foundation
import TocsinAPI

/// An AlertRule's condition ready to evaluate: defaults applied, regular expressions compiled, field paths parsed
/// and checked. Pure: objects, their histories and the time in, a ``Finding`` out.
///
/// A `nil` finding means the object is not relevant to the condition: neither a match nor a member of a group
/// whose share matters (and always `nil` for a kind the condition does not evaluate). The semantics of each
/// condition type are documented on the evaluation methods (`CompiledCondition+Pods.swift`, `+Nodes`, `+Events`,
/// `+Probes`, `+Field`, `+OnCall`).
public struct CompiledCondition: Sendable, Hashable {
    /// A condition type with its compiled parameters.
    enum Rule: Sendable, Hashable {
        case podCrashLooping(lookback: KubeDuration)
        case containerWaiting(reasons: Set<String>)
        case containerOOMKilled(window: KubeDuration)
        case podFailed
        case podNotReady
        case podPending
        case podRestarts(count: Int, window: KubeDuration)
        case workloadPodsNotReady(percent: Int)
        case nodeNotReady
        case nodePressure(Set<String>)
        case nodeUnschedulable
        case warningEvent(WarningEventFilter)
        case probeDown(probe: String?, consecutiveFailures: Int)
        case probeSlow(probe: String?, threshold: KubeDuration)
        case field(FieldMatcher)
        case onCallGap(schedule: String?, within: KubeDuration)
    }

    /// The condition's type.
    public let type: AlertConditionType
    /// The kind of object the condition evaluates; `nil` for probe conditions.
    public let kind: WatchedKind?
    /// How the findings of one group decide whether the group is active: ``GroupActivation/sum(atLeast:)`` of
    /// occurrences for warningEvent (`minCount`), ``GroupActivation/percentOfMembers(atLeast:)`` for
    /// workloadPodsNotReady (`percent`), ``GroupActivation/anyMatch`` for every other type.
    public let activation: GroupActivation
    /// The longest span of the past the condition reads from a ``PodHistory`` or ``EventHistory`` (lookback or
    /// window), or `nil` when it reads none.
    public let historyWindow: Duration?
    let rule: Rule

    /// Compiles `condition`, applying the defaults of its parameters (see ``AlertCondition/withDefaults()``;
    /// containerOOMKilled `window: 10m`).
    ///
    /// - Throws: ``ConditionError`` naming the field under `spec.condition` and why: an invalid regular expression,
    ///   a field path that is not valid or not kept by the engine, a missing or out-of-range parameter.
    public init(_ condition: AlertCondition.Typed) throws(ConditionError) {
        let rule = try Self.compile(condition)
        self.rule = rule
        type = condition.type
        switch rule {
        case .field(let matcher): kind = matcher.kind
        default: kind = condition.type.watchedKind
        }
        switch rule {
        case .warningEvent(let filter): activation = .sum(atLeast: Double(filter.minCount))
        case .workloadPodsNotReady(let percent): activation = .percentOfMembers(atLeast: Double(percent))
        default: activation = .anyMatch
        }
        switch rule {
        case .podCrashLooping(let lookback): historyWindow = lookback.duration
        case .containerOOMKilled(let window), .podRestarts(_, let window): historyWindow = window.duration
        case .warningEvent(let filter): historyWindow = filter.window.duration
        default: historyWindow = nil
        }
    }

    /// Compiles the condition of an AlertRule's spec.
    ///
    /// - Throws: ``ConditionError`` at `condition` when not exactly one condition type is set, else as the
    ///   initializer that takes the typed condition.
    public init(_ condition: AlertCondition) throws(ConditionError) {
        guard let typed = condition.typed else {
            let types = condition.setTypes.map(\.rawValue)
            throw ConditionError(
                code: .invalidParameter, field: "condition",
                message: types.isEmpty
                    ? "must set exactly one condition type: \(AlertConditionType.supportedValues)"
                    : "must set exactly one condition type, found \(types.count): \(types.joined(separator: ", "))")
        }
        try self.init(typed)
    }

    private static func compile(_ condition: AlertCondition.Typed) throws(ConditionError) -> Rule {
        switch condition {
        case .podCrashLooping(let parameters):
            return .podCrashLooping(
                lookback: try duration(
                    parameters.lookback, default: .minutes(5), field: "podCrashLooping.lookback",
                    within: .minutes(1)...(.hours(1))))
        case .containerWaiting(let parameters):
            let reasons = parameters.reasons ?? AlertCondition.defaultWaitingReasons
            return .containerWaiting(reasons: try nonEmptySet(reasons, field: "containerWaiting.reasons") ?? [])
        case .containerOOMKilled(let parameters):
            return .containerOOMKilled(
                window: try duration(
                    parameters.window, default: .minutes(10), field: "containerOOMKilled.window",
                    within: .milliseconds(1)...(.hours(24))))
        case .podFailed: return .podFailed
        case .podNotReady: return .podNotReady
        case .podPending: return .podPending
        case .podRestarts(let parameters):
            guard parameters.count >= 1 else {
                throw ConditionError(code: .invalidParameter, field: "podRestarts.count", message: "must be at least 1")
            }
            return .podRestarts(
                count: parameters.count,
                window: try duration(
                    parameters.window, default: .hours(1), field: "podRestarts.window", within: .minutes(1)...(.hours(24))))
        case .workloadPodsNotReady(let parameters):
            guard (1...100).contains(parameters.percent) else {
                throw ConditionError(
                    code: .invalidParameter, field: "workloadPodsNotReady.percent", message: "must be between 1 and 100")
            }
            return .workloadPodsNotReady(percent: parameters.percent)
        case .nodeNotReady: return .nodeNotReady
        case .nodePressure(let parameters):
            let pressures = (parameters.conditions ?? NodePressureCondition.Pressure.allCases).map(\.rawValue)
            return .nodePressure(try nonEmptySet(pressures, field: "nodePressure.conditions") ?? [])
        case .nodeUnschedulable: return .nodeUnschedulable
        case .warningEvent(let parameters): return .warningEvent(try WarningEventFilter(parameters))
        case .probeDown(let parameters):
            let failures = parameters.consecutiveFailures ?? 3
            guard failures >= 1 else {
                throw ConditionError(
                    code: .invalidParameter, field: "probeDown.consecutiveFailures", message: "must be at least 1")
            }
            return .probeDown(probe: parameters.probe, consecutiveFailures: failures)
        case .probeSlow(let parameters):
            guard !parameters.threshold.isZero else {
                throw ConditionError(code: .invalidParameter, field: "probeSlow.threshold", message: "must be positive")
            }
            return .probeSlow(probe: parameters.probe, threshold: parameters.threshold)
        case .field(let parameters): return .field(try FieldMatcher(parameters))
        case .onCallGap(let parameters):
            return .onCallGap(
                schedule: parameters.schedule,
                within: try duration(
                    parameters.within, default: OnCallGapCondition.defaultWithin, field: "onCallGap.within",
                    within: OnCallGapCondition.withinRange))
        }
    }

    /// `value`, else `fallback`, required to lie in `range`.
    static func duration(
        _ value: KubeDuration?, default fallback: KubeDuration, field: String, within range: ClosedRange<KubeDuration>
    ) throws(ConditionError) -> KubeDuration {
        let duration = value ?? fallback
        guard range.contains(duration) else {
            let lower = range.lowerBound == .milliseconds(1) ? "positive" : "at least \(range.lowerBound)"
            throw ConditionError(
                code: .invalidParameter, field: field,
                message: "\(duration) is out of range: must be \(lower) and at most \(range.upperBound)")
        }
        return duration
    }

    /// The set of `values`, `nil` when unset.
    ///
    /// - Throws: ``ConditionError`` at `field` when the list is set but empty or holds an empty string.
    static func nonEmptySet(_ values: [String]?, field: String) throws(ConditionError) -> Set<String>? {
        guard let values else { return nil }
        guard !values.isEmpty, !values.contains("") else {
            throw ConditionError(
                code: .invalidParameter, field: field, message: "must list at least one non-empty value, or be left unset")
        }
        return Set(values)
    }
}
