import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import TocsinAPI
import TocsinEngine

/// Reconciles `OnCallSchedule`s: validates the spec, computes who is on call now, the next handoff, the next
/// shifts and the gaps of the next 14 days, and publishes them in `status` with a `Ready` condition.
///
/// - A valid schedule gets `Ready=True` (reason `Computed`) and is requeued at its next handoff, at most
///   ``maximumRequeue`` later so that a missed wake-up heals itself.
/// - An invalid one (``OnCallSchedule/validate()`` or what the calculator cannot represent) gets `Ready=False`
///   (reason `InvalidSpec`, the first problems with their field paths in the message), its computed fields
///   cleared, a Warning Event `InvalidSpec`, and a ``TerminalReconcileError``: it runs again when the spec changes.
/// - A deleted schedule needs nothing.
/// - The ``OnCallOverride``s naming the schedule (read from ``overrides``, an informer store indexed by
///   ``overrideScheduleIndex``) are merged in after the spec's own overrides and win over them
///   (``OnCallScheduleSpec/merging(extraOverrides:)``), so `onCallNow` and the upcoming shifts show them.
///
/// The object is read with a GET on each reconcile so that the status comparison sees the latest status
/// (schedules are few and reconciled about hourly); the status is written only when it changed.
public struct OnCallScheduleReconciler: Reconciler {
    /// The `Ready` condition type.
    public static let readyCondition = ReconcilerSupport.readyCondition
    /// The reason of `Ready=True`.
    public static let computedReason = "Computed"
    /// The reason of `Ready=False` for a spec that cannot be used, also the reason of its Warning Event.
    public static let invalidSpecReason = "InvalidSpec"
    /// How many problems the `Ready` message lists before "and N more".
    public static let listedProblems = ReconcilerSupport.listedProblems

    /// The client the schedules are read with.
    public let client: KubernetesClient
    /// Where Warning Events about invalid specs go.
    public let events: EventRecorder
    /// The longest wait before the next reconcile of a valid schedule.
    public let maximumRequeue: Duration
    /// How many upcoming shifts the status lists.
    public let upcomingShiftCount: Int
    /// How far ahead `status.gaps` looks, in seconds.
    public let gapHorizon: TimeInterval
    /// The OnCallOverrides, indexed by ``overrideScheduleIndex``; `nil` ignores them.
    public let overrides: Store<OnCallOverride>?
    /// Announces handoffs of schedules with `spec.notifications` (see ``announceHandoff(of:timeline:spec:at:)``);
    /// `nil` announces nothing.
    public let handoffNotifier: HandoffNotifier?
    let support: ReconcilerSupport
    let now: @Sendable () -> Date

    /// Creates a reconciler.
    /// - Parameters:
    ///   - client: reads schedules and patches their status.
    ///   - events: records `InvalidSpec` Warning Events (its `run()` must be running to write them).
    ///   - fieldManager: the field manager of the status patches.
    ///   - maximumRequeue: the cap on the wait until the next handoff (default one hour).
    ///   - upcomingShiftCount: how many upcoming shifts to publish (default 5).
    ///   - gapHorizon: how far ahead to report gaps (default 14 days).
    ///   - overrides: the OnCallOverrides informer store, indexed by ``overrideScheduleIndex`` (default none).
    ///   - handoffNotifier: posts handoff messages and syncs Slack user groups (default none).
    ///   - now: the wall clock.
    public init(
        client: KubernetesClient, events: EventRecorder, fieldManager: String = "tocsin",
        maximumRequeue: Duration = .seconds(3_600), upcomingShiftCount: Int = 5, gapHorizon: TimeInterval = 14 * 86_400,
        overrides: Store<OnCallOverride>? = nil, handoffNotifier: HandoffNotifier? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.overrides = overrides
        self.handoffNotifier = handoffNotifier
        self.client = client
        self.events = events
        self.maximumRequeue = maximumRequeue
        self.upcomingShiftCount = upcomingShiftCount
        self.gapHorizon = gapHorizon
        self.support = ReconcilerSupport(client: client, events: events, fieldManager: fieldManager)
        self.now = now
    }

    /// Reconciles the schedule named by `key`.
    /// - Throws: ``TerminalReconcileError`` for an invalid spec (after writing its status and Event);
    ///   `KubeAPIError`, `KubeTransportError` or `KubeDecodingError` when reading or patching fails (retried);
    ///   ``HandoffNotificationError`` when a handoff could not be announced (after recording it in
    ///   `status.lastHandoff`; retried).
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let schedule = try await support.liveObject(OnCallSchedule.self, for: key) else { return .done }
        let instant = now()
        let extra = extraOverrides(for: schedule)
        switch Self.plan(for: schedule, extraOverrides: extra) {
        case .failure(let error):
            let message = ReconcilerSupport.summary(of: error.errors.map(\.description))
            try await support.reportNotReady(
                schedule, reason: Self.invalidSpecReason, message: message, fields: OnCallTimeline.clearedStatusFields,
                at: instant)
            throw TerminalReconcileError("OnCallSchedule \(key) is invalid: \(message); fix the spec")
        case .success(let plan):
            let timeline = OnCallTimeline(
                plan: plan, now: instant, shiftCount: upcomingShiftCount, gapHorizon: gapHorizon,
                gapLimit: OnCallScheduleReconciler.gapLimit)
            let names = timeline.onCallNowNames
            let ready = Condition(
                type: Self.readyCondition, status: .true, reason: Self.computedReason,
                message: names.isEmpty ? "Nobody is on call now" : "On call now: \(names.joined(separator: ", "))")
            let spec = schedule.withDefaults().spec.merging(extraOverrides: extra)
            var fields = try timeline.statusFields(for: spec)
            let handoff = await announceHandoff(of: schedule, timeline: timeline, spec: spec, at: instant)
            if let record = handoff.record {
                fields["lastHandoff"] = try Self.lastHandoffPatch(record, replacing: schedule.status?.lastHandoff)
            }
            let scheduled = await postScheduledSummary(of: schedule, timeline: timeline, spec: spec, at: instant)
            if let posted = scheduled.posted { fields["lastScheduledPost"] = try JSONValue(encoding: Timestamp(posted)) }
            try await support.statusWriter.update(schedule, conditions: [ready], fields: fields, now: instant)
            if let failure = handoff.failure ?? scheduled.failure {
                throw HandoffNotificationError("OnCallSchedule \(key): \(failure.message)", code: failure.code)
            }
            let wake = [timeline.nextHandoff, scheduled.next].compactMap { $0 }.min()
            return .requeue(after: requeueDelay(until: wake, from: instant))
        }
    }

    /// The most gaps the status lists (the API's limit).
    static let gapLimit = 20

    /// The schedule's plan with `extraOverrides` merged in, or every problem found by validation of the
    /// schedule or, when it passes, by the mapping.
    static func plan(
        for schedule: OnCallSchedule, extraOverrides: [ScheduleOverride] = []
    ) -> Result<OnCallPlan, OnCallPlanMappingError> {
        let problems = schedule.withDefaults().validate()
        guard problems.isEmpty else { return .failure(OnCallPlanMappingError(errors: problems)) }
        do {
            return .success(try OnCallPlan(spec: schedule.withDefaults().spec.merging(extraOverrides: extraOverrides)))
        } catch {
            return .failure(error)
        }
    }

    /// The wait until `handoff`, at least a millisecond and at most ``maximumRequeue`` (also when there is none).
    func requeueDelay(until handoff: Date?, from instant: Date) -> Duration {
        guard let handoff else { return maximumRequeue }
        let milliseconds = (handoff.timeIntervalSince(instant) * 1_000).rounded(.up)
        guard milliseconds.isFinite, milliseconds < 1e15 else { return maximumRequeue }
        return min(.milliseconds(Int64(max(1, milliseconds))), maximumRequeue)
    }
}

extension OnCallScheduleReconciler {
    /// The name of the OnCallOverride store index whose values are the `namespace/name` of the schedule named by
    /// `spec.scheduleRef`.
    public static let overrideScheduleIndex = "oncallschedule"

    /// The index of OnCallOverrides by the key (`namespace/name`) of the schedule they name.
    public static var overrideIndexes: [StoreIndex<OnCallOverride>] {
        [
            StoreIndex(name: overrideScheduleIndex) { override in
                [ObjectKey(namespace: override.metadata.namespace, name: override.spec.scheduleRef.name).description]
            }
        ]
    }

    /// The overrides of `schedule` found in ``overrides``, in precedence order.
    func extraOverrides(for schedule: OnCallSchedule) -> [ScheduleOverride] {
        guard let overrides, let key = ObjectKey(schedule.metadata) else { return [] }
        return overrides.objects(in: Self.overrideScheduleIndex, matching: key.description)
            .scheduleOverrides(forSchedule: key.name, in: schedule.metadata.namespace)
    }
}
