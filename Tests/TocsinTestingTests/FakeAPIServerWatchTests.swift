import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import Testing
import TocsinTesting

@Suite("Fake API server: watch")
struct FakeAPIServerWatchTests {
    static let pods = "/api/v1/namespaces/default/pods"

    @Test func aWatchFromZeroStartsWithSyntheticAddsThenGoesLive() async throws {
        try await FakeCluster.with { cluster in
            try cluster.server.create(.pods, FakeCluster.pod("a"))
            try cluster.server.create(.pods, FakeCluster.pod("b"))
            let watch = try await cluster.watchLines("\(Self.pods)?watch=true&resourceVersion=0", count: 3) {
                try cluster.server.create(.pods, FakeCluster.pod("c"))
            }
            #expect(watch.status == 200)
            #expect(watch.headers["Content-Type"] == ["application/json"])
            #expect(watch.headers["Transfer-Encoding"] == ["chunked"])
            #expect(watch.lines.map { $0["type"] } == ["ADDED", "ADDED", "ADDED"])
            #expect(watch.lines.map { $0["object"]?.name } == ["a", "b", "c"])
            #expect(watch.lines.first?[path: ["object", "kind"]] == "Pod")
        }
    }

    @Test func aWatchFromAResourceVersionReplaysWhatFollowed() async throws {
        try await FakeCluster.with { cluster in
            let a = try cluster.server.create(.pods, FakeCluster.pod("a"))
            var changed = a
            changed[path: ["metadata", "labels"]] = ["x": "1"]
            try cluster.server.update(.pods, changed)
            try cluster.server.delete(.pods, name: "a")
            let watch = try await cluster.watchLines("\(Self.pods)?watch=1&resourceVersion=\(a.resourceVersion)", count: 2)
            #expect(watch.lines.map { $0["type"] } == ["MODIFIED", "DELETED"])
            let versions = watch.lines.compactMap { $0["object"]?.resourceVersion }.compactMap { Int($0) }
            #expect(versions.count == 2 && versions[0] < versions[1])
        }
    }

    @Test func aWatchFromACompactedResourceVersionGetsOneExpiredError() async throws {
        try await FakeCluster.with { cluster in
            try cluster.server.create(.pods, FakeCluster.pod("a"))
            cluster.server.compact()
            let current = cluster.server.resourceVersion
            let watch = try await cluster.watchLines("\(Self.pods)?watch=true&resourceVersion=2")
            #expect(watch.status == 200)
            #expect(
                watch.lines == [
                    [
                        "type": "ERROR",
                        "object": [
                            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                            "message": .string("too old resource version: 2 (\(current))"), "reason": "Expired",
                            "code": 410,
                        ],
                    ],
                ])
        }
    }

    @Test func selectorsTurnTransitionsIntoAddedAndDeleted() async throws {
        try await FakeCluster.with { cluster in
            let pod = try cluster.server.create(.pods, FakeCluster.pod("a", labels: ["app": "web"]))
            let watch = try await cluster.watchLines(
                "\(Self.pods)?watch=true&labelSelector=app%3Dweb&resourceVersion=\(pod.resourceVersion)", count: 2
            ) {
                var moved = pod
                moved[path: ["metadata", "labels"]] = ["app": "db"]
                let db = try cluster.server.update(.pods, moved)
                var back = db
                back[path: ["metadata", "labels"]] = ["app": "web"]
                try cluster.server.update(.pods, back)
            }
            #expect(watch.lines.map { $0["type"] } == ["DELETED", "ADDED"])
        }
    }

    @Test func bookmarksCarryTheCurrentResourceVersion() async throws {
        try await FakeCluster.with { cluster in
            let watch = try await cluster.watchLines("\(Self.pods)?watch=true&allowWatchBookmarks=true", count: 1) {
                cluster.server.sendBookmarks()
            }
            #expect(
                watch.lines == [
                    [
                        "type": "BOOKMARK",
                        "object": [
                            "kind": "Pod", "apiVersion": "v1",
                            "metadata": [
                                "resourceVersion": .string(cluster.server.resourceVersion), "creationTimestamp": .null,
                            ],
                        ],
                    ],
                ])
        }
    }

    @Test func heldWatchEventsArriveTogetherOnRelease() async throws {
        try await FakeCluster.with { cluster in
            let received = ReceivedLines()
            var request = HTTPClientRequest(url: cluster.server.baseURL.absoluteString + "\(Self.pods)?watch=true")
            request.method = .GET
            let response = try await cluster.client.execute(request, timeout: .seconds(30))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var pending = Data()
                    for try await chunk in response.body {
                        pending.append(Data(buffer: chunk))
                        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                            let line = try FakeJSON(jsonData: pending[pending.startIndex..<newline])
                            pending = Data(pending[pending.index(after: newline)...])
                            received.append(line)
                        }
                    }
                }
                cluster.server.holdWatchEvents()
                try cluster.server.create(.pods, FakeCluster.pod("a"))
                try cluster.server.create(.pods, FakeCluster.pod("b"))
                try await Task.sleep(for: .milliseconds(300))
                #expect(received.all.isEmpty)

                cluster.server.releaseWatchEvents()
                for _ in 0..<500 where received.all.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
                #expect(received.all.map { $0["object"]?.name } == ["a", "b"])
                cluster.server.dropWatches()
                try await group.waitForAll()
            }
        }
    }

    @Test func dropWatchesEndsTheStreamCleanly() async throws {
        try await FakeCluster.with { cluster in
            let watch = try await cluster.watchLines("\(Self.pods)?watch=true") {
                #expect(cluster.server.watchCount == 1)
                cluster.server.dropWatches()
            }
            #expect(watch.status == 200)
            #expect(watch.lines.isEmpty)
            #expect(cluster.server.watchCount == 0)
        }
    }

    @Test func timeoutSecondsEndsTheStream() async throws {
        try await FakeCluster.with { cluster in
            let watch = try await cluster.watchLines("\(Self.pods)?watch=true&timeoutSeconds=1")
            #expect(watch.status == 200)
            #expect(watch.lines.isEmpty)
        }
    }
}

/// Watch lines read by a concurrent task.
final class ReceivedLines: Sendable {
    private let lines = Mutex<[FakeJSON]>([])

    var all: [FakeJSON] { lines.withLock { $0 } }

    func append(_ line: FakeJSON) { lines.withLock { $0.append(line) } }
}
