import Foundation
import TocsinAPI

extension CompiledCondition {
    /// The finding of a warningEvent condition (or a field condition on events) about `event` at `now`; `nil` when
    /// the event is not relevant or the condition does not evaluate events. Record `event` in `history` first.
    ///
    /// **warningEvent** (reasons or reasonPattern, messagePattern, involvedKinds, minCount default 1, window default
    /// 10m): a `Warning` event whose reason is one of `reasons` (or matches `reasonPattern`), whose message matches
    /// `messagePattern` and whose involved object's kind is one of `involvedKinds` (each filter only when set; a
    /// filter on a field the event lacks does not pass), with at least one occurrence within the window. An event
    /// is one object whose `count` (or `series.count`) grows with each repeat, so a MODIFIED event with a higher
    /// count is a repeat: see ``EventHistory/occurrences(within:now:)`` for how occurrences are dated. Value = the
    /// occurrences within the window; the group (by default namespace + reason) is active when the values add up to
    /// at least `minCount`. Labels `namespace`, `reason`, `kind`, `name` and `object` (`Pod/api-7d4b9c-x2x`) of the
    /// involved object; the affected object is the involved object with the event's message as detail; expires when
    /// the oldest counted occurrence leaves the window (the value drops then; the last one leaves at the last
    /// occurrence + window).
    public func finding(for event: WatchedEvent, history: EventHistory, now: Date) -> Finding? {
        switch rule {
        case .warningEvent(let filter):
            guard filter.accepts(event) else { return nil }
            let occurrences = history.occurrences(within: filter.window.duration, now: now)
            guard occurrences.count > 0 else { return nil }
            return Finding(
                object: event.affectedInvolvedObject, labels: event.findingLabels, value: Double(occurrences.count),
                expiresAt: occurrences.nextDecreaseAt)
        case .field(let matcher) where matcher.kind == .event:
            var labels: [String: String] = ["namespace": event.namespace]
            if let reason = event.reason { labels["reason"] = reason }
            if let kind = event.involvedObject.kind, let name = event.involvedObject.name {
                labels["object"] = "\(kind)/\(name)"
            }
            let object = AffectedObject(kind: "Event", namespace: event.namespace, name: event.name)
            return fieldFinding(matcher, tree: FieldValue(event), object: object, labels: labels)
        default:
            return nil
        }
    }
}
