import Foundation
import Testing

@testable import KubeCore

@Suite("KubeRequest")
struct KubeRequestTests {
    static let accept = KubeRequest.HeaderField(name: "Accept", value: "application/json")
    static let json = KubeRequest.HeaderField(name: "Content-Type", value: "application/json")

    @Test(
        "list query encoding",
        arguments: [
            (ListOptions(), "/api/v1/namespaces/shop/pods"),
            (ListOptions(labelSelector: "app=web"), "/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb"),
            (
                ListOptions(labelSelector: "app in (web,api),!canary", fieldSelector: "spec.nodeName=worker-2"),
                "/api/v1/namespaces/shop/pods?labelSelector=app%20in%20%28web%2Capi%29%2C%21canary&fieldSelector=spec.nodeName%3Dworker-2"
            ),
            (
                ListOptions(limit: 500, continueToken: "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDgzOTIwfQ==", resourceVersion: "0",
                            resourceVersionMatch: .notOlderThan, timeoutSeconds: 30),
                "/api/v1/namespaces/shop/pods?limit=500&continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDgzOTIwfQ%3D%3D&resourceVersion=0&resourceVersionMatch=NotOlderThan&timeoutSeconds=30"
            ),
            (ListOptions(resourceVersion: "42", resourceVersionMatch: .exact), "/api/v1/namespaces/shop/pods?resourceVersion=42&resourceVersionMatch=Exact"),
        ] as [(ListOptions, String)]
    )
    func listQuery(options: ListOptions, expected: String) {
        let request = KubeRequest.list(.pods, namespace: "shop", options: options)
        #expect(request.pathAndQuery == expected)
        #expect(request.method == .get)
        #expect(request.headers == [Self.accept])
        #expect(request.body == nil)
        #expect(!request.isWatch)
    }

    @Test(
        "watch query encoding",
        arguments: [
            (WatchOptions(), "/api/v1/nodes?watch=true&allowWatchBookmarks=true"),
            (
                WatchOptions(labelSelector: "tier=db", resourceVersion: "483920", timeoutSeconds: 290),
                "/api/v1/nodes?watch=true&labelSelector=tier%3Ddb&resourceVersion=483920&allowWatchBookmarks=true&timeoutSeconds=290"
            ),
            (
                WatchOptions(fieldSelector: "metadata.name=n1", allowWatchBookmarks: false),
                "/api/v1/nodes?watch=true&fieldSelector=metadata.name%3Dn1"
            ),
        ] as [(WatchOptions, String)]
    )
    func watchQuery(options: WatchOptions, expected: String) {
        let request = KubeRequest.watch(.nodes, namespace: nil, options: options)
        #expect(request.pathAndQuery == expected)
        #expect(request.isWatch)
        #expect(request.headers == [Self.accept])
    }

    @Test("get, create, update and delete build the exact requests")
    func crud() throws {
        #expect(
            KubeRequest.get(.pods, name: "web", namespace: "shop", subresource: "status")
                == KubeRequest(method: .get, path: "/api/v1/namespaces/shop/pods/web/status", headers: [Self.accept])
        )
        let body = Data(#"{"kind":"ConfigMap"}"#.utf8)
        #expect(
            KubeRequest.create(.configMaps, namespace: "shop", body: body)
                == KubeRequest(method: .post, path: "/api/v1/namespaces/shop/configmaps", headers: [Self.accept, Self.json], body: body)
        )
        #expect(
            KubeRequest.update(.leases, name: "leader", namespace: "ops", body: body)
                == KubeRequest(method: .put, path: "/apis/coordination.k8s.io/v1/namespaces/ops/leases/leader", headers: [Self.accept, Self.json], body: body)
        )
        let encoded = try KubeRequest.create(.namespaces, namespace: nil, body: Namespace(metadata: ObjectMeta(name: "shop")))
        #expect(encoded.path == "/api/v1/namespaces")
        #expect(try JSONValue(parsing: encoded.body ?? Data()) == ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop"]])
        #expect(
            try KubeRequest.delete(.pods, name: "web", namespace: "shop")
                == KubeRequest(method: .delete, path: "/api/v1/namespaces/shop/pods/web", headers: [Self.accept])
        )
        let delete = try KubeRequest.delete(
            .pods, name: "web", namespace: "shop",
            options: DeleteOptions(propagationPolicy: .foreground, preconditions: Preconditions(uid: "u1", resourceVersion: "7"), gracePeriodSeconds: 0, dryRun: ["All"])
        )
        #expect(delete.headers == [Self.accept, Self.json])
        #expect(
            try JSONValue(parsing: delete.body ?? Data()) == [
                "kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Foreground",
                "preconditions": ["uid": "u1", "resourceVersion": "7"], "gracePeriodSeconds": 0, "dryRun": ["All"],
            ]
        )
        #expect(delete.description == "DELETE /api/v1/namespaces/shop/pods/web")
        #expect(delete.header("content-type") == "application/json")
    }

    @Test(
        "patch content types, bodies and queries",
        arguments: [
            (
                Patch.merge(["metadata": ["labels": ["app": nil]]]), PatchOptions(),
                "application/merge-patch+json", #"{"metadata":{"labels":{"app":null}}}"#, ""
            ),
            (
                Patch.json([.test("/metadata/resourceVersion", "7"), .add("/metadata/finalizers/-", "tocsin.dev/incidents"), .replace("/spec/replicas", 3), .remove("/metadata/labels/app.kubernetes.io~1name")]),
                PatchOptions(dryRun: true),
                "application/json-patch+json",
                #"[{"op":"test","path":"/metadata/resourceVersion","value":"7"},{"op":"add","path":"/metadata/finalizers/-","value":"tocsin.dev/incidents"},{"op":"replace","path":"/spec/replicas","value":3},{"op":"remove","path":"/metadata/labels/app.kubernetes.io~1name"}]"#,
                "?dryRun=All"
            ),
            (
                Patch.strategicMerge(["spec": ["containers": [["name": "app", "image": "web:2"]]]]), PatchOptions(),
                "application/strategic-merge-patch+json", #"{"spec":{"containers":[{"name":"app","image":"web:2"}]}}"#, ""
            ),
            (
                Patch.apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "web"], "data": ["url": "https://x/y"]]),
                PatchOptions(fieldManager: "tocsin", force: true),
                "application/apply-patch+yaml",
                #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"web"},"data":{"url":"https://x/y"}}"#,
                "?fieldManager=tocsin&force=true"
            ),
        ] as [(Patch, PatchOptions, String, String, String)]
    )
    func patches(patch: Patch, options: PatchOptions, contentType: String, body: String, query: String) throws {
        #expect(patch.contentType == contentType)
        let request = try KubeRequest.patch(.configMaps, name: "web", namespace: "shop", subresource: nil, patch: patch, options: options)
        #expect(request.method == .patch)
        #expect(request.pathAndQuery == "/api/v1/namespaces/shop/configmaps/web" + query)
        #expect(request.headers == [Self.accept, .init(name: "Content-Type", value: contentType)])
        // Bodies compare as JSON: JSONEncoder does not promise a key order.
        #expect(try JSONValue(parsing: request.body ?? Data()) == JSONValue(parsing: Data(body.utf8)))
        #expect(String(decoding: try patch.body(), as: UTF8.self).contains(#"\/"#) == false)
    }

    @Test("status subresource patch")
    func statusPatch() throws {
        let request = try KubeRequest.patch(
            ResourceTypeTests.alertRules, name: "crashloop", namespace: "shop", subresource: "status",
            patch: .merge(["status": ["observedGeneration": 3]])
        )
        #expect(request.path == "/apis/tocsin.dev/v1alpha1/namespaces/shop/alertrules/crashloop/status")
        #expect(request.query == [])
    }

    @Test(
        "JSON pointer escaping",
        arguments: [("app", "app"), ("app.kubernetes.io/name", "app.kubernetes.io~1name"), ("a~b/c", "a~0b~1c"), ("~1", "~01")]
    )
    func escaping(segment: String, escaped: String) {
        #expect(JSONPatchOperation.escape(segment) == escaped)
    }

    @Test("JSON pointer from segments, move and copy")
    func pointerMoveCopy() throws {
        #expect(JSONPatchOperation.pointer(["metadata", "annotations", "tocsin.dev/ack"]) == "/metadata/annotations/tocsin.dev~1ack")
        let body = try Patch.json([.move(from: "/a", to: "/b"), .copy(from: "/b", to: "/c"), .add("/n", .null)]).body()
        #expect(
            try JSONValue(parsing: body) == [
                ["op": "move", "path": "/b", "from": "/a"], ["op": "copy", "path": "/c", "from": "/b"],
                ["op": "add", "path": "/n", "value": nil],
            ]
        )
    }
}
