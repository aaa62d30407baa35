import Synchronization

/// Counts handler calls from the informer's task and signals once a target count is reached.
final class EventCounter: Sendable {
    /// The count that ends the wait.
    let target: Int
    private let count = Atomic<Int>(0)
    private let reached: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init(target: Int) {
        self.target = target
        (reached, continuation) = AsyncStream<Void>.makeStream()
        if target <= 0 { continuation.finish() }
    }

    /// How many events were counted so far.
    var value: Int { count.load(ordering: .relaxed) }

    /// Counts one event.
    func record() {
        if count.add(1, ordering: .relaxed).newValue == target {
            continuation.yield()
            continuation.finish()
        }
    }

    /// Waits until the target is reached; returns false after `timeout`.
    func waitForTarget(timeout: Duration) async throws -> Bool {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in self.reached { break }
                return self.value >= self.target
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
