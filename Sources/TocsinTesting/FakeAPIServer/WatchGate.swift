import Synchronization

/// A gate the watch streams pass before writing each event: open, passing costs a lock; closed, writers wait
/// until it opens.
final class WatchGate: Sendable {
    private struct State {
        var isOpen = true
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Returns at once while open; else once the gate opens.
    func pass() async {
        if state.withLock({ $0.isOpen }) { return }
        await withCheckedContinuation { continuation in
            let waitsHere = state.withLock { state -> Bool in
                if state.isOpen { return false }
                state.waiters.append(continuation)
                return true
            }
            if !waitsHere { continuation.resume() }
        }
    }

    /// Makes writers wait.
    func close() {
        state.withLock { $0.isOpen = false }
    }

    /// Lets every waiting writer go, and later ones pass.
    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
