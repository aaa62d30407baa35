import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TocsinTesting

/// One HTTP answer of the fake server.
struct Reply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: FakeJSON
}

/// A started fake server and an HTTP client to drive it with raw requests.
struct FakeCluster: Sendable {
    let server: FakeAPIServer
    let client: HTTPClient

    static let monitors = FakeAPIServer.Resource(
        group: "tocsin.dev", version: "v1alpha1", plural: "monitors", kind: "Monitor", hasStatusSubresource: true)

    /// Runs `body` against a fresh server (with the Monitor CRD registered), then shuts both down.
    static func with(_ body: (FakeCluster) async throws -> Void) async throws {
        let server = try await FakeAPIServer.start()
        server.register(monitors)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let cluster = FakeCluster(server: server, client: client)
        do {
            try await body(cluster)
        } catch {
            try await client.shutdown()
            await server.shutdown()
            throw error
        }
        try await client.shutdown()
        await server.shutdown()
    }

    /// Sends a request and decodes the JSON answer.
    func send(
        _ method: HTTPMethod, _ path: String, _ body: FakeJSON? = nil, rawBody: String? = nil,
        contentType: String = "application/json", headers extra: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: server.baseURL.absoluteString + path)
        request.method = method
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let data = rawBody.map({ Data($0.utf8) }) ?? body?.jsonData {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let data = Data(buffer: bytes)
        let json = data.isEmpty ? FakeJSON.null : try FakeJSON(jsonData: data)
        return Reply(status: Int(response.status.code), headers: response.headers, body: json)
    }

    /// Opens a watch on `path` and returns its lines: the first `count`, or all until the stream ends.
    func watchLines(_ path: String, count: Int = .max, whileOpen: @Sendable () async throws -> Void = {}) async throws
        -> (status: Int, headers: HTTPHeaders, lines: [FakeJSON])
    {
        var request = HTTPClientRequest(url: server.baseURL.absoluteString + path)
        request.method = .GET
        let response = try await client.execute(request, timeout: .seconds(30))
        try await whileOpen()
        var lines: [FakeJSON] = []
        var pending = Data()
        readLoop: for try await chunk in response.body {
            pending.append(Data(buffer: chunk))
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(try FakeJSON(jsonData: pending[pending.startIndex..<newline]))
                pending = Data(pending[pending.index(after: newline)...])
                if lines.count >= count { break readLoop }
            }
        }
        return (Int(response.status.code), response.headers, lines)
    }

    /// A pod in `namespace` with optional labels and fields merged in.
    static func pod(_ name: String, namespace: String = "default", labels: [String: String] = [:], extra: FakeJSON = [:])
        -> FakeJSON
    {
        var pod: FakeJSON = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["containers": [["name": "app", "image": "nginx"]]],
        ]
        if !labels.isEmpty { pod[path: ["metadata", "labels"]] = .object(labels.mapValues { .string($0) }) }
        for (key, value) in extra.objectValue ?? [:] { pod[key] = value }
        return pod
    }

    static func monitor(_ name: String, spec: FakeJSON = ["interval": "30s"]) -> FakeJSON {
        [
            "apiVersion": "tocsin.dev/v1alpha1", "kind": "Monitor",
            "metadata": ["name": .string(name), "namespace": "default"], "spec": spec,
        ]
    }
}

extension FakeJSON {
    /// `metadata.resourceVersion`.
    var resourceVersion: String { self[path: ["metadata", "resourceVersion"]]?.stringValue ?? "" }
    /// `metadata.name`.
    var name: String { self[path: ["metadata", "name"]]?.stringValue ?? "" }
}
