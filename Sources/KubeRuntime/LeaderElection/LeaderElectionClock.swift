/// The injected clock, reduced to what an elector needs: offsets since the elector was created, and
/// sleeps until such an offset. Opening the `any Clock<Duration>` once here keeps the rest non-generic.
struct LeaderElectionClock: Sendable {
    /// The time elapsed since the clock was wrapped.
    let now: @Sendable () -> Duration
    /// Sleeps until the given offset is reached.
    let sleepUntil: @Sendable (Duration) async throws -> Void

    /// Wraps `clock`, taking its current instant as the origin.
    init<C: Clock<Duration>>(_ clock: C) {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleepUntil = { offset in try await clock.sleep(until: origin.advanced(by: offset), tolerance: nil) }
    }
}

/// Thrown by ``LeaderElectionClock/race(deadline:_:)`` when the deadline came first.
struct LeaderElectionDeadlineExceeded: Error, CustomStringConvertible {
    var description: String { "the leader's renew deadline passed before the request finished" }
}

extension LeaderElectionClock {
    private enum Raced<Value: Sendable>: Sendable {
        case value(Value)
        case deadline
    }

    /// Runs `operation`, cancelling it when the clock reaches `deadline` first (no limit when `nil`).
    /// - Throws: ``LeaderElectionDeadlineExceeded`` on the deadline, else what `operation` throws.
    func race<Value: Sendable>(
        deadline: Duration?, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        guard let deadline else { return try await operation() }
        return try await withThrowingTaskGroup(of: Raced<Value>.self) { group in
            group.addTask { .value(try await operation()) }
            group.addTask {
                try await sleepUntil(deadline)
                return .deadline
            }
            defer { group.cancelAll() }
            switch try await group.next() {
            case .value(let value): return value
            case .deadline: throw LeaderElectionDeadlineExceeded()
            case nil: throw CancellationError()
            }
        }
    }
}
