import Foundation
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle
import Testing
import TocsinTesting

/// Electors against the fake API server: real HTTP, time from the manual clock.
@Suite("LeaderElector")
struct LeaderElectorTests {
    typealias Harness = ElectionHarness

    @Test("of two electors on one Lease exactly one leads, and keeps renewing")
    func oneOfTwoLeads() async throws {
        try await Harness.run { harness in
            let metricsA = LeaderGaugeRecorder()
            let metricsB = LeaderGaugeRecorder()
            let a = try harness.makeElector("replica-a", metricsFactory: metricsA)
            let b = try harness.makeElector("replica-b", metricsFactory: metricsB)
            harness.start(a)
            try await harness.settle([a])
            harness.start(b)
            try await harness.settle([a, b])
            #expect(a.isLeader)
            #expect(!b.isLeader)
            #expect(harness.holder == "replica-a")
            #expect(harness.transitions == 0)
            #expect(harness.leaseSpec?["leaseDurationSeconds"]?.integerValue == 15)
            for round in 1...5 {
                try await harness.advance(by: .seconds(2), settling: [a, b])
                #expect(a.isLeader)
                #expect(!b.isLeader)
                #expect(harness.holder == "replica-a")
                #expect(harness.time("renewTime") == Harness.date(at: .seconds(2 * round)))
            }
            #expect(harness.transitions == 0)
            #expect(harness.time("acquireTime") == Harness.origin)
            let gauge = [("lease", Harness.leaseName)]
            #expect(metricsA.value("tocsin_leader", gauge) == 1)
            #expect(metricsB.value("tocsin_leader", gauge) == 0)
        }
    }

    @Test("two electors starting together race to create the Lease; exactly one wins")
    func concurrentStart() async throws {
        try await Harness.run { harness in
            let a = try harness.makeElector("replica-a")
            let b = try harness.makeElector("replica-b")
            harness.start(a)
            harness.start(b)
            try await harness.settle([a, b])
            let leaders = [a, b].filter(\.isLeader).map(\.configuration.identity)
            #expect(leaders.count == 1)
            #expect(harness.holder == leaders.first)
            #expect(harness.transitions == 0)
            for _ in 1...3 {
                try await harness.advance(by: .seconds(2), settling: [a, b])
                #expect([a, b].filter(\.isLeader).map(\.configuration.identity) == leaders)
                #expect(harness.holder == leaders.first)
            }
        }
    }

    @Test("when the leader stops renewing, the other takes over once leaseDuration passed since it saw a change")
    func failoverAfterExpiry() async throws {
        try await Harness.run { harness in
            let a = try harness.makeElector("replica-a", releaseOnCancel: false)
            let b = try harness.makeElector("replica-b")
            let taskA = harness.start(a)
            try await harness.settle([a])
            harness.start(b)
            try await harness.settle([a, b])
            taskA.cancel()
            _ = await taskA.result
            #expect(!a.isLeader)
            #expect(harness.holder == "replica-a", "without releaseOnCancel the lease is not released")
            try await harness.settle([b])
            // b observed a's record at 0: it is valid for b until 15 s; b retries every 2 s.
            for _ in 1...7 {
                try await harness.advance(by: .seconds(2), settling: [b])
                #expect(!b.isLeader)
                #expect(harness.holder == "replica-a")
            }
            #expect(harness.clock.now.offset == .seconds(14))
            try await harness.advance(by: .seconds(2), settling: [b])
            #expect(b.isLeader)
            #expect(harness.holder == "replica-b")
            #expect(harness.transitions == 1)
            #expect(harness.time("acquireTime") == Harness.date(at: .seconds(16)))
        }
    }

    enum Handover: String, Sendable, CaseIterable {
        case gracefulShutdown
        case cancellation
    }

    @Test("a leader that releases on shutdown hands over at the successor's next attempt", arguments: Handover.allCases)
    func handoverOnRelease(_ trigger: Handover) async throws {
        try await Harness.run { harness in
            let a = try harness.makeElector("replica-a")
            let b = try harness.makeElector("replica-b")
            var quiet = Logger(label: "test.service-group")
            quiet.logLevel = .critical
            let group = ServiceGroup(services: [a], logger: quiet)
            let taskA = Task { try await group.run() }
            try await harness.settle([a])
            harness.start(b)
            try await harness.settle([a, b])
            #expect(a.isLeader)
            switch trigger {
            case .gracefulShutdown: await group.triggerGracefulShutdown()
            case .cancellation: taskA.cancel()
            }
            _ = await taskA.result
            #expect(!a.isLeader)
            #expect(harness.holder == "")
            #expect(harness.leaseSpec?["leaseDurationSeconds"]?.integerValue == 1)
            #expect(harness.transitions == 0)
            try await harness.advance(by: .seconds(2), settling: [b])
            #expect(b.isLeader, "the successor takes over at its next attempt, not after leaseDuration")
            #expect(harness.holder == "replica-b")
            #expect(harness.transitions == 1)
            #expect(harness.time("acquireTime") == Harness.date(at: .seconds(2)))
        }
    }

    @Test("a leader that cannot renew stops leading at renewDeadline, cancels its work, and competes again")
    func renewFailureStopsLeading() async throws {
        try await Harness.run { harness in
            let log = LeaderWorkLog()
            let a = try harness.makeElector("replica-a")
            harness.start(a, work: log.work)
            try await harness.settle([a])
            #expect(try await Harness.poll { log.started == 1 })
            // The renewal at 2 s (PUT) and the reads at 4, 6, 8 and 10 s fail.
            harness.server.injectFailure(
                pathPrefix: Harness.leasePath, status: 500, reason: "InternalError", message: "etcd unavailable",
                count: 5)
            for _ in 1...4 {
                try await harness.advance(by: .seconds(2), settling: [a])
                #expect(a.isLeader)
                #expect(log.cancelled == 0)
            }
            try await harness.advance(by: .seconds(2), settling: [a])
            #expect(harness.clock.now.offset == .seconds(10))
            #expect(!a.isLeader, "stopped at renewDeadline (10 s), before the lease expires for others (15 s)")
            #expect(log.started == 1)
            #expect(log.cancelled == 1, "the work was cancelled and awaited")
            // The API recovers; the lease still names replica-a, so it renews it and leads again.
            try await harness.advance(by: .seconds(2), settling: [a])
            #expect(a.isLeader)
            #expect(try await Harness.poll { log.started == 2 })
            #expect(harness.holder == "replica-a")
            #expect(harness.transitions == 0)
            #expect(harness.time("renewTime") == Harness.date(at: .seconds(12)))
        }
    }

    @Test("a leader whose lease someone else wrote gets a 409, re-reads, and stops leading at once")
    func conflictingWriterTakesOver() async throws {
        try await Harness.run { harness in
            let log = LeaderWorkLog()
            let a = try harness.makeElector("replica-a")
            harness.start(a, work: log.work)
            try await harness.settle([a])
            #expect(try await Harness.poll { log.started == 1 })
            try harness.server.update(
                .leases,
                [
                    "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                    "metadata": ["name": .string(Harness.leaseName), "namespace": .string(Harness.namespace)],
                    "spec": [
                        "holderIdentity": "intruder", "leaseDurationSeconds": 15, "leaseTransitions": 1,
                        "acquireTime": "2027-01-15T08:00:00.000000Z", "renewTime": "2027-01-15T08:00:00.000000Z",
                    ],
                ])
            let before = harness.server.requests.count
            try await harness.advance(by: .seconds(2), settling: [a])
            let after = harness.server.requests.dropFirst(before).map { "\($0.method) \($0.path)" }
            #expect(after == ["PUT \(Harness.leasePath)", "GET \(Harness.leasePath)"])
            #expect(!a.isLeader)
            #expect(log.cancelled == 1)
            #expect(harness.holder == "intruder", "the stale write was refused")
            #expect(harness.transitions == 1)
        }
    }

    struct WorkFailed: Error, Equatable {}

    @Test("when the work returns or throws while leading, runWhileLeader releases the lease and ends likewise")
    func workEndingReleasesLease() async throws {
        try await Harness.run { harness in
            let a = try harness.makeElector("replica-a")
            let returned = try await harness.runToEnd(a) {}
            #expect(returned.map { (try? $0.get()) != nil } == true, "runWhileLeader returned")
            #expect(!a.isLeader)
            #expect(harness.holder == "")
            #expect(harness.transitions == 0)
            let thrown = try await harness.runToEnd(a) { throw WorkFailed() }
            #expect(throws: WorkFailed.self) { try thrown?.get() }
            #expect(thrown != nil, "runWhileLeader ended")
            #expect(!a.isLeader)
            #expect(harness.holder == "")
            #expect(harness.transitions == 1, "the released lease was acquired again: a new holder")
        }
    }

    @Test("leadershipChanges reports the state, then each transition")
    func leadershipChanges() async throws {
        try await Harness.run { harness in
            let a = try harness.makeElector("replica-a")
            var changes = a.leadershipChanges().makeAsyncIterator()
            #expect(await changes.next() == false)
            let task = harness.start(a)
            try await harness.settle([a])
            #expect(await changes.next() == true)
            task.cancel()
            _ = await task.result
            #expect(await changes.next() == false)
            #expect(harness.holder == "")
        }
    }

    @Test("an elector runs one election loop at a time")
    func runningTwiceIsRefused() async throws {
        try await Harness.run { harness in
            let a = try harness.makeElector("replica-a")
            harness.start(a)
            try await harness.settle([a])
            let error = await #expect(throws: LeaderElectionError.self) { try await a.run() }
            #expect(error?.code == .alreadyRunning)
            #expect(a.isLeader)
        }
    }

    @Test("an invalid configuration is refused when the elector is created")
    func invalidConfiguration() async throws {
        try await Harness.run { harness in
            let configuration = LeaderElectionConfiguration(
                leaseName: Harness.leaseName, namespace: Harness.namespace, identity: "replica-a",
                leaseDuration: .seconds(10), renewDeadline: .seconds(10))
            let error = #expect(throws: LeaderElectionError.self) {
                _ = try LeaderElector(configuration: configuration, client: harness.client, clock: harness.clock)
            }
            #expect(error?.code == .invalidConfiguration)
        }
    }
}
