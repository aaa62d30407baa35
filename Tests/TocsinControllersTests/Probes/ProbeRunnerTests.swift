import TocsinEngine
import Foundation
import Synchronization
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("ProbeRunner")
struct ProbeRunnerTests {
    /// Runs `body` while `runner.run()` runs, then cancels the runner.
    private func whileRunning(
        _ runner: ProbeRunner, _ body: @Sendable () async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await runner.run() }
            defer { group.cancelAll() }
            try await body()
        }
    }

    @Test func countsConsecutiveFailuresAcrossChecks() async throws {
        try await withProbeServer { server in
            let clock = ManualClock()
            let published = Mutex<[ProbeResult]>([])
            let runner = ProbeRunner(clock: clock) { _, result in published.withLock { $0.append(result) } }
            let target = server.target("status", path: "/status")
            runner.update(targets: [target])
            server.recorder.setStatusCode(500)
            try await whileRunning(runner) {
                for check in 1...3 {
                    #expect(await clock.waitForSleepers(1))
                    clock.advance(by: .seconds(10))
                    #expect(await eventually { runner.result(for: target.id)?.consecutiveFailures == check })
                }
                server.recorder.setStatusCode(200)
                #expect(await clock.waitForSleepers(1))
                clock.advance(by: .seconds(10))
                #expect(await eventually { runner.result(for: target.id)?.isUp == true })
            }
            let result = try #require(runner.result(for: target.id))
            #expect(result.consecutiveFailures == 0)
            #expect(result.consecutiveSuccesses == 1)
            #expect(result.statusCode == 200)
            #expect(published.withLock { $0.map(\.consecutiveFailures) } == [1, 2, 3, 0])
            #expect(runner.results() == [target.id: result])
        }
    }

    @Test func neverMoreThanMaximumConcurrencyChecksInFlight() async throws {
        try await withProbeServer { server in
            let clock = ManualClock()
            let runner = ProbeRunner(maximumConcurrency: 4, clock: clock)
            let targets = (0..<20).map { server.target("c\($0)", path: "/concurrent") }
            runner.update(targets: targets)
            try await whileRunning(runner) {
                #expect(await clock.waitForSleepers(1))
                clock.advance(by: .seconds(10))  // every first check is now due
                #expect(await eventually(attempts: 1_000) { runner.results().count == 20 })
            }
            let allUp = runner.results().values.allSatisfy { $0.isUp }
            #expect(allUp)
            #expect(server.recorder.maximumInFlight <= 4)
            #expect(server.recorder.maximumInFlight >= 1)
        }
    }

    @Test func updateStopsRemovedTargets() async throws {
        try await withProbeServer { server in
            let clock = ManualClock()
            let runner = ProbeRunner(clock: clock)
            let kept = server.target("kept", path: "/hits/kept")
            let removed = server.target("removed", path: "/hits/removed")
            runner.update(targets: [kept, removed])
            try await whileRunning(runner) {
                #expect(await clock.waitForSleepers(1))
                clock.advance(by: .seconds(10))
                #expect(await eventually { runner.results().count == 2 })
                runner.update(targets: [kept])
                #expect(runner.result(for: removed.id) == nil)
                #expect(runner.targets == [kept])
                for check in 2...3 {
                    #expect(await clock.waitForSleepers(1))
                    clock.advance(by: .seconds(10))
                    #expect(await eventually { runner.result(for: kept.id)?.consecutiveSuccesses == check })
                }
            }
            #expect(server.recorder.hits("kept") == 3)
            #expect(server.recorder.hits("removed") == 1)
            #expect(runner.result(for: removed.id) == nil)
        }
    }

    @Test func runEndsOnCancellationWithNoTargets() async throws {
        let runner = ProbeRunner(clock: ManualClock())
        try await whileRunning(runner) {}
        #expect(runner.results().isEmpty)
    }
}
