import KubeClient
import KubeCore
import Testing
import TocsinTesting

@testable import KubeRuntime

/// Changes as strings, with `synced` stripped of its resourceVersion.
private func record(_ log: ChangeLog) -> @Sendable ([WatcherChange<Pod>]) -> Void {
    { changes in
        for line in describe(changes) { log.append(line.hasPrefix("synced@") ? "synced" : line) }
    }
}

private func makeReflector(
    _ client: KubernetesClient, _ log: ChangeLog, pageSize: Int = 500, clock: any Clock<Duration> = ContinuousClock()
) -> Reflector<Pod> {
    Reflector<Pod>(
        client: client,
        configuration: ReflectorConfiguration(
            resource: .pods, namespace: "default", pageSize: pageSize, backoff: WatcherBackoff(jitter: { 0.5 })),
        clock: clock, logger: informerTestLogger, onChange: record(log))
}

private func watchRequests(_ server: FakeAPIServer) -> [FakeAPIServer.RecordedRequest] {
    server.requests.filter { $0.path == "/api/v1/namespaces/default/pods" && $0.query["watch"] == "true" }
}

private func listRequests(_ server: FakeAPIServer) -> [FakeAPIServer.RecordedRequest] {
    server.requests.filter { $0.path == "/api/v1/namespaces/default/pods" && $0.query["watch"] == nil }
}

private func version(_ object: FakeJSON) -> String {
    object[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
}

@Suite("Reflector")
struct ReflectorTests {
    @Test func theInitialListIsPaginatedThenOneWatchStartsFromIt() async throws {
        try await withInformerCluster { server, client in
            for index in 1...7 { try server.create(.pods, informerPod("p\(index)")) }
            let log = ChangeLog()
            let reflector = makeReflector(client, log, pageSize: 3)
            try await whileRunning(reflector) {
                try await expectEventually { reflector.hasSynced && server.watchCount == 1 }
            }
            let expected = (1...7).map { "added default/p\($0)@\(version(server.object(.pods, name: "p\($0)") ?? [:]))" }
            #expect(log.entries == expected + ["synced"])
            let lists = listRequests(server)
            #expect(lists.count == 3)
            #expect(lists.map { $0.query["limit"] } == ["3", "3", "3"])
            #expect(lists[0].query["continue"] == nil)
            #expect(lists[1].query["continue"] != nil)
            let watches = watchRequests(server)
            #expect(watches.count == 1)
            #expect(watches.first?.query["allowWatchBookmarks"] == "true")
            let timeout = Int(watches.first?.query["timeoutSeconds"] ?? "") ?? 0
            #expect((300...600).contains(timeout))
        }
    }

    @Test func aDroppedWatchResumesWithoutMissingOrRepeatingEvents() async throws {
        try await withInformerCluster { server, client in
            try server.create(.pods, informerPod("a"))
            try server.create(.pods, informerPod("b"))
            let log = ChangeLog()
            let reflector = makeReflector(client, log)
            try await whileRunning(reflector) {
                try await expectEventually { reflector.hasSynced && server.watchCount == 1 }
                let c = try server.create(.pods, informerPod("c"))
                try await expectEventually { log.entries.count == 4 }
                server.dropWatches()
                let a = try server.updateStatus(.pods, informerPod("a", phase: "Failed"))
                try server.delete(.pods, name: "b")
                let d = try server.create(.pods, informerPod("d"))
                try await expectEventually { log.entries.count == 7 }
                #expect(log.entries.suffix(4) == [
                    "added default/c@\(version(c))", "modified default/a@\(version(a))",
                    "deleted default/b (event)", "added default/d@\(version(d))",
                ])
                #expect(watchRequests(server).count == 2)
                #expect(watchRequests(server).last?.query["resourceVersion"] == version(c))
            }
            #expect(listRequests(server).count == 1)
        }
    }

    @Test func aWatchClosedAtOnceWithoutEventsBacksOffInsteadOfSpinning() async throws {
        try await withInformerCluster { server, client in
            let log = ChangeLog()
            let clock = ManualClock()
            let reflector = makeReflector(client, log, clock: clock)
            try await whileRunning(reflector) {
                try await expectEventually { reflector.hasSynced && server.watchCount == 1 }
                server.dropWatches()
                // No immediate reconnect: the reflector sleeps on its backoff.
                #expect(await clock.waitForSleepers(1))
                #expect(watchRequests(server).count == 1)
                clock.advance(by: .seconds(2))
                try await expectEventually { watchRequests(server).count == 2 && server.watchCount == 1 }
            }
        }
    }

    @Test func goneWhileDisconnectedRelistsAndReportsExactlyTheMissedChanges() async throws {
        try await withInformerCluster { server, client in
            for name in ["a", "b", "c"] { try server.create(.pods, informerPod(name)) }
            let log = ChangeLog()
            let clock = ManualClock()
            let reflector = makeReflector(client, log, clock: clock)
            try await whileRunning(reflector) {
                try await expectEventually { reflector.hasSynced && server.watchCount == 1 }
                // The next watch fails: the reflector backs off (on the manual clock) while the cluster moves on.
                server.injectFailure(
                    method: "GET", pathPrefix: "/api/v1/namespaces/default/pods", status: 500,
                    reason: "InternalError", message: "etcd is unhappy")
                server.dropWatches()
                #expect(await clock.waitForSleepers(1))
                let a = try server.updateStatus(.pods, informerPod("a", phase: "Failed"))
                try server.delete(.pods, name: "b")
                for index in 1...5 { try server.updateStatus(.pods, informerPod("c", phase: "Pending\(index)")) }
                try server.delete(.pods, name: "c")
                let d = try server.create(.pods, informerPod("d"))
                server.compact()
                // The quiet watch closed within a second counts as a failure (client-go's "very short watch"), and
                // the next one fails with the injected 500: two backoffs, each at most 1.5 × 1.6 s with jitter.
                for _ in 0..<2 {
                    #expect(await clock.waitForSleepers(1))
                    clock.advance(by: .seconds(3))
                    try await expectEventually { clock.sleeperCount > 0 || log.entries.last == "synced" }
                }
                try await expectEventually { log.entries.last == "synced" && log.entries.count > 4 }
                #expect(Array(log.entries.dropFirst(4)) == [
                    "modified default/a@\(version(a))", "added default/d@\(version(d))",
                    "deleted default/b", "deleted default/c", "synced",
                ])
                // Watches: the dropped one, the refused one (500), the one refused with 410, and the one after the
                // relist (sent just after "synced", so wait for it).
                try await expectEventually { watchRequests(server).count == 4 }
            }
            #expect(listRequests(server).count == 2)
            #expect(watchRequests(server).count == 4)
        }
    }

    @Test func bookmarksAdvanceTheResumePoint() async throws {
        try await withInformerCluster { server, client in
            try server.create(.pods, informerPod("a"))
            let log = ChangeLog()
            let reflector = makeReflector(client, log)
            try await whileRunning(reflector) {
                try await expectEventually { reflector.hasSynced && server.watchCount == 1 }
                // Changes elsewhere move the cluster's resourceVersion without events for this watch.
                try server.create(.pods, informerPod("elsewhere", namespace: "kube-system"))
                let bookmark = server.resourceVersion
                server.sendBookmarks()
                try await expectEventually { reflector.resourceVersion == bookmark }
                server.dropWatches()
                try await expectEventually { watchRequests(server).count == 2 }
                #expect(watchRequests(server).last?.query["resourceVersion"] == bookmark)
            }
            #expect(log.entries.count == 2)
        }
    }
}
