import Foundation
import KubeClient
import KubeCore
import Synchronization
import Testing
import TocsinTesting

/// Watches: streamed decoding, resume after a dropped connection, 410, bookmarks, malformed objects, cancellation.
@Suite struct ClientWatchTests {
    /// A short description of an event: `ADDED p1 1`.
    static func describe(_ event: WatchEvent<Pod>) -> String {
        switch event {
        case .bookmark(let version): return "BOOKMARK \(version)"
        case .error(let status): return "ERROR \(status.code ?? 0)"
        default:
            let object = event.object
            let phase = object?.status?.phase ?? "-"
            return "\(event.type.rawValue) \(object?.metadata.name ?? "?") \(phase)"
        }
    }

    @Test func eventsArriveInOrderFromTheListsResourceVersion() async throws {
        try await withFakeCluster { server, client in
            _ = try server.create(.pods, podJSON("before"))
            let list = try await client.listAll(Pod.self, namespace: "default")
            _ = try server.create(.pods, podJSON("p1", phase: "Pending"))
            _ = try server.updateStatus(.pods, podJSON("p1", phase: "Running"))
            _ = try server.delete(.pods, name: "p1")

            var seen: [String] = []
            let stream = client.watch(
                Pod.self, namespace: "default",
                options: WatchOptions(resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 5))
            for try await result in stream {
                seen.append(Self.describe(try result.get()))
                if seen.count == 3 { break }
            }
            #expect(seen == ["ADDED p1 Pending", "MODIFIED p1 Running", "DELETED p1 Running"])
            let request = try #require(server.requests.last { $0.query["watch"] != nil })
            #expect(request.query["watch"] == "true")
            #expect(request.query["allowWatchBookmarks"] == "true")
            #expect(request.query["resourceVersion"] == list.metadata.resourceVersion)
        }
    }

    @Test func resumingAfterADroppedConnectionMissesNothingAndRepeatsNothing() async throws {
        try await withFakeCluster { server, client in
            let list = try await client.listAll(Pod.self, namespace: "default")
            var resourceVersion = try #require(list.metadata.resourceVersion)
            var seen: [String] = []

            // First connection: two events, then the server drops every watch.
            _ = try server.create(.pods, podJSON("a"))
            _ = try server.create(.pods, podJSON("b"))
            for try await result in client.watch(
                Pod.self, namespace: "default", options: WatchOptions(resourceVersion: resourceVersion))
            {
                let event = try result.get()
                seen.append(Self.describe(event))
                resourceVersion = event.object?.metadata.resourceVersion ?? resourceVersion
                if seen.count == 2 { server.dropWatches() }
            }
            // While disconnected: more changes.
            _ = try server.updateStatus(.pods, podJSON("a", phase: "Failed"))
            _ = try server.delete(.pods, name: "b")
            _ = try server.create(.pods, podJSON("c"))

            for try await result in client.watch(
                Pod.self, namespace: "default", options: WatchOptions(resourceVersion: resourceVersion))
            {
                seen.append(Self.describe(try result.get()))
                if seen.count == 5 { break }
            }
            #expect(seen == ["ADDED a Running", "ADDED b Running", "MODIFIED a Failed", "DELETED b Running", "ADDED c Running"])
        }
    }

    @Test func aCompactedResourceVersionThrowsGone() async throws {
        try await withFakeCluster { server, client in
            let list = try await client.listAll(Pod.self, namespace: "default")
            _ = try server.create(.pods, podJSON("a"))
            server.compact()
            let error = await #expect(throws: KubeAPIError.self) {
                for try await _ in client.watch(
                    Pod.self, namespace: "default", options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
                {}
            }
            #expect(error?.isGone == true)
            #expect(error?.reason == "Expired")
            #expect(error?.statusCode == 410)
        }
    }

    @Test func bookmarksCarryTheResourceVersion() async throws {
        try await withFakeCluster { server, client in
            let list = try await client.listAll(Pod.self, namespace: "default")
            _ = try server.create(.pods, podJSON("a"))
            var seen: [String] = []
            for try await result in client.watch(
                Pod.self, namespace: "default", options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
            {
                seen.append(Self.describe(try result.get()))
                if seen.count == 1 { server.sendBookmarks() }
                if seen.count == 2 { break }
            }
            #expect(seen == ["ADDED a Running", "BOOKMARK \(server.resourceVersion)"])
        }
    }

    @Test func aMalformedObjectIsReportedAndTheStreamGoesOn() async throws {
        try await withFakeCluster { server, client in
            let list = try await client.listAll(Pod.self, namespace: "default")
            var broken = podJSON("broken")
            broken = .object((broken.objectValue ?? [:]).merging(["spec": "not an object"]) { $1 })
            _ = try server.create(.pods, broken)
            _ = try server.create(.pods, podJSON("fine"))
            var results: [String] = []
            for try await result in client.watch(
                Pod.self, namespace: "default", options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
            {
                switch result {
                case .success(let event): results.append(Self.describe(event))
                case .failure(let error):
                    results.append("MALFORMED")
                    #expect(error.description.contains("spec"))
                }
                if results.count == 2 { break }
            }
            #expect(results == ["MALFORMED", "ADDED fine Running"])
        }
    }

    @Test func theStreamEndsCleanlyAtTheServersTimeout() async throws {
        try await withFakeCluster { _, client in
            let list = try await client.listAll(Pod.self, namespace: "default")
            var count = 0
            for try await _ in client.watch(
                Pod.self, namespace: "default",
                options: WatchOptions(resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 1))
            {
                count += 1
            }
            #expect(count == 0)
        }
    }

    @Test func cancellingTheConsumerClosesTheConnection() async throws {
        try await withFakeCluster { server, client in
            let list = try await client.listAll(Pod.self, namespace: "default")
            let watching = Task {
                for try await _ in client.watch(
                    Pod.self, namespace: "default", options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
                {}
            }
            #expect(try await eventually { server.watchCount == 1 })
            watching.cancel()
            _ = await watching.result
            // A server notices a closed connection when it next writes to it: give it something to send.
            var writes = 0
            let closed = try await eventually {
                writes += 1
                _ = try? server.create(.pods, podJSON("after-cancel-\(writes)"))
                return server.watchCount == 0
            }
            #expect(closed)
        }
    }
}
