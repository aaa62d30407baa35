import KubeCore

/// The watcher's logic as a pure value: list (page by page), then watch from the list's resourceVersion,
/// resume from the last resourceVersion seen (events and BOOKMARKs) when a watch ends, relist on
/// `410 Gone`, and back off exponentially on other errors. It does no I/O: the caller performs the
/// ``Action`` it returns and feeds back what happened.
///
/// It remembers the resourceVersion of every object it has reported, so a relist after `410 Gone` yields
/// exactly the difference against what was known — `added` for new objects, `modified` for changed ones,
/// `deleted` for vanished ones — and a replayed or repeated event is never reported twice.
///
/// States: empty → listing (one page at a time) → watching; a failure goes to backing off and then back to
/// where it was; `410 Gone` (or ``relist()``) goes back to listing from the first page.
public struct WatcherStateMachine<Object: KubeResource>: Sendable {
    /// The I/O the caller must do next.
    public enum Action: Sendable, Hashable {
        /// List one page: the first when `continueToken` is nil.
        case list(continueToken: String?)
        /// Watch from `resourceVersion` (with bookmarks).
        case watch(resourceVersion: String)
        /// Wait `duration`, then call ``backoffElapsed()``.
        case backoff(Duration)
    }

    /// Why a request failed.
    public enum Failure: Sendable, Hashable {
        /// `410 Gone`: the resourceVersion (or continue token) is too old; relist from scratch, at once.
        case gone
        /// Any other error; `retryAfter` is the server's `Retry-After`, a lower bound for the delay.
        case retryable(retryAfter: Duration?)
    }

    /// The changes to apply and the next action after a list page.
    public struct Step: Sendable {
        /// The changes, in order.
        public var changes: [WatcherChange<Object>]
        /// What to do next.
        public var action: Action
    }

    struct ListProgress: Sendable {
        var continueToken: String?
        var resourceVersion: String?
        var seen: Set<ObjectKey> = []
    }

    enum Resume: Sendable {
        case list(ListProgress)
        case watch(resourceVersion: String)
    }

    enum State: Sendable {
        case empty
        case listing(ListProgress)
        case watching(resourceVersion: String)
        case backingOff(Duration, resume: Resume)
    }

    var state = State.empty
    /// The resourceVersion of every known object.
    var known: [ObjectKey: String] = [:]
    var failures = 0
    let backoff: WatcherBackoff

    /// Whether a full list has completed at least once.
    public private(set) var hasSynced = false

    /// Creates a state machine in the empty state.
    public init(backoff: WatcherBackoff = WatcherBackoff()) {
        self.backoff = backoff
    }

    /// The number of objects known.
    public var knownCount: Int { known.count }

    /// Consecutive failures since the last healthy watch.
    public var consecutiveFailures: Int { failures }

    /// The last resourceVersion seen (of a list, an event or a bookmark); a watch resumes from it.
    public var resourceVersion: String? {
        switch state {
        case .watching(let resourceVersion): resourceVersion
        case .backingOff(_, .watch(let resourceVersion)): resourceVersion
        case .empty, .listing, .backingOff: nil
        }
    }

    /// The action for the current state: what ``start()`` returned or the last transition asked for.
    public var nextAction: Action {
        switch state {
        case .empty: .list(continueToken: nil)
        case .listing(let progress): .list(continueToken: progress.continueToken)
        case .watching(let resourceVersion): .watch(resourceVersion: resourceVersion)
        case .backingOff(let duration, _): .backoff(duration)
        }
    }

    /// Starts from empty: list the first page. In any other state, returns ``nextAction``.
    public mutating func start() -> Action {
        if case .empty = state { state = .listing(ListProgress()) }
        return nextAction
    }

    /// Forces a full relist (for example to replay the cache to a consumer that joined late). The changes it
    /// yields are the difference against what is known, plus ``WatcherChange/unchanged(_:)`` for the rest.
    public mutating func relist() -> Action {
        state = .listing(ListProgress())
        return nextAction
    }

    /// Applies one page of a list. Ignored (returning ``nextAction``) unless listing.
    /// - Parameters:
    ///   - items: the page's objects.
    ///   - resourceVersion: the list's `metadata.resourceVersion`.
    ///   - continueToken: the list's `metadata.continue`; nil or empty on the last page.
    public mutating func listPageReceived(
        _ items: [Object], resourceVersion: String?, continueToken: String?
    ) -> Step {
        guard case .listing(var progress) = state else { return Step(changes: [], action: nextAction) }
        if progress.resourceVersion == nil || progress.resourceVersion == "" {
            progress.resourceVersion = resourceVersion
        }
        var changes: [WatcherChange<Object>] = []
        changes.reserveCapacity(items.count)
        for item in items {
            guard let key = ObjectKey(item.metadata) else { continue }
            progress.seen.insert(key)
            let version = item.metadata.resourceVersion ?? ""
            switch known.updateValue(version, forKey: key) {
            case nil: changes.append(.added(item))
            case version?: changes.append(.unchanged(item))
            case _?: changes.append(.modified(item))
            }
        }
        if let continueToken, !continueToken.isEmpty {
            progress.continueToken = continueToken
            state = .listing(progress)
            return Step(changes: changes, action: nextAction)
        }
        for key in known.keys.filter({ !progress.seen.contains($0) }).sorted() {
            known[key] = nil
            changes.append(.deleted(key, lastState: nil))
        }
        let listVersion = progress.resourceVersion ?? ""
        changes.append(.synced(resourceVersion: listVersion))
        hasSynced = true
        state = .watching(resourceVersion: listVersion)
        return Step(changes: changes, action: nextAction)
    }
}
