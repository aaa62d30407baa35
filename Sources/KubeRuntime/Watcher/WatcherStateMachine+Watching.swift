import KubeCore

extension WatcherStateMachine {
    /// Applies one watch event and returns the changes it makes (none for a repeat, a bookmark, or an event
    /// about an object deleted already). Every event, bookmarks included, advances the resume point and
    /// marks the watch healthy (the backoff starts over). Ignored unless watching.
    ///
    /// An `ERROR` event changes nothing here: report it with ``failed(_:)``.
    public mutating func watchEventReceived(_ event: WatchEvent<Object>) -> [WatcherChange<Object>] {
        guard case .watching(let current) = state else { return [] }
        if case .error = event { return [] }
        failures = 0
        let version = event.resourceVersion ?? ""
        state = .watching(resourceVersion: version.isEmpty ? current : version)
        switch event {
        case .added(let object), .modified(let object):
            guard let key = ObjectKey(object.metadata) else { return [] }
            switch known.updateValue(version, forKey: key) {
            case nil: return [.added(object)]
            case version?: return []
            case _?: return [.modified(object)]
            }
        case .deleted(let object):
            guard let key = ObjectKey(object.metadata), known.removeValue(forKey: key) != nil else { return [] }
            return [.deleted(key, lastState: object)]
        case .bookmark, .error:
            return []
        }
    }

    /// The server closed the watch in order (its timeout, or the connection was dropped cleanly): resume at
    /// once from the last resourceVersion, without backoff. Ignored unless watching.
    public mutating func watchEnded() -> Action {
        if case .watching = state { failures = 0 }
        return nextAction
    }

    /// A request failed. `410 Gone` relists at once; anything else backs off, and ``backoffElapsed()`` then
    /// resumes where it was (the same list page, or the watch from the last resourceVersion).
    public mutating func failed(_ failure: Failure) -> Action {
        switch failure {
        case .gone:
            state = .listing(ListProgress())
        case .retryable(let retryAfter):
            let resume: Resume
            switch state {
            case .empty: resume = .list(ListProgress())
            case .listing(let progress): resume = .list(progress)
            case .watching(let resourceVersion): resume = .watch(resourceVersion: resourceVersion)
            case .backingOff(_, let pending): resume = pending
            }
            let delay = backoff.delay(afterFailures: failures, retryAfter: retryAfter)
            failures += 1
            state = .backingOff(delay, resume: resume)
        }
        return nextAction
    }

    /// The backoff delay has passed: resume. Ignored unless backing off.
    public mutating func backoffElapsed() -> Action {
        guard case .backingOff(_, let resume) = state else { return nextAction }
        switch resume {
        case .list(let progress): state = .listing(progress)
        case .watch(let resourceVersion): state = .watching(resourceVersion: resourceVersion)
        }
        return nextAction
    }
}
