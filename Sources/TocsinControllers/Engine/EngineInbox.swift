import Foundation
import Synchronization
import TocsinAPI
import TocsinEngine

/// Where the informers, the probe runner and the Incident watch leave what the alert engine must look at, until
/// the engine's loop takes it.
///
/// Changes are coalesced per object (the latest state wins, so the buffer is bounded by the number of watched
/// objects, never by the event rate), and every recording wakes the loop. Handlers call it synchronously from
/// informer delivery: it only takes a lock.
public final class EngineInbox: Sendable {
    struct Pending: Sendable {
        var changes: [ObservedObjectID: ObservedChange] = [:]
        var probes: [ProbeKey: ProbeResult] = [:]
        var incidents: [IncidentKey: Incident] = [:]
        var isConfigurationChanged = true
    }

    struct ProbeKey: Sendable, Hashable {
        var namespace: String
        var monitor: String
        var probe: String
    }

    struct IncidentKey: Sendable, Hashable {
        var namespace: String
        var name: String
    }

    /// What one ``drain()`` hands over.
    public struct Batch: Sendable {
        /// Object changes, one per object.
        public var changes: [ObservedChange]
        /// Probe results by Monitor namespace, Monitor and probe.
        public var probes: [(namespace: String, monitor: String, probe: String, result: ProbeResult)]
        /// Incidents that changed.
        public var incidents: [Incident]
        /// Whether rules, Monitors, schedules or watches changed.
        public var isConfigurationChanged: Bool
    }

    private let pending = Mutex(Pending())
    private let continuation: AsyncStream<Void>.Continuation
    /// Yields whenever something was recorded (at most one buffered wakeup).
    public let wakeups: AsyncStream<Void>

    /// Creates an empty inbox (marked as changed, so the first drain configures the engine).
    public init() {
        (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Records a change of a watched object.
    public func record(_ change: ObservedChange) {
        pending.withLock { $0.changes[change.id] = change }
        continuation.yield()
    }

    /// Records a probe result.
    public func recordProbe(namespace: String, monitor: String, probe: String, result: ProbeResult) {
        pending.withLock {
            $0.probes[ProbeKey(namespace: namespace, monitor: monitor, probe: probe)] = result
        }
        continuation.yield()
    }

    /// Records an Incident that was added or changed.
    public func recordIncident(_ incident: Incident) {
        guard let name = incident.metadata.name, let namespace = incident.metadata.namespace else { return }
        pending.withLock { $0.incidents[IncidentKey(namespace: namespace, name: name)] = incident }
        continuation.yield()
    }

    /// Notes that rules, Monitors, OnCallSchedules or the watches changed.
    public func markConfigurationChanged() {
        pending.withLock { $0.isConfigurationChanged = true }
        continuation.yield()
    }

    /// Wakes the loop without recording anything.
    public func wake() {
        continuation.yield()
    }

    /// Takes everything recorded so far.
    public func drain() -> Batch {
        let taken = pending.withLock { pending in
            defer { pending = Pending(isConfigurationChanged: false) }
            return pending
        }
        return Batch(
            changes: Array(taken.changes.values),
            probes: taken.probes.map { (namespace: $0.key.namespace, monitor: $0.key.monitor, probe: $0.key.probe, result: $0.value) },
            incidents: Array(taken.incidents.values), isConfigurationChanged: taken.isConfigurationChanged)
    }

    /// Ends ``wakeups``.
    public func finish() {
        continuation.finish()
    }
}
