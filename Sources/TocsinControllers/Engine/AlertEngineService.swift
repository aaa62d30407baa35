import Foundation
import KubeRuntime
import Logging
import ServiceLifecycle
import Synchronization
import TocsinAPI
import TocsinEngine

/// Runs the alert engine on the leader: feeds it what the informers and probes report, evaluates, and writes the
/// Incidents it decides on.
///
/// One loop owns the engine (no locks around it). It wakes when the ``EngineInbox`` has something, when the
/// engine's next deadline comes (checked every ``tick``), or to retry failed writes. At start it rebuilds the
/// engine's memory from the Incidents in the cache, so a restart or a leader change neither reopens nor re-sends
/// anything. A rule is evaluated only once its Monitor's watches have synced: before that, missing objects would
/// look like resolved conditions.
public final class AlertEngineService: Service, Sendable {
    /// How often the loop checks deadlines and waiting rules when nothing else wakes it.
    public static let tick = Duration.seconds(1)
    /// How long the loop lets changes gather after a wake-up before it drains the inbox.
    public static let gathering = Duration.milliseconds(1)
    /// The most failed writes kept for retry; beyond it the oldest are dropped (and logged).
    public static let maxRetries = 10_000

    /// Where the loop reads rules, Monitors, schedules and Incidents.
    public struct Caches: Sendable {
        /// The AlertRules.
        public var alertRules: Store<AlertRule>
        /// The Monitors.
        public var monitors: Store<Monitor>
        /// The OnCallSchedules.
        public var schedules: Store<OnCallSchedule>
        /// The Incidents.
        public var incidents: Store<Incident>
        /// The OnCallOverrides merged into the schedules' directories; `nil` for none.
        public var overrides: Store<OnCallOverride>?

        /// Creates the set of caches.
        public init(
            alertRules: Store<AlertRule>, monitors: Store<Monitor>, schedules: Store<OnCallSchedule>,
            incidents: Store<Incident>, overrides: Store<OnCallOverride>? = nil
        ) {
            self.overrides = overrides
            self.alertRules = alertRules
            self.monitors = monitors
            self.schedules = schedules
            self.incidents = incidents
        }
    }

    let inbox: EngineInbox
    let caches: Caches
    let watches: WatchRegistry
    let probes: ProbeTargets?
    let namespaceLabels: @Sendable () -> [String: [String: String]]
    let writer: IncidentWriter
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger
    let deadline = Mutex<Date?>(nil)
    let statistics = Mutex(EngineStatistics())

    /// Creates the service.
    public init(
        inbox: EngineInbox, caches: Caches, watches: WatchRegistry, probes: ProbeTargets?,
        namespaceLabels: @escaping @Sendable () -> [String: [String: String]] = { [:] }, writer: IncidentWriter,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.inbox = inbox
        self.caches = caches
        self.watches = watches
        self.probes = probes
        self.namespaceLabels = namespaceLabels
        self.writer = writer
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    /// What the loop has done so far.
    public var currentStatistics: EngineStatistics { statistics.withLock { $0 } }

    /// Runs until cancelled or a graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var loop = EngineLoop(service: self)
            loop.restore()
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.tickUntilCancelled() }
                for await _ in self.inbox.wakeups {
                    // Let a burst of changes gather for a moment, so that one pass observes many of them and
                    // evaluates once, instead of waking for each (a millisecond of the event-to-Slack budget).
                    try? await Task.sleep(for: Self.gathering)
                    if Task.isCancelled { break }
                    await loop.step()
                }
                group.cancelAll()
            }
        }
        logger.debug("Stopped alert engine")
    }

    /// Wakes the loop every ``tick`` when a deadline has come.
    private func tickUntilCancelled() async {
        while !Task.isCancelled {
            do {
                try await clock.sleep(for: Self.tick)
            } catch {
                return
            }
            let due = deadline.withLock { $0 }
            if let due, due <= now() { inbox.wake() }
        }
    }
}

/// Counters of the engine loop, for tests and metrics.
public struct EngineStatistics: Sendable, Hashable {
    /// Loop iterations.
    public var steps = 0
    /// Object changes evaluated.
    public var observedChanges = 0
    /// Incident changes written.
    public var writtenDecisions = 0
    /// Writes that failed (and were queued for retry).
    public var failedWrites = 0
    /// Rules being evaluated.
    public var rules = 0
}
