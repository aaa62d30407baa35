import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import TocsinAPI

/// Reconciles `Monitor`s: validates the spec, enforces the operator's ``NamespacePolicy``, resolves the
/// namespace selection and publishes it in `status` with a `Ready` condition.
///
/// - A valid, allowed Monitor gets `status.namespaces` (sorted, at most ``listedNamespaces``),
///   `status.namespaceCount` and `Ready=True` (reason `Watching`, message "2 namespaces, kinds Pod, Node, Event").
///   Names that do not exist (yet) stay in the list — their watches deliver once they are created — and the
///   message names them ("; not found yet: "x""). A selector matching nothing is `Ready=True` with 0 namespaces.
/// - A Monitor outside the privileged namespaces selecting other namespaces gets `Ready=False` (reason
///   `NamespaceNotAllowed`), its namespaces cleared, and a Warning Event when its status changes; it is `.done`
///   (not an error): it runs again when its spec changes.
/// - An invalid spec gets `Ready=False` (reason `InvalidSpec`), a Warning Event and a
///   ``TerminalReconcileError``, as ``OnCallScheduleReconciler``.
/// - While the namespace catalog has not synced, a Monitor that needs it is requeued after ``unsyncedRequeue``.
///
/// - A Ready Monitor gets finalizer ``watchesFinalizer`` and holds the shared watches of its kinds in its
///   resolved namespaces in ``watches`` (see ``WatchRegistry``); `status.watchedObjects` has the counts of
///   the kinds it watches. Counts change with every pod and event, so the reconciler does not react to those
///   changes (that would be a PATCH per pod event): it requeues the Monitor every ``countRefresh`` (60 s) and
///   writes the counts only when they changed; while a watch has not listed yet it requeues after
///   ``unsyncedRequeue``.
/// - A Monitor whose watch the API server refuses (`403`, e.g. Node in a namespaced installation, or `401`) gets
///   `Ready=False` (reason `Forbidden` or `Unauthorized`) naming the kind and the missing permission, and a
///   Warning Event; it keeps its hold, so the watch recovers once RBAC allows it, and is checked again every
///   ``deniedWatchRequeue``.
/// - A Monitor that becomes `NamespaceNotAllowed` or `InvalidSpec`, or is deleted (the finalizer), releases
///   its hold; the last Monitor to release a watch stops it.
///
/// Not done here yet: running the HTTP probes on the leader and writing `probes`.
public struct MonitorReconciler: Reconciler {
    /// The `Ready` condition type.
    public static let readyCondition = ReconcilerSupport.readyCondition
    /// The reason of `Ready=True`.
    public static let watchingReason = "Watching"
    /// The reason of `Ready=False` (and of the Warning Event) for a forbidden cross-namespace selection.
    public static let namespaceNotAllowedReason = "NamespaceNotAllowed"
    /// The reason of `Ready=False` (and of the Warning Event) for a spec that cannot be used.
    public static let invalidSpecReason = "InvalidSpec"
    /// The reason of `Ready=False` (and of the Warning Event) when the API server forbids a watch the Monitor
    /// needs (`403`), e.g. Node in a namespaced installation.
    public static let forbiddenReason = "Forbidden"
    /// The reason of `Ready=False` when the API server refuses the operator's credentials for a watch (`401`).
    public static let unauthorizedReason = "Unauthorized"
    /// How many namespaces `status.namespaces` lists (`status.namespaceCount` has them all).
    public static let listedNamespaces = 100
    /// The finalizer that releases a Monitor's watches when it is deleted.
    public static let watchesFinalizer = "tocsin.dev/watches"
    /// How many problems or missing namespaces a message lists before "and N more".
    public static let listedProblems = ReconcilerSupport.listedProblems

    /// The client the Monitors are read with.
    public let client: KubernetesClient
    /// Where Warning Events go.
    public let events: EventRecorder
    /// Which Monitors may watch other namespaces.
    public let policy: NamespacePolicy
    /// The namespaces selections are resolved against.
    public let namespaces: NamespaceCatalog
    /// The shared watches Ready Monitors hold.
    public let watches: WatchRegistry
    /// The probes of Ready Monitors (nil: probes are not run).
    public let probes: ProbeTargets?
    /// The wait before retrying a Monitor whose namespace catalog or watches have not synced.
    public let unsyncedRequeue: Duration
    /// How often a Ready Monitor is requeued to refresh `status.watchedObjects`.
    public let countRefresh: Duration
    /// How often a Monitor whose watch the API server refuses is checked again (its watch keeps retrying).
    public let deniedWatchRequeue: Duration
    let support: ReconcilerSupport
    let now: @Sendable () -> Date

    /// Creates a reconciler.
    /// - Parameters:
    ///   - client: reads Monitors and patches their status.
    ///   - events: records Warning Events (its `run()` must be running to write them).
    ///   - policy: which Monitors may watch other namespaces.
    ///   - namespaces: the namespaces selections are resolved against.
    ///   - watches: the shared watches Ready Monitors hold.
    ///   - fieldManager: the field manager of the status patches.
    ///   - unsyncedRequeue: the wait while the namespace catalog or the watches have not synced (default 1 s).
    ///   - countRefresh: how often a Ready Monitor's counts are refreshed (default 60 s).
    ///   - deniedWatchRequeue: how often a Monitor whose watch is forbidden is checked again (default 30 s).
    ///   - now: the wall clock (condition transition times).
    public init(
        client: KubernetesClient, events: EventRecorder, policy: NamespacePolicy, namespaces: NamespaceCatalog,
        watches: WatchRegistry, probes: ProbeTargets? = nil, fieldManager: String = "tocsin",
        unsyncedRequeue: Duration = .seconds(1),
        countRefresh: Duration = .seconds(60), deniedWatchRequeue: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.events = events
        self.policy = policy
        self.namespaces = namespaces
        self.watches = watches
        self.probes = probes
        self.unsyncedRequeue = unsyncedRequeue
        self.countRefresh = countRefresh
        self.deniedWatchRequeue = deniedWatchRequeue
        self.support = ReconcilerSupport(client: client, events: events, fieldManager: fieldManager)
        self.now = now
    }

    /// Reconciles the Monitor named by `key`.
    /// - Returns: `.requeue(after: countRefresh)` for a Ready Monitor (`unsyncedRequeue` while its watches or
    ///   the namespace catalog have not synced), else `.done`.
    /// - Throws: ``TerminalReconcileError`` for an invalid spec (after writing its status and Event);
    ///   `KubeAPIError`, `KubeTransportError` or `KubeDecodingError` when reading or patching fails (retried).
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard var monitor = try await currentObject(for: key) else {
            release(key)
            return .done
        }
        if monitor.metadata.deletionTimestamp != nil {
            _ = try await Finalizers(client: client).handle(Self.watchesFinalizer, on: monitor) { _ in
                release(key)
            }
            release(key)
            return .done
        }
        let instant = now()
        let problems = monitor.withDefaults().validate()
        guard problems.isEmpty else {
            release(key)
            let message = ReconcilerSupport.summary(of: problems.map(\.description))
            try await report(monitor, reason: Self.invalidSpecReason, message: message, at: instant)
            throw TerminalReconcileError("Monitor \(key) is invalid: \(message); fix the spec")
        }
        let ownNamespace = monitor.metadata.namespace ?? key.namespace ?? ""
        let selection = MonitorNamespaceSelection(monitor.spec)
        if let violation = policy.violation(of: selection, in: ownNamespace) {
            release(key)
            try await report(monitor, reason: Self.namespaceNotAllowedReason, message: violation, at: instant)
            return .done
        }
        if selection != .own, !namespaces.hasSynced() { return .requeue(after: unsyncedRequeue) }
        let resolved = resolve(selection, ownNamespace: ownNamespace)
        let kinds = monitor.withDefaults().spec.kinds ?? WatchedKind.allCases
        monitor = try await Finalizers(client: client).ensure(Self.watchesFinalizer, on: monitor)
        watches.acquire(
            for: key, kinds: kinds, namespaces: .names(resolved.names), podSelector: monitor.spec.podSelector)
        let ready = Condition(
            type: Self.readyCondition, status: .true, reason: Self.watchingReason,
            message: resolved.message(kinds: kinds))
        // Read "synced" before counting: counts taken before the caches filled must be refreshed soon, not in 60 s.
        let isSynced = watches.hasSynced(for: key)
        var fields = try resolved.statusFields()
        fields["watchedObjects"] = try JSONValue(encoding: watches.counts(for: key))
        if let probes {
            let targets = ProbeTarget.targets(of: monitor)
            probes.set(targets, for: key)
            // Latency and check times move with every check: written with the 60 s refresh, not per check.
            fields["probes"] = targets.isEmpty ? .null : try JSONValue(encoding: probes.statuses(for: key))
        }
        if let denied = Self.deniedWatches(watches.failures(for: key)) {
            // Kept held: the watch recovers by itself once the RBAC rules allow it (the reflector keeps retrying).
            try await support.reportNotReady(
                monitor, reason: denied.reason, message: denied.message, fields: fields, at: instant)
            return .requeue(after: deniedWatchRequeue)
        }
        try await support.statusWriter.update(monitor, conditions: [ready], fields: fields, now: instant)
        return .requeue(after: isSynced ? countRefresh : unsyncedRequeue)
    }

    /// The reason (``forbiddenReason`` or ``unauthorizedReason``) and message of watches the API server refuses,
    /// e.g. nodes in a namespaced installation, or nil when none is refused.
    static func deniedWatches(
        _ failures: [WatchRegistry.WatchKey: [WatchFailure]]
    ) -> (reason: String, message: String)? {
        let denied = failures.sorted { $0.key.description < $1.key.description }.flatMap { key, failures in
            failures.filter { $0.isForbidden || $0.isUnauthorized }.map { (key, $0) }
        }
        guard let first = denied.first else { return nil }
        let problems = denied.map { key, failure in
            let scope = failure.namespace.map { " in namespace \($0)" } ?? " at the cluster scope"
            let verdict = failure.isForbidden ? "may not" : "is not authenticated to"
            return "cannot watch \(key.kind.rawValue): the operator's service account \(verdict) \(failure.verb) "
                + "\(failure.resource)\(scope) (\(failure.statusCode ?? 0) \(failure.reason ?? "")): \(failure.message)"
        }
        let resources = Set(denied.map { $0.1.resource }).sorted().joined(separator: ", ")
        let kinds = Set(denied.map { $0.0.kind.rawValue }).sorted().joined(separator: ", ")
        let message = ReconcilerSupport.summary(of: problems)
            + "; grant it get, list and watch on \(resources), or remove \(kinds) from spec.kinds"
        return (first.1.isForbidden ? forbiddenReason : unauthorizedReason, message)
    }

    /// The Monitor named by `key` (also while it is being deleted), or `nil` when it is gone.
    private func currentObject(for key: ObjectKey) async throws -> Monitor? {
        do {
            return try await client.get(Monitor.self, name: key.name, namespace: key.namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    /// The namespaces `selection` stands for now.
    func resolve(_ selection: MonitorNamespaceSelection, ownNamespace: String) -> ResolvedNamespaces {
        switch selection {
        case .own:
            return ResolvedNamespaces(names: [ownNamespace], missing: [])
        case .names(let names):
            let unique = Set(names).sorted()
            return ResolvedNamespaces(names: unique, missing: unique.filter { !namespaces.contains($0) })
        case .selector(let selector):
            return ResolvedNamespaces(names: namespaces.names(matching: selector), missing: [])
        }
    }

    /// Writes `Ready=False` with `reason`, clearing the resolved namespaces; a Warning Event when it changed.
    private func report(_ monitor: Monitor, reason: String, message: String, at instant: Date) async throws {
        try await support.reportNotReady(
            monitor, reason: reason, message: message, fields: ResolvedNamespaces.clearedStatusFields, at: instant)
    }

    /// Drops what the Monitor holds: its shared watches and its probes.
    private func release(_ key: ObjectKey) {
        watches.release(for: key)
        probes?.remove(for: key)
    }
}
