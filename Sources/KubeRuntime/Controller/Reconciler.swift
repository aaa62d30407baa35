/// What a reconcile asks of its controller when it succeeds.
public enum ReconcileResult: Sendable, Hashable {
    /// The object is where it should be; reconcile again only when something changes.
    case done
    /// Reconcile again after this long even if nothing changes (for example at the next on-call handoff).
    case requeue(after: Duration)
}

/// A reconcile failure that retrying cannot fix (an invalid spec, a reference the user must correct).
/// The key is not retried with backoff; it runs again when the object or something it watches changes.
public struct TerminalReconcileError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what the user should do.
    public var message: String

    /// Creates a terminal error with a message for the user.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// The one thing a controller needs from its author: bring the object named by `key` to its desired state.
///
/// Reconcilers are level-based and idempotent: they read the current state, compare it with the desired state,
/// act, and write status. Any thrown error other than ``TerminalReconcileError`` is retried with per-key
/// exponential backoff.
public protocol Reconciler: Sendable {
    /// Reconciles the object named by `key` (which may no longer exist).
    /// - Throws: ``TerminalReconcileError`` for failures retrying cannot fix; anything else is retried.
    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult
}
