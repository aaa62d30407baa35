import Foundation
import KubeClient
import KubeCore

/// Faults a test can cause: etcd compaction (with `--watch-cache=false`, watchers then see `410 Gone`).
extension KubeControlPlane {
    /// etcd's current revision, read through its v3 HTTP gateway.
    /// - Throws: ``KubeControlPlaneError`` when etcd does not answer with a revision.
    public func etcdRevision() async throws -> Int64 {
        try await Self.using(try makeEtcdClient()) { client in
            let body = try await client.data(for: Self.etcdRequest("/v3/kv/range", ["key": "AA==", "limit": "1"]))
            guard let text = try JSONValue(parsing: body)["header"]?["revision"]?.stringValue, let revision = Int64(text)
            else { throw KubeControlPlaneError("etcd's range answer has no header.revision") }
            return revision
        }
    }

    /// Compacts etcd's history up to its current revision, so that watches and lists from older
    /// resourceVersions fail with `410 Gone` (through the API server's watch cache only once it too has
    /// moved on; start the control plane with `--watch-cache=false` to see it at once).
    /// - Returns: the revision compacted at.
    /// - Throws: ``KubeControlPlaneError`` or ``KubeAPIError`` from etcd's gateway.
    @discardableResult
    public func compactEtcd() async throws -> Int64 {
        let revision = try await etcdRevision()
        try await Self.using(try makeEtcdClient()) { client in
            _ = try await client.data(
                for: Self.etcdRequest("/v3/kv/compaction", ["revision": .string(String(revision)), "physical": true]))
        }
        return revision
    }

    private static func etcdRequest(_ path: String, _ body: JSONValue) throws -> KubeRequest {
        KubeRequest(
            method: .post, path: path, headers: [.init(name: "Content-Type", value: "application/json")],
            body: try KubeJSON.makeEncoder().encode(body))
    }
}
