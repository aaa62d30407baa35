import Foundation
import KubeClient
import KubeCore
import Logging
import Metrics
import Synchronization
import Testing
import TocsinTesting

@testable import KubeRuntime

/// A reconciler whose outcome per key is scripted and which records every call.
final class ScriptedReconciler: Reconciler {
    enum Outcome: Sendable {
        case done, requeue(Duration), retryable, terminal, conflict
    }

    private struct State {
        var calls: [ObjectKey] = []
        var running = 0
        var maximumRunning = 0
        var scripts: [ObjectKey: [Outcome]] = [:]
    }

    private let state = Mutex(State())
    let delay: Duration

    init(delay: Duration = .zero) {
        self.delay = delay
    }

    func script(_ key: ObjectKey, _ outcomes: [Outcome]) {
        state.withLock { $0.scripts[key] = outcomes }
    }

    var calls: [ObjectKey] { state.withLock { $0.calls } }
    var maximumRunning: Int { state.withLock { $0.maximumRunning } }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let outcome = state.withLock { state -> Outcome in
            state.calls.append(key)
            state.running += 1
            state.maximumRunning = max(state.maximumRunning, state.running)
            guard var script = state.scripts[key], !script.isEmpty else { return .done }
            let first = script.removeFirst()
            state.scripts[key] = script
            return first
        }
        defer { state.withLock { $0.running -= 1 } }
        if delay > .zero { try await Task.sleep(for: delay) }
        switch outcome {
        case .done: return .done
        case .requeue(let after): return .requeue(after: after)
        case .retryable: throw KubeTransportError(method: "GET", path: "/x", reason: "connection refused")
        case .terminal: throw TerminalReconcileError("spec.monitorRef: Monitor \"absent\" not found")
        case .conflict:
            let status = #"{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,"message":"Operation cannot be fulfilled on alertrules.tocsin.dev \"a\": the object has been modified; please apply your changes to the latest version and try again"}"#
            throw KubeAPIError(
                statusCode: 409, body: Data(status.utf8), method: "PATCH",
                path: "/apis/tocsin.dev/v1alpha1/namespaces/default/alertrules/a", retryAfterHeader: nil)
        }
    }
}

/// Polls up to `attempts` times, 5 ms apart.
func waitUntil(attempts: Int = 400, _ condition: () -> Bool) async -> Bool {
    for _ in 0..<attempts {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

@Suite struct ControllerTests {
    static let a = ObjectKey(namespace: "default", name: "a")
    static let b = ObjectKey(namespace: "default", name: "b")

    /// Runs `controller` in a child task for the duration of `body`, then cancels it.
    func running(_ controller: Controller, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await controller.run() }
            try await body()
            group.cancelAll()
        }
    }

    @Test func aKeyAddedTwiceWhileWaitingIsReconciledOnce() async throws {
        let reconciler = ScriptedReconciler()
        let clock = ManualClock()
        let controller = Controller(name: "test", reconciler: reconciler, clock: clock)
        // Added before the workers start: both adds wait in the queue together.
        _ = controller.queue.add(Self.a)
        _ = controller.queue.add(Self.a)
        _ = controller.queue.add(Self.b)
        try await running(controller) {
            #expect(await waitUntil { reconciler.calls.count == 2 })
            try await Task.sleep(for: .milliseconds(50))
            #expect(reconciler.calls.sorted() == [Self.a, Self.b])
        }
    }

    @Test func oneKeyIsNeverReconciledConcurrently() async throws {
        let reconciler = ScriptedReconciler(delay: .milliseconds(30))
        let controller = Controller(name: "test", reconciler: reconciler, concurrency: 4, clock: ManualClock())
        try await running(controller) {
            _ = controller.queue.add(Self.a)
            #expect(await waitUntil { reconciler.calls.count == 1 })
            // Added while it is being reconciled: runs again afterwards, not alongside.
            _ = controller.queue.add(Self.a)
            _ = controller.queue.add(Self.a)
            #expect(await waitUntil { reconciler.calls.count == 2 })
            try await Task.sleep(for: .milliseconds(80))
            #expect(reconciler.calls == [Self.a, Self.a])
            #expect(reconciler.maximumRunning == 1)
        }
    }

    @Test func differentKeysRunConcurrentlyUpToTheLimit() async throws {
        let reconciler = ScriptedReconciler(delay: .milliseconds(50))
        let controller = Controller(name: "test", reconciler: reconciler, concurrency: 3, clock: ManualClock())
        for index in 0..<6 { _ = controller.queue.add(ObjectKey(namespace: "default", name: "k\(index)")) }
        try await running(controller) {
            #expect(await waitUntil { reconciler.calls.count == 6 })
            #expect(reconciler.maximumRunning == 3)
        }
    }

    @Test func retryableErrorsAreRetriedWithBackoffAndTerminalOnesAreNot() async throws {
        let reconciler = ScriptedReconciler()
        reconciler.script(Self.a, [.retryable, .retryable, .done])
        reconciler.script(Self.b, [.terminal])
        let clock = ManualClock()
        let controller = Controller(name: "test", reconciler: reconciler, clock: clock)
        try await running(controller) {
            _ = controller.queue.add(Self.a)
            _ = controller.queue.add(Self.b)
            #expect(await waitUntil { reconciler.calls.count == 2 })
            // First retry after 5 ms, the second after 10 ms more (client-go's defaults).
            #expect(await waitUntil { controller.queue.delayedCount == 1 })
            clock.advance(by: .milliseconds(4))
            try await Task.sleep(for: .milliseconds(30))
            #expect(reconciler.calls.count == 2)
            clock.advance(by: .milliseconds(1))
            #expect(await waitUntil { reconciler.calls.count == 3 })
            #expect(await waitUntil { controller.queue.delayedCount == 1 })
            clock.advance(by: .milliseconds(10))
            #expect(await waitUntil { reconciler.calls.count == 4 })
            try await Task.sleep(for: .milliseconds(30))
            #expect(reconciler.calls == [Self.a, Self.b, Self.a, Self.a] || reconciler.calls == [Self.b, Self.a, Self.a, Self.a])
            #expect(controller.queue.retryCount(of: Self.a) == 0)
            #expect(controller.queue.delayedCount == 0)
        }
    }

    @Test func requeueAfterRunsTheKeyAgainWhenTheTimeComes() async throws {
        let reconciler = ScriptedReconciler()
        reconciler.script(Self.a, [.requeue(.seconds(60)), .done])
        let clock = ManualClock()
        let controller = Controller(name: "test", reconciler: reconciler, clock: clock)
        try await running(controller) {
            _ = controller.queue.add(Self.a)
            #expect(await waitUntil { controller.queue.delayedCount == 1 })
            clock.advance(by: .seconds(59))
            try await Task.sleep(for: .milliseconds(30))
            #expect(reconciler.calls.count == 1)
            clock.advance(by: .seconds(1))
            #expect(await waitUntil { reconciler.calls.count == 2 })
        }
    }

    @Test func resyncEnqueuesEveryKeyPeriodically() async throws {
        let reconciler = ScriptedReconciler()
        let clock = ManualClock()
        let controller = Controller(
            name: "test", reconciler: reconciler, resyncPeriod: .seconds(300), resyncKeys: { [Self.a, Self.b] },
            clock: clock)
        try await running(controller) {
            #expect(await clock.waitForSleepers(1))
            clock.advance(by: .seconds(300))
            #expect(await waitUntil { reconciler.calls.count == 2 })
            clock.advance(by: .seconds(300))
            #expect(await waitUntil { reconciler.calls.count == 4 })
        }
    }
}

@Suite struct EventPredicateTests {
    static func configMap(generation: Int64, labels: [String: String] = [:], version: String) -> ConfigMap {
        var meta = ObjectMeta(name: "cm", namespace: "default")
        meta.generation = generation
        meta.labels = labels
        meta.resourceVersion = version
        return ConfigMap(metadata: meta)
    }

    @Test func generationChangedFiltersStatusOnlyUpdates() {
        let predicate = EventPredicate<ConfigMap>.generationChanged
        let old = Self.configMap(generation: 1, version: "10")
        #expect(predicate.accepts(.added(old)))
        #expect(predicate.accepts(.deleted(old)))
        #expect(!predicate.accepts(.updated(old: old, new: Self.configMap(generation: 1, version: "11"))))
        #expect(predicate.accepts(.updated(old: old, new: Self.configMap(generation: 2, version: "12"))))
        var deleting = Self.configMap(generation: 1, version: "13")
        deleting.metadata.deletionTimestamp = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(predicate.accepts(.updated(old: old, new: deleting)))
    }

    @Test func labelsChangedOrGenerationChanged() {
        let predicate = EventPredicate<ConfigMap>.generationChanged.or(.labelsChanged)
        let old = Self.configMap(generation: 1, labels: ["team": "a"], version: "1")
        #expect(predicate.accepts(.updated(old: old, new: Self.configMap(generation: 1, labels: ["team": "b"], version: "2"))))
        #expect(!predicate.accepts(.updated(old: old, new: Self.configMap(generation: 1, labels: ["team": "a"], version: "3"))))
    }

    @Test func ownersMapAnOwnedObjectToItsOwnerOfThatKind() {
        var pod = Pod(metadata: ObjectMeta(name: "web-7d9f-abcde", namespace: "shop"))
        pod.metadata.ownerReferences = [
            OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d9f", uid: "u1", controller: true),
            OwnerReference(apiVersion: "v1", kind: "Node", name: "node-1", uid: "u2"),
        ]
        let map: @Sendable (Pod) -> [ObjectKey] = KeyMapper.owners(ofKind: "ReplicaSet", group: "apps")
        #expect(map(pod) == [ObjectKey(namespace: "shop", name: "web-7d9f")])
        let wrongGroup: @Sendable (Pod) -> [ObjectKey] = KeyMapper.owners(ofKind: "ReplicaSet", group: "tocsin.dev")
        #expect(wrongGroup(pod).isEmpty)
    }
}
