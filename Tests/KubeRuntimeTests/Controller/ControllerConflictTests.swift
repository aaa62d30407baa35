import Foundation
import Logging
import Synchronization
import Testing
import TocsinTesting

@testable import KubeRuntime

/// Log lines (`level message`) captured from a logger.
final class ControllerLogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func logger() -> Logger {
        var logger = Logger(label: "test.controller") { _ in Handler(lines: self) }
        logger.logLevel = .trace
        return logger
    }

    private struct Handler: LogHandler {
        let lines: ControllerLogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            lines.lines.withLock { $0.append("\(event.level) \(event.message)") }
        }
    }
}

@Suite struct ControllerConflictTests {
    static let a = ObjectKey(namespace: "default", name: "a")

    @Test func aConflictIsAQuietRequeueThatReconcilesAgain() async throws {
        let reconciler = ScriptedReconciler()
        reconciler.script(Self.a, [.conflict, .done])
        let clock = ManualClock()
        let logs = ControllerLogLines()
        let controller = Controller(name: "test", reconciler: reconciler, clock: clock, logger: logs.logger())
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await controller.run() }
            _ = controller.queue.add(Self.a)
            #expect(await waitUntil { reconciler.calls.count == 1 })
            // Requeued with the per-key backoff (5 ms first), not dropped.
            #expect(await waitUntil { controller.queue.delayedCount == 1 })
            clock.advance(by: .milliseconds(5))
            #expect(await waitUntil { reconciler.calls.count == 2 })
            #expect(await waitUntil { controller.queue.retryCount(of: Self.a) == 0 })
            group.cancelAll()
        }
        #expect(reconciler.calls == [Self.a, Self.a])
        // No warning or error: a conflict is not a failure.
        #expect(logs.all.filter { $0.hasPrefix("warning") || $0.hasPrefix("error") }.isEmpty)
        #expect(logs.all.filter { $0.contains("Object changed during reconcile; requeued") } == [
            "debug Object changed during reconcile; requeued"
        ])
    }
}
