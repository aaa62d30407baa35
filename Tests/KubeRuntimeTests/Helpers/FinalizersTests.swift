import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinTesting

@Suite("Finalizers against the fake API server")
struct FinalizersTests {
    static let finalizer = "tocsin.dev/cleanup"

    @Test func flowAddsFinalizerThenCleansUpOnceAndLetsTheObjectGo() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1"))
            let finalizers = Finalizers(client: client)
            let cleanups = LockedValue<[String]>([])
            let cleanup: (GenericObject) async throws -> Void = { object in
                cleanups.withLock { $0.append(object.metadata.name ?? "") }
            }

            // First reconcile: the finalizer is added.
            var widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            guard case .active(let active) = try await finalizers.handle(
                Self.finalizer, on: widget, resource: helperWidgetType, cleanup: cleanup)
            else {
                Issue.record("expected .active")
                return
            }
            #expect(active.metadata.finalizers == [Self.finalizer])
            #expect(server.object(helperWidgetResource, name: "w1")?[path: ["metadata", "finalizers"]] == [.string(Self.finalizer)])

            // Second reconcile: nothing to send.
            let before = server.requests.count
            guard case .active = try await finalizers.handle(
                Self.finalizer, on: active, resource: helperWidgetType, cleanup: cleanup)
            else {
                Issue.record("expected .active")
                return
            }
            #expect(server.requests.count == before)

            // Delete: the object stays with a deletionTimestamp until the finalizer is removed.
            try server.delete(helperWidgetResource, name: "w1")
            widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            #expect(widget.metadata.deletionTimestamp != nil)
            #expect(cleanups.withLock { $0 }.isEmpty)

            guard case .finalized = try await finalizers.handle(
                Self.finalizer, on: widget, resource: helperWidgetType, cleanup: cleanup)
            else {
                Issue.record("expected .finalized")
                return
            }
            #expect(cleanups.withLock { $0 } == ["w1"])
            #expect(server.object(helperWidgetResource, name: "w1") == nil)
        }
    }

    @Test func deletingObjectWithoutOurFinalizerIsLeftAlone() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1", finalizers: ["example.com/other"]))
            try server.delete(helperWidgetResource, name: "w1")
            let widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            let before = server.requests.count
            let cleanups = LockedValue(0)

            let outcome = try await Finalizers(client: client).handle(
                Self.finalizer, on: widget, resource: helperWidgetType
            ) { _ in cleanups.withLock { $0 += 1 } }

            guard case .deleting = outcome else {
                Issue.record("expected .deleting")
                return
            }
            #expect(cleanups.withLock { $0 } == 0)
            #expect(server.requests.count == before)
            #expect(server.object(helperWidgetResource, name: "w1")?[path: ["metadata", "finalizers"]] == ["example.com/other"])
        }
    }

    @Test func failedCleanupKeepsTheFinalizer() async throws {
        struct CleanupFailed: Error {}
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1", finalizers: [Self.finalizer]))
            try server.delete(helperWidgetResource, name: "w1")
            let widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)

            await #expect(throws: CleanupFailed.self) {
                _ = try await Finalizers(client: client).handle(
                    Self.finalizer, on: widget, resource: helperWidgetType) { _ in throw CleanupFailed() }
            }
            #expect(server.object(helperWidgetResource, name: "w1")?[path: ["metadata", "finalizers"]] == [.string(Self.finalizer)])
        }
    }

    @Test func staleObjectConflictsInsteadOfOverwriting() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1", finalizers: ["example.com/other"]))
            let stale = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            // Someone else changes the object meanwhile.
            var changed = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)
            changed.metadata.finalizers = ["example.com/other", "example.com/third"]
            _ = try await client.update(changed, resource: helperWidgetType)

            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await Finalizers(client: client).ensure(Self.finalizer, on: stale, resource: helperWidgetType)
            }
            #expect(error?.isConflict == true)
            #expect(
                server.object(helperWidgetResource, name: "w1")?[path: ["metadata", "finalizers"]]
                    == ["example.com/other", "example.com/third"])
        }
    }

    @Test func removeKeepsOtherFinalizers() async throws {
        try await withHelpersCluster { server, client in
            try server.create(helperWidgetResource, helperWidgetJSON("w1", finalizers: ["example.com/other", Self.finalizer]))
            let widget = try await client.get(GenericObject.self, name: "w1", namespace: "default", resource: helperWidgetType)

            let updated = try await Finalizers(client: client).remove(Self.finalizer, from: widget, resource: helperWidgetType)

            #expect(updated.metadata.finalizers == ["example.com/other"])
            #expect(server.object(helperWidgetResource, name: "w1")?[path: ["metadata", "finalizers"]] == ["example.com/other"])
        }
    }
}
