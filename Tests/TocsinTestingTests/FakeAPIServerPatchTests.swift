import Foundation
import Testing
import TocsinTesting

@Suite("Fake API server: patch")
struct FakeAPIServerPatchTests {
    static let path = "/apis/tocsin.dev/v1alpha1/namespaces/default/monitors"

    @Test func aMergePatchMergesObjectsAndRemovesNulls() async throws {
        try await FakeCluster.with { cluster in
            _ = try await cluster.send(.POST, Self.path, FakeCluster.monitor("m", spec: ["interval": "30s", "kinds": ["Pod"]]))
            let patched = try await cluster.send(
                .PATCH, "\(Self.path)/m", rawBody: #"{"spec":{"interval":null,"selector":{"app":"web"}}}"#,
                contentType: "application/merge-patch+json")
            #expect(patched.status == 200)
            #expect(patched.body["spec"] == ["kinds": ["Pod"], "selector": ["app": "web"]])
            #expect(patched.body[path: ["metadata", "generation"]] == 2)
        }
    }

    @Test func aJSONPatchAppliesOperationsAndAFailedTestIsInvalid() async throws {
        try await FakeCluster.with { cluster in
            _ = try await cluster.send(.POST, Self.path, FakeCluster.monitor("m"))
            let patched = try await cluster.send(
                .PATCH, "\(Self.path)/m",
                rawBody: #"[{"op":"test","path":"/spec/interval","value":"30s"},"#
                    + #"{"op":"add","path":"/spec/kinds","value":["Pod"]},"#
                    + #"{"op":"add","path":"/spec/kinds/-","value":"Node"},"#
                    + #"{"op":"replace","path":"/spec/interval","value":"1m"}]"#,
                contentType: "application/json-patch+json")
            #expect(patched.status == 200)
            #expect(patched.body["spec"] == ["interval": "1m", "kinds": ["Pod", "Node"]])
            let failed = try await cluster.send(
                .PATCH, "\(Self.path)/m", rawBody: #"[{"op":"test","path":"/spec/interval","value":"30s"}]"#,
                contentType: "application/json-patch+json")
            #expect(failed.status == 422)
            #expect(failed.body["reason"] == "Invalid")
            #expect(failed.body["message"] == "testing value /spec/interval failed: test failed")
        }
    }

    @Test func aPatchWithAStaleResourceVersionConflicts() async throws {
        try await FakeCluster.with { cluster in
            let created = try await cluster.send(.POST, Self.path, FakeCluster.monitor("m")).body
            _ = try await cluster.send(
                .PATCH, "\(Self.path)/m", rawBody: #"{"spec":{"interval":"2m"}}"#,
                contentType: "application/merge-patch+json")
            let stale = try await cluster.send(
                .PATCH, "\(Self.path)/m",
                rawBody: #"{"metadata":{"resourceVersion":"\#(created.resourceVersion)"},"spec":{"interval":"3m"}}"#,
                contentType: "application/merge-patch+json")
            #expect(stale.status == 409)
            #expect(stale.body["reason"] == "Conflict")
        }
    }

    @Test func anUnknownPatchTypeIsUnsupportedMediaType() async throws {
        try await FakeCluster.with { cluster in
            _ = try await cluster.send(.POST, Self.path, FakeCluster.monitor("m"))
            let reply = try await cluster.send(.PATCH, "\(Self.path)/m", rawBody: "{}", contentType: "text/plain")
            #expect(reply.status == 415)
            #expect(reply.body["reason"] == "UnsupportedMediaType")
        }
    }

    @Test func aStatusPatchOnlyChangesStatus() async throws {
        try await FakeCluster.with { cluster in
            _ = try await cluster.send(.POST, Self.path, FakeCluster.monitor("m"))
            let patched = try await cluster.send(
                .PATCH, "\(Self.path)/m/status", rawBody: #"{"spec":{"interval":"9h"},"status":{"watched":2}}"#,
                contentType: "application/merge-patch+json")
            #expect(patched.body["status"] == ["watched": 2])
            #expect(patched.body["spec"] == ["interval": "30s"])
            let mainPatch = try await cluster.send(
                .PATCH, "\(Self.path)/m", rawBody: #"{"status":{"watched":9}}"#,
                contentType: "application/merge-patch+json")
            #expect(mainPatch.body["status"] == ["watched": 2])
            #expect(mainPatch.body.resourceVersion == patched.body.resourceVersion)
        }
    }

    @Test func applyNeedsAFieldManager() async throws {
        try await FakeCluster.with { cluster in
            let reply = try await cluster.send(
                .PATCH, "\(Self.path)/m", FakeCluster.monitor("m"), contentType: "application/apply-patch+yaml")
            #expect(reply.status == 422)
            #expect(
                reply.body["message"]
                    == "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
        }
    }

    @Test func applyCreatesThenMergesAndRemovesFieldsItNoLongerSets() async throws {
        try await FakeCluster.with { cluster in
            let yaml = """
                apiVersion: tocsin.dev/v1alpha1
                kind: Monitor
                metadata:
                  name: m
                spec:
                  interval: 30s
                  kinds: [Pod, Node]
                """
            let created = try await cluster.send(
                .PATCH, "\(Self.path)/m?fieldManager=gitops", rawBody: yaml, contentType: "application/apply-patch+yaml")
            #expect(created.status == 201)
            #expect(created.body["spec"] == ["interval": "30s", "kinds": ["Pod", "Node"]])
            let second = """
                apiVersion: tocsin.dev/v1alpha1
                kind: Monitor
                metadata:
                  name: m
                spec:
                  interval: 1m
                """
            let applied = try await cluster.send(
                .PATCH, "\(Self.path)/m?fieldManager=gitops", rawBody: second, contentType: "application/apply-patch+yaml")
            #expect(applied.status == 200)
            #expect(applied.body["spec"] == ["interval": "1m"])
        }
    }

    @Test func applyingAFieldAnotherManagerOwnsConflictsUnlessForced() async throws {
        try await FakeCluster.with { cluster in
            let config = #"{"apiVersion":"tocsin.dev/v1alpha1","kind":"Monitor","metadata":{"name":"m"},"spec":{"interval":"%@"}}"#
            _ = try await cluster.send(
                .PATCH, "\(Self.path)/m?fieldManager=a", rawBody: config.replacingOccurrences(of: "%@", with: "1m"),
                contentType: "application/apply-patch+yaml")
            let conflict = try await cluster.send(
                .PATCH, "\(Self.path)/m?fieldManager=b", rawBody: config.replacingOccurrences(of: "%@", with: "2m"),
                contentType: "application/apply-patch+yaml")
            #expect(conflict.status == 409)
            #expect(conflict.body["message"] == "Apply failed with 1 conflict: conflict with \"a\": .spec.interval")
            let forced = try await cluster.send(
                .PATCH, "\(Self.path)/m?fieldManager=b&force=true",
                rawBody: config.replacingOccurrences(of: "%@", with: "2m"), contentType: "application/apply-patch+yaml")
            #expect(forced.status == 200)
            #expect(forced.body[path: ["spec", "interval"]] == "2m")
        }
    }
}
