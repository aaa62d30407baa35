import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinTesting

@Suite("StatusWriter against the fake API server")
struct StatusWriterTests {
    static let ready = Condition(type: "Ready", status: .true, reason: "Watching", message: "Watching 3 pods")

    @Test func writesStatusThroughTheSubresourceAndLeavesSpecAlone() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1"))
            let widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            let writer = StatusWriter(client: client)
            let before = server.requests.count

            let written = try await writer.update(
                widget, conditions: [Self.ready], fields: ["watchedObjects": 3], resource: helperWidgetType,
                now: helperEpoch)

            #expect(written != nil)
            let requests = server.requests.dropFirst(before)
            #expect(requests.map(\.method) == ["PATCH"])
            #expect(requests.first?.path == "/apis/helpers.tocsin.dev/v1/namespaces/default/widgets/w1/status")
            #expect(requests.first?.headers["content-type"] == "application/merge-patch+json")
            let stored = try #require(server.object(helperWidgetResource, name: "w1"))
            #expect(stored["spec"] == ["size": 3])
            #expect(
                stored["status"] == [
                    "observedGeneration": 1,
                    "watchedObjects": 3,
                    "conditions": [
                        [
                            "type": "Ready", "status": "True", "observedGeneration": 1,
                            "lastTransitionTime": "2027-01-15T08:00:00Z", "reason": "Watching",
                            "message": "Watching 3 pods",
                        ]
                    ],
                ])
        }
    }

    @Test func sendsNoRequestWhenNothingChanged() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1"))
            let writer = StatusWriter(client: client)
            let widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            try await writer.update(
                widget, conditions: [Self.ready], fields: ["watchedObjects": 3], resource: helperWidgetType,
                now: helperEpoch)
            let current = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            let before = server.requests.count

            let written = try await writer.update(
                current, conditions: [Self.ready], fields: ["watchedObjects": 3], resource: helperWidgetType,
                now: helperEpoch.addingTimeInterval(60))

            #expect(written == nil)
            #expect(server.requests.count == before)
        }
    }

    @Test func changedStatusBumpsTransitionTimeAndKeepsOtherConditions() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1"))
            let writer = StatusWriter(client: client)
            var widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            let degraded = Condition(type: "Degraded", status: .false, reason: "AsExpected")
            try await writer.update(widget, conditions: [Self.ready, degraded], resource: helperWidgetType, now: helperEpoch)
            widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            let notReady = Condition(type: "Ready", status: .false, reason: "SecretNotFound", message: "Secret slack is missing")

            let later = helperEpoch.addingTimeInterval(90)
            let written = try #require(
                try await writer.update(widget, conditions: [notReady], resource: helperWidgetType, now: later))

            let conditions = try #require(written["status"]?["conditions"]).decode(as: [Condition].self)
            #expect(
                conditions == [
                    Condition(
                        type: "Ready", status: .false, reason: "SecretNotFound", message: "Secret slack is missing",
                        observedGeneration: 1, lastTransitionTime: later),
                    Condition(
                        type: "Degraded", status: .false, reason: "AsExpected", observedGeneration: 1,
                        lastTransitionTime: helperEpoch),
                ])
        }
    }

    @Test func observedGenerationFollowsASpecChange() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1"))
            let writer = StatusWriter(client: client)
            var widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            try await writer.update(widget, conditions: [Self.ready], resource: helperWidgetType, now: helperEpoch)
            widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            widget["spec"] = ["size": 5]
            widget = try await client.update(widget, resource: helperWidgetType)
            #expect(widget.metadata.generation == 2)

            try await writer.update(widget, conditions: [Self.ready], resource: helperWidgetType, now: helperEpoch.addingTimeInterval(60))

            let stored = try #require(server.object(helperWidgetResource, name: "w1"))
            #expect(stored[path: ["status", "observedGeneration"]] == 2)
            #expect(stored[path: ["status", "conditions"]]?.arrayValue?.first?["observedGeneration"] == 2)
            #expect(stored[path: ["status", "conditions"]]?.arrayValue?.first?["lastTransitionTime"] == "2027-01-15T08:00:00Z")
        }
    }
}
