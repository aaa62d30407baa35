import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import TocsinAPI
import TocsinEngine

/// Reconciles `OnCallOverride`s: reports whether each applies to its schedule, and deletes it
/// ``OnCallOverride/retention`` (7 days) after it ends.
///
/// - An invalid spec (``OnCallOverride/validate()``) gets `Ready=False` (reason `InvalidSpec`), a Warning Event
///   and a ``TerminalReconcileError``: it runs again when the spec changes.
/// - A missing schedule gets `Ready=False` (reason `ScheduleNotFound`); the schedule's creation enqueues the
///   override again. A `rotation` the schedule cannot take gets `Ready=False` (reason `RotationNotSupported`);
///   the schedule ignores that override.
/// - Otherwise `Ready=True`, reason `Scheduled` before `start`, `Active` until `end`, `Expired` after.
/// - From ``OnCallOverride/deletionTime`` on, the override is deleted (with a uid precondition), whatever its
///   state. Until then it is requeued at its next `start`, `end` or deletion time, at most ``maximumRequeue``
///   later so that a missed wake-up heals itself.
///
/// The schedules themselves pick overrides up from their own informer store (``OnCallScheduleReconciler``).
public struct OnCallOverrideReconciler: Reconciler {
    /// The `Ready` condition type.
    public static let readyCondition = ReconcilerSupport.readyCondition
    /// `Ready=True` before `start`.
    public static let scheduledReason = "Scheduled"
    /// `Ready=True` between `start` and `end`.
    public static let activeReason = "Active"
    /// `Ready=True` after `end`, until the override is deleted.
    public static let expiredReason = "Expired"
    /// `Ready=False`: the spec is invalid (also the reason of its Warning Event).
    public static let invalidSpecReason = "InvalidSpec"
    /// `Ready=False`: `spec.scheduleRef` names no OnCallSchedule.
    public static let scheduleNotFoundReason = "ScheduleNotFound"
    /// `Ready=False`: the schedule cannot take an override of `spec.rotation`.
    public static let rotationNotSupportedReason = "RotationNotSupported"

    /// The client the overrides and schedules are read with.
    public let client: KubernetesClient
    /// Where Warning Events go.
    public let events: EventRecorder
    /// The longest wait before the next reconcile.
    public let maximumRequeue: Duration
    let support: ReconcilerSupport
    let now: @Sendable () -> Date

    /// Creates a reconciler.
    /// - Parameters:
    ///   - client: reads overrides and schedules, patches status, deletes expired overrides.
    ///   - events: records Warning Events (its `run()` must be running to write them).
    ///   - fieldManager: the field manager of the status patches.
    ///   - maximumRequeue: the cap on the wait until the next change (default six hours).
    ///   - now: the wall clock.
    public init(
        client: KubernetesClient, events: EventRecorder, fieldManager: String = "tocsin",
        maximumRequeue: Duration = .seconds(6 * 3_600), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.events = events
        self.maximumRequeue = maximumRequeue
        self.support = ReconcilerSupport(client: client, events: events, fieldManager: fieldManager)
        self.now = now
    }

    /// Reconciles the override named by `key`.
    /// - Throws: ``TerminalReconcileError`` for an invalid spec (after writing its status and Event);
    ///   `KubeAPIError`, `KubeTransportError` or `KubeDecodingError` when reading, patching or deleting fails.
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let override = try await support.liveObject(OnCallOverride.self, for: key) else { return .done }
        let instant = now()
        if instant >= override.deletionTime {
            do {
                try await client.delete(
                    OnCallOverride.self, name: key.name, namespace: key.namespace,
                    options: DeleteOptions(preconditions: Preconditions(uid: override.metadata.uid)))
            } catch let error as KubeAPIError where error.isNotFound {
                return .done
            }
            return .done
        }
        let problems = override.validate()
        guard problems.isEmpty else {
            let message = ReconcilerSupport.summary(of: problems.map(\.description))
            try await support.reportNotReady(override, reason: Self.invalidSpecReason, message: message, fields: [:], at: instant)
            throw TerminalReconcileError("OnCallOverride \(key) is invalid: \(message); fix the spec")
        }
        let requeue = Self.requeueDelay(for: override, from: instant, maximum: maximumRequeue)
        let scheduleName = override.spec.scheduleRef.name
        let scheduleKey = ObjectKey(namespace: key.namespace, name: scheduleName)
        guard let schedule = try await support.liveObject(OnCallSchedule.self, for: scheduleKey) else {
            try await support.reportNotReady(
                override, reason: Self.scheduleNotFoundReason,
                message: "OnCallSchedule \"\(scheduleName)\" not found in namespace \"\(key.namespace ?? "")\": "
                    + "create it or fix spec.scheduleRef.name",
                fields: [:], at: instant)
            return .requeue(after: requeue)
        }
        if let problem = OnCallPlan.problem(applying: override.scheduleOverride, to: schedule.withDefaults().spec) {
            try await support.reportNotReady(
                override, reason: Self.rotationNotSupportedReason,
                message: "spec.rotation: \(problem); the schedule ignores this override", fields: [:], at: instant)
            return .requeue(after: requeue)
        }
        let ready = Self.readyCondition(for: override, at: instant)
        try await support.statusWriter.update(override, conditions: [ready], fields: [:], now: instant)
        return .requeue(after: requeue)
    }

    /// `Ready=True` with the reason and message of the override's phase at `instant`.
    static func readyCondition(for override: OnCallOverride, at instant: Date) -> Condition {
        let spec = override.spec
        let who = "\(spec.participant.name) on OnCallSchedule \"\(spec.scheduleRef.name)\""
        let (reason, message): (String, String) =
            if instant < spec.start.date {
                (scheduledReason, "\(who) from \(spec.start) to \(spec.end)")
            } else if instant < spec.end.date {
                (activeReason, "\(who) until \(spec.end)")
            } else {
                (expiredReason, "Ended at \(spec.end); deleted at \(Timestamp(override.deletionTime))")
            }
        return Condition(type: readyCondition, status: .true, reason: reason, message: message)
    }

    /// The wait until the override's next `start`, `end` or deletion time after `instant`, at least a millisecond
    /// and at most `maximum`.
    static func requeueDelay(for override: OnCallOverride, from instant: Date, maximum: Duration) -> Duration {
        let next = [override.spec.start.date, override.spec.end.date, override.deletionTime].filter { $0 > instant }.min()
        guard let next else { return .milliseconds(1) }
        let milliseconds = (next.timeIntervalSince(instant) * 1_000).rounded(.up)
        guard milliseconds.isFinite, milliseconds < 1e15 else { return maximum }
        return min(.milliseconds(Int64(max(1, milliseconds))), maximum)
    }
}
