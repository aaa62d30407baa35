import Synchronization

/// Runs the reflectors of a ``SharedInformers`` as child tasks of its `run()`: structured concurrency, with
/// each task individually stoppable through its ``TaskHandle``.
final class TaskHost: Sendable {
    struct Job: Sendable {
        let body: @Sendable () async -> Void
        let stop: AsyncStream<Void>
    }

    private let jobs: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation

    init() {
        (jobs, continuation) = AsyncStream<Job>.makeStream()
    }

    /// Schedules `body`; it starts when ``run()`` is (or becomes) active, and never after it ended.
    func spawn(_ body: @escaping @Sendable () async -> Void) -> TaskHandle {
        let (stop, stopContinuation) = AsyncStream<Void>.makeStream()
        continuation.yield(Job(body: body, stop: stop))
        return TaskHandle(stop: stopContinuation)
    }

    /// Runs the spawned jobs until cancelled; then cancels them and waits for them.
    func run() async {
        await withDiscardingTaskGroup { group in
            for await job in jobs {
                group.addTask {
                    await withTaskGroup(of: Void.self) { inner in
                        inner.addTask { await job.body() }
                        inner.addTask { for await _ in job.stop {} }
                        await inner.next()
                        inner.cancelAll()
                    }
                }
            }
            group.cancelAll()
        }
        continuation.finish()
    }
}

/// Stops one task of a ``TaskHost``.
struct TaskHandle: Sendable {
    let stop: AsyncStream<Void>.Continuation

    /// Cancels the task (or keeps it from starting).
    func cancel() {
        stop.finish()
    }
}
