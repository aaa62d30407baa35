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
/// Not done here yet (a later issue plugs in at ``reconcile(_:)`` after the namespaces are resolved): asking the
/// runtime for the shared Pod/Node/Event watches of the resolved namespaces and releasing them when no Monitor
/// needs them (a finalizer), running the HTTP probes on the leader, and writing `watchedObjects` and `probes`.
public struct MonitorReconciler: Reconciler {
    /// The `Ready` condition type.
    public static let readyCondition = ReconcilerSupport.readyCondition
    /// The reason of `Ready=True`.
    public static let watchingReason = "Watching"
    /// The reason of `Ready=False` (and of the Warning Event) for a forbidden cross-namespace selection.
    public static let namespaceNotAllowedReason = "NamespaceNotAllowed"
    /// The reason of `Ready=False` (and of the Warning Event) for a spec that cannot be used.
    public static let invalidSpecReason = "InvalidSpec"
    /// How many namespaces `status.namespaces` lists (`status.namespaceCount` has them all).
    public static let listedNamespaces = 100
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
    /// The wait before retrying a Monitor that needs the namespace catalog before it has synced.
    public let unsyncedRequeue: Duration
    let support: ReconcilerSupport
    let now: @Sendable () -> Date

    /// Creates a reconciler.
    /// - Parameters:
    ///   - client: reads Monitors and patches their status.
    ///   - events: records Warning Events (its `run()` must be running to write them).
    ///   - policy: which Monitors may watch other namespaces.
    ///   - namespaces: the namespaces selections are resolved against.
    ///   - fieldManager: the field manager of the status patches.
    ///   - unsyncedRequeue: the wait while the namespace catalog has not synced (default 1 s).
    ///   - now: the wall clock (condition transition times).
    public init(
        client: KubernetesClient, events: EventRecorder, policy: NamespacePolicy, namespaces: NamespaceCatalog,
        fieldManager: String = "tocsin", unsyncedRequeue: Duration = .seconds(1),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.events = events
        self.policy = policy
        self.namespaces = namespaces
        self.unsyncedRequeue = unsyncedRequeue
        self.support = ReconcilerSupport(client: client, events: events, fieldManager: fieldManager)
        self.now = now
    }

    /// Reconciles the Monitor named by `key`.
    /// - Throws: ``TerminalReconcileError`` for an invalid spec (after writing its status and Event);
    ///   `KubeAPIError`, `KubeTransportError` or `KubeDecodingError` when reading or patching fails (retried).
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let monitor = try await support.liveObject(Monitor.self, for: key) else { return .done }
        let instant = now()
        let problems = monitor.withDefaults().validate()
        guard problems.isEmpty else {
            let message = ReconcilerSupport.summary(of: problems.map(\.description))
            try await report(monitor, reason: Self.invalidSpecReason, message: message, at: instant)
            throw TerminalReconcileError("Monitor \(key) is invalid: \(message); fix the spec")
        }
        let ownNamespace = monitor.metadata.namespace ?? key.namespace ?? ""
        let selection = MonitorNamespaceSelection(monitor.spec)
        if let violation = policy.violation(of: selection, in: ownNamespace) {
            try await report(monitor, reason: Self.namespaceNotAllowedReason, message: violation, at: instant)
            return .done
        }
        if selection != .own, !namespaces.hasSynced() { return .requeue(after: unsyncedRequeue) }
        let resolved = resolve(selection, ownNamespace: ownNamespace)
        // Watches and HTTP probes plug in here (later issue): acquire the shared watches of
        // `monitor.withDefaults().spec.kinds` in `resolved.namespaces`, start the probes, and add
        // `watchedObjects` and `probes` to the status fields below.
        let ready = Condition(
            type: Self.readyCondition, status: .true, reason: Self.watchingReason,
            message: resolved.message(kinds: monitor.withDefaults().spec.kinds ?? WatchedKind.allCases))
        try await support.statusWriter.update(monitor, conditions: [ready], fields: try resolved.statusFields(), now: instant)
        return .done
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
}
