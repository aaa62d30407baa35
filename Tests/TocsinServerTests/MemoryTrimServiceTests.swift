import Synchronization
import Testing
@testable import TocsinServer

@Suite("MemoryTrimService")
struct MemoryTrimServiceTests {
    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        var count: Int { value.load(ordering: .relaxed) }
        func increment() { value.add(1, ordering: .relaxed) }
    }

    @Test func trimsOnlyOnceTheCachesHaveSyncedAndThenOnItsInterval() async throws {
        let synced = Atomic<Bool>(false)
        let trims = Counter()
        let service = MemoryTrimService(
            interval: .milliseconds(20), hasSyncedCaches: { synced.load(ordering: .relaxed) }, trim: { trims.increment() })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await service.run() }
            try await Task.sleep(for: .milliseconds(1_200))
            #expect(trims.count == 0)
            synced.store(true, ordering: .relaxed)
            for _ in 0..<300 where trims.count < 3 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(trims.count >= 3)
            group.cancelAll()
            try await group.waitForAll()
        }
        let after = trims.count
        try await Task.sleep(for: .milliseconds(60))
        #expect(trims.count == after)
    }
}
