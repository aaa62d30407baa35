import KubeRuntime
import Synchronization
import Testing
import TocsinTesting

@Suite("WorkQueue: de-duplication, processing, capacity, shutdown")
struct WorkQueueTests {
    @Test func keyAddedTwiceWhileWaitingIsHandedOutOnce() async {
        let (queue, _, metrics) = makeTestQueue()
        #expect(queue.add("a"))
        #expect(queue.add("b"))
        #expect(queue.add("a"))
        #expect(queue.readyCount == 2)
        #expect(metrics.gauge("tocsin_workqueue_depth", testQueueDimensions) == 2)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == "b")
        #expect(queue.readyCount == 0)
        #expect(queue.processingCount == 2)
        #expect(metrics.counter("tocsin_workqueue_adds_total", testQueueDimensions) == 2)
        #expect(metrics.gauge("tocsin_workqueue_depth", testQueueDimensions) == 0)
    }

    @Test func keyIsNeverProcessedByTwoConsumersAtOnce() async {
        let (queue, _, _) = makeTestQueue()
        let active = LockedValue(0)
        let maximumActive = LockedValue(0)
        let processed = LockedValue(0)
        queue.add("k")
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    while let key = await queue.next() {
                        let now = active.withLock { $0 += 1; return $0 }
                        maximumActive.withLock { $0 = max($0, now) }
                        let count = processed.withLock { $0 += 1; return $0 }
                        // Re-added while being processed: must wait for done, not go to the other consumer.
                        if count < 50 { queue.add(key) }
                        await Task.yield()
                        active.withLock { $0 -= 1 }
                        queue.done(key)
                        if count == 50 { queue.shutDown() }
                    }
                }
            }
        }
        #expect(maximumActive.withLock { $0 } == 1)
        #expect(processed.withLock { $0 } == 50)
    }

    @Test func keyAddedWhileProcessingIsQueuedAgainAfterDone() async {
        let (queue, _, _) = makeTestQueue()
        queue.add("a")
        #expect(await queue.next() == "a")
        #expect(queue.add("a"))
        #expect(queue.readyCount == 0)
        #expect(queue.processingCount == 1)
        queue.done("a")
        #expect(queue.readyCount == 1)
        #expect(queue.processingCount == 0)
        #expect(await queue.next() == "a")
    }

    @Test func doneWithoutReAddLeavesNothingWaiting() async {
        let (queue, _, _) = makeTestQueue()
        queue.add("a")
        #expect(await queue.next() == "a")
        queue.done("a")
        #expect(queue.readyCount == 0)
        #expect(queue.processingCount == 0)
    }

    @Test func waitDurationIsTimeFromAddToNext() async {
        let (queue, clock, metrics) = makeTestQueue()
        queue.add("a")
        clock.advance(by: .milliseconds(3))
        #expect(await queue.next() == "a")
        #expect(metrics.timer("tocsin_workqueue_wait_duration_seconds", testQueueDimensions) == [3_000_000])
    }

    @Test func addBeyondCapacityIsRefusedAndCounted() async {
        let (queue, _, metrics) = makeTestQueue(capacity: 2)
        #expect(queue.add("a"))
        #expect(queue.add("b"))
        #expect(!queue.add("c"))
        #expect(!queue.add("c", after: .seconds(1)))
        #expect(queue.add("a"), "a key already waiting is accepted at capacity")
        #expect(metrics.counter("tocsin_workqueue_dropped_total", testQueueDimensions) == 2)
        #expect(await queue.next() == "a")
        #expect(queue.add("c"), "a key handed out frees its place")
        #expect(queue.readyCount == 2)
    }

    @Test func nextReturnsNilAfterShutdownWhenEmpty() async {
        let (queue, _, _) = makeTestQueue()
        async let waiting = queue.next()
        queue.shutDown()
        #expect(await waiting == nil)
        #expect(!queue.add("a"))
        #expect(!queue.add("a", after: .seconds(1)))
        #expect(!queue.retry("a"))
        #expect(await queue.next() == nil)
    }

    @Test func keysReadyBeforeShutdownAreStillHandedOut() async {
        let (queue, _, _) = makeTestQueue()
        queue.add("a")
        queue.add("b", after: .seconds(1))
        queue.shutDown()
        #expect(queue.isShuttingDown)
        #expect(queue.delayedCount == 0)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == nil)
    }

    @Test func nextReturnsNilWhenItsTaskIsCancelled() async {
        let (queue, _, _) = makeTestQueue()
        let task = Task { await queue.next() }
        task.cancel()
        #expect(await task.value == nil)
        queue.add("a")
        #expect(await queue.next() == "a", "the cancelled consumer did not take the key")
    }

    @Test func drainWaitsForInFlightKeys() async {
        let (queue, clock, _) = makeTestQueue()
        queue.add("a")
        #expect(await queue.next() == "a")
        let finished = LockedValue(false)
        async let drained: Bool = {
            let result = await queue.shutDownAndDrain(timeout: .seconds(10))
            finished.withLock { $0 = true }
            return result
        }()
        // The drain's deadline sleeper shows it is waiting.
        #expect(await clock.waitForSleepers(1))
        #expect(!finished.withLock { $0 })
        queue.done("a")
        #expect(await drained)
        #expect(queue.processingCount == 0)
    }

    @Test func drainHonoursItsDeadline() async {
        let (queue, clock, _) = makeTestQueue()
        queue.add("a")
        #expect(await queue.next() == "a")
        async let drained = queue.shutDownAndDrain(timeout: .seconds(5))
        #expect(await clock.waitForSleepers(1))
        clock.advance(by: .seconds(5))
        #expect(await drained == false)
        #expect(queue.processingCount == 1)
    }

    @Test func drainWithNothingInFlightReturnsAtOnce() async {
        let (queue, _, _) = makeTestQueue()
        #expect(await queue.shutDownAndDrain(timeout: .seconds(5)))
    }
}
