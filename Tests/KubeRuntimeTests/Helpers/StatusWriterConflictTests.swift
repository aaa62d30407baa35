import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinTesting

@Suite("StatusWriter with several writers of one object's conditions")
struct StatusWriterConflictTests {
    static let ready = Condition(type: "Ready", status: .false, reason: "InvalidTemplate", message: "spec.summary: bad")
    static let delivering = Condition(type: "Delivering", status: .false, reason: "DeliveryFailed", message: "slack: 404")

    @Test func conditionsWrittenFromAStaleCopyConflictInsteadOfErasingAnotherWritersCondition() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1"))
            let stale = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            let writer = StatusWriter(client: client)
            // One writer (the reconciler) sets Ready from a fresh read…
            let fresh = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            try await writer.update(fresh, conditions: [Self.ready], resource: helperWidgetType, now: helperEpoch)

            // …another (delivery) writes Delivering from its older copy, without Ready in it.
            let error = await #expect(throws: KubeAPIError.self) {
                try await writer.update(stale, conditions: [Self.delivering], resource: helperWidgetType, now: helperEpoch)
            }
            #expect(error?.isConflict == true)
            let request = try #require(server.requests.last)
            #expect(try JSONValue(parsing: request.body)["metadata"] == ["resourceVersion": .string(stale.metadata.resourceVersion ?? "")])

            let stored = try #require(server.object(helperWidgetResource, name: "w1"))
            #expect(stored[path: ["status", "conditions"]]?.arrayValue?.compactMap { $0["type"]?.stringValue } == ["Ready"])

            // Written again from a fresh read, both conditions stay.
            let reread = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            try await writer.update(reread, conditions: [Self.delivering], resource: helperWidgetType, now: helperEpoch)
            let both = try #require(server.object(helperWidgetResource, name: "w1"))
            #expect(both[path: ["status", "conditions"]]?.arrayValue?.compactMap { $0["type"]?.stringValue } == ["Ready", "Delivering"])
        }
    }

    @Test func fieldsWithoutConditionsAreNotConditional() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1"))
            let stale = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            let writer = StatusWriter(client: client)
            try await writer.update(stale, conditions: [Self.ready], resource: helperWidgetType, now: helperEpoch)

            try await writer.update(stale, fields: ["watchedObjects": 4], resource: helperWidgetType, now: helperEpoch)

            let stored = try #require(server.object(helperWidgetResource, name: "w1"))
            #expect(stored[path: ["status", "watchedObjects"]] == 4)
            #expect(stored[path: ["status", "conditions"]]?.arrayValue?.count == 1)
        }
    }
}
