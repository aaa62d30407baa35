import KubeRuntime
import Testing
import TocsinTesting

@Suite("WorkQueue: delayed adds and retry backoff")
struct WorkQueueDelayTests {
    @Test func retryDelaysGrowExponentiallyUpToTheCap() async throws {
        let backoff = ExponentialBackoff(base: .milliseconds(5), factor: 2, cap: .milliseconds(40))
        let (queue, clock, metrics) = makeTestQueue(backoff: backoff)
        try await withRunningScheduler(queue) {
            queue.add("k")
            for expected in [5, 10, 20, 40, 40] {
                #expect(await queue.next() == "k")
                #expect(queue.retry("k"))
                queue.done("k")
                try await expectReady("k", after: .milliseconds(expected), queue: queue, clock: clock)
            }
            #expect(await queue.next() == "k")
            #expect(queue.retryCount(of: "k") == 5)
        }
        #expect(metrics.counter("tocsin_workqueue_retries_total", testQueueDimensions) == 5)
    }

    @Test func forgetResetsTheBackoff() async throws {
        let (queue, clock, _) = makeTestQueue()
        try await withRunningScheduler(queue) {
            queue.add("k")
            for expected in [5, 10] {
                #expect(await queue.next() == "k")
                queue.retry("k")
                queue.done("k")
                try await expectReady("k", after: .milliseconds(expected), queue: queue, clock: clock)
            }
            #expect(await queue.next() == "k")
            queue.forget("k")
            #expect(queue.retryCount(of: "k") == 0)
            queue.retry("k")
            queue.done("k")
            try await expectReady("k", after: .milliseconds(5), queue: queue, clock: clock)
        }
    }

    @Test func delayedKeysBecomeReadyInDeadlineOrder() async throws {
        let (queue, clock, _) = makeTestQueue()
        try await withRunningScheduler(queue) {
            queue.add("late", after: .milliseconds(30))
            queue.add("early", after: .milliseconds(10))
            queue.add("middle", after: .milliseconds(20))
            #expect(queue.delayedCount == 3)
            #expect(await clock.waitForSleepers(1))
            clock.advance(by: .milliseconds(30))
            #expect(await queue.next() == "early")
            #expect(await queue.next() == "middle")
            #expect(await queue.next() == "late")
        }
    }

    @Test func earliestDeadlineWinsWhenAddedTwice() async throws {
        let (queue, clock, _) = makeTestQueue()
        try await withRunningScheduler(queue) {
            queue.add("k", after: .milliseconds(50))
            queue.add("k", after: .milliseconds(10))
            queue.add("k", after: .milliseconds(100))
            #expect(queue.delayedCount == 1)
            try await expectReady("k", after: .milliseconds(10), queue: queue, clock: clock)
            #expect(await queue.next() == "k")
            queue.done("k")
            clock.advance(by: .milliseconds(200))
            #expect(queue.readyCount == 0)
            #expect(queue.delayedCount == 0)
        }
    }

    @Test func immediateAddSupersedesDelayedAdd() async {
        let (queue, _, _) = makeTestQueue()
        queue.add("k", after: .seconds(10))
        #expect(queue.delayedCount == 1)
        queue.add("k")
        #expect(queue.delayedCount == 0)
        #expect(queue.readyCount == 1)
        queue.add("k", after: .seconds(10))
        #expect(queue.delayedCount == 0, "a key ready now is not delayed again")
    }

    @Test func zeroDelayAddsAtOnce() async {
        let (queue, _, _) = makeTestQueue()
        queue.add("k", after: .zero)
        #expect(queue.readyCount == 1)
        #expect(await queue.next() == "k")
    }

    @Test func schedulerEndsWhenTheQueueShutsDown() async throws {
        let (queue, _, _) = makeTestQueue()
        queue.add("k", after: .seconds(1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await queue.run() }
            queue.shutDown()
            try await group.waitForAll()
        }
        #expect(queue.delayedCount == 0)
    }

    /// Asserts that `key` is not ready just before `delay` has passed and is handed out once it has.
    private func expectReady(
        _ key: String, after delay: Duration, queue: WorkQueue<String>, clock: ManualClock,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        #expect(await clock.waitForSleepers(1), sourceLocation: sourceLocation)
        clock.advance(by: delay - .nanoseconds(1))
        for _ in 0..<10 { await Task.yield() }
        #expect(queue.readyCount == 0, "ready before \(delay)", sourceLocation: sourceLocation)
        clock.advance(by: .nanoseconds(1))
        #expect(await queue.next() == key, sourceLocation: sourceLocation)
        queue.done(key)
        queue.add(key)
    }
}
