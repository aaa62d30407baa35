import Synchronization

/// A one-slot wake-up flag for one waiting task: ``fire()`` sets it or wakes the waiter; ``wait()`` returns
/// (consuming it) once it is set, or when the waiting task is cancelled.
final class WakeSignal: Sendable {
    private struct State {
        var isSet = false
        var nextID: UInt64 = 0
        var waiter: (id: UInt64, continuation: CheckedContinuation<Void, Never>)?
        var cancelled: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// Sets the flag, waking the waiter if there is one (the waiter then consumes it).
    func fire() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.isSet = true
                return nil
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume()
    }

    /// Clears the flag; returns whether it was set.
    func consume() -> Bool {
        state.withLock { state in
            defer { state.isSet = false }
            return state.isSet
        }
    }

    /// Waits until the flag is set (and clears it), or until the task is cancelled (leaving it as it is).
    func wait() async {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.cancelled.remove(id) != nil { return true }
                    if state.isSet {
                        state.isSet = false
                        return true
                    }
                    state.waiter = (id, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if let waiter = state.waiter, waiter.id == id {
                    state.waiter = nil
                    return waiter.continuation
                }
                state.cancelled.insert(id)
                return nil
            }
            waiter?.resume()
        }
    }
}
