import Foundation
import TocsinAPI

/// A compiled ``WarningEventCondition``: which events count, how many occurrences fire, and within which window.
struct WarningEventFilter: Sendable, Hashable {
    /// The default `minCount`: 1.
    static let defaultMinCount = 1
    /// The default `window`: 10 minutes.
    static let defaultWindow = KubeDuration.minutes(10)

    /// The reasons that count; `nil` for any.
    let reasons: Set<String>?
    /// The expression the reason must match; `nil` for any.
    let reasonPattern: RegularExpression?
    /// The expression the message must match; `nil` for any.
    let messagePattern: RegularExpression?
    /// The involved kinds that count; `nil` for any.
    let involvedKinds: Set<String>?
    /// The occurrences (summed over a group) that fire.
    let minCount: Int
    /// The sliding window occurrences are counted in.
    let window: KubeDuration

    /// Compiles `condition`, applying its defaults.
    ///
    /// - Throws: ``ConditionError`` at `warningEvent.<field>` for an invalid pattern, an empty list, `reasons` set
    ///   together with `reasonPattern`, `minCount` below 1 or a window outside 1m–1h.
    init(_ condition: WarningEventCondition) throws(ConditionError) {
        if condition.reasons != nil, condition.reasonPattern != nil {
            throw ConditionError(
                code: .invalidParameter, field: "warningEvent.reasonPattern",
                message: "must not be set together with reasons: use one or the other")
        }
        reasons = try CompiledCondition.nonEmptySet(condition.reasons, field: "warningEvent.reasons")
        reasonPattern = try condition.reasonPattern.map { pattern throws(ConditionError) in
            try RegularExpression(pattern, field: "warningEvent.reasonPattern")
        }
        messagePattern = try condition.messagePattern.map { pattern throws(ConditionError) in
            try RegularExpression(pattern, field: "warningEvent.messagePattern")
        }
        involvedKinds = try CompiledCondition.nonEmptySet(condition.involvedKinds, field: "warningEvent.involvedKinds")
        minCount = condition.minCount ?? Self.defaultMinCount
        guard minCount >= 1 else {
            throw ConditionError(code: .invalidParameter, field: "warningEvent.minCount", message: "must be at least 1")
        }
        window = try CompiledCondition.duration(
            condition.window, default: Self.defaultWindow, field: "warningEvent.window", within: .minutes(1)...(.hours(1)))
    }

    /// Whether `event` counts: a `Warning` whose reason, message and involved kind pass the filters (a filter on a
    /// field the event lacks does not pass).
    func accepts(_ event: WatchedEvent) -> Bool {
        guard event.isWarning else { return false }
        if let reasons {
            guard let reason = event.reason, reasons.contains(reason) else { return false }
        }
        if let reasonPattern {
            guard let reason = event.reason, reasonPattern.matches(reason) else { return false }
        }
        if let messagePattern {
            guard let message = event.message, messagePattern.matches(message) else { return false }
        }
        if let involvedKinds {
            guard let kind = event.involvedObject.kind, involvedKinds.contains(kind) else { return false }
        }
        return true
    }
}
