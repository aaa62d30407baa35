import CoreMetrics
import KubeRuntime
import Synchronization
import TocsinTesting

/// A metrics factory that keeps every value in memory, for metric assertions in the queue and helper tests.
final class QueueMetricsRecorder: MetricsFactory, Sendable {
    private let values = Storage()

    final class Storage: Sendable {
        let mutex = Mutex(Values())

        func withLock<T>(_ body: (inout Values) -> T) -> T {
            mutex.withLock { body(&$0) }
        }
    }

    struct Values {
        var counters: [String: Int64] = [:]
        var gauges: [String: Double] = [:]
        var timers: [String: [Int64]] = [:]
    }

    /// `label{name=value,...}` with dimensions sorted by name.
    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        let sorted = dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
        return "\(label){\(sorted)}"
    }

    func counter(_ label: String, _ dimensions: [(String, String)]) -> Int64 {
        values.withLock { $0.counters[Self.key(label, dimensions)] ?? 0 }
    }

    func gauge(_ label: String, _ dimensions: [(String, String)]) -> Double? {
        values.withLock { $0.gauges[Self.key(label, dimensions)] }
    }

    func timer(_ label: String, _ dimensions: [(String, String)]) -> [Int64] {
        values.withLock { $0.timers[Self.key(label, dimensions)] ?? [] }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Handler(key: Self.key(label, dimensions), values: values)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        Handler(key: Self.key(label, dimensions), values: values)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        MeterBox(key: Self.key(label, dimensions), values: values)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(key: Self.key(label, dimensions), values: values)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Handler(key: Self.key(label, dimensions), values: values)
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyMeter(_ handler: any MeterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    private final class MeterBox: MeterHandler, Sendable {
        let key: String
        let values: Storage

        init(key: String, values: Storage) {
            self.key = key
            self.values = values
        }

        func set(_ value: Int64) { values.withLock { $0.gauges[key] = Double(value) } }
        func set(_ value: Double) { values.withLock { $0.gauges[key] = value } }
        func increment(by amount: Double) { values.withLock { $0.gauges[key, default: 0] += amount } }
        func decrement(by amount: Double) { values.withLock { $0.gauges[key, default: 0] -= amount } }
    }

    private final class Handler: CounterHandler, FloatingPointCounterHandler, RecorderHandler, TimerHandler,
        Sendable
    {
        let key: String
        let values: Storage

        init(key: String, values: Storage) {
            self.key = key
            self.values = values
        }

        func increment(by amount: Int64) { values.withLock { $0.counters[key, default: 0] += amount } }
        func increment(by amount: Double) { values.withLock { $0.counters[key, default: 0] += Int64(amount) } }
        func reset() { values.withLock { $0.counters[key] = 0 } }
        func record(_ value: Int64) { values.withLock { $0.gauges[key] = Double(value) } }
        func record(_ value: Double) { values.withLock { $0.gauges[key] = value } }
        func recordNanoseconds(_ duration: Int64) { values.withLock { $0.timers[key, default: []].append(duration) } }
    }
}

/// Runs `queue`'s scheduler in a child task while `body` runs, then stops it.
func withRunningScheduler<Key: Hashable & Sendable>(
    _ queue: WorkQueue<Key>, _ body: () async throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await queue.run() }
        try await body()
        group.cancelAll()
        try await group.waitForAll()
    }
}

/// A queue on a manual clock with recorded metrics.
func makeTestQueue(
    capacity: Int = 100_000, backoff: ExponentialBackoff = ExponentialBackoff()
) -> (WorkQueue<String>, ManualClock, QueueMetricsRecorder) {
    let clock = ManualClock()
    let metrics = QueueMetricsRecorder()
    let queue = WorkQueue<String>(
        name: "test", capacity: capacity, backoff: backoff, clock: clock, metricsFactory: metrics)
    return (queue, clock, metrics)
}

/// The `queue` dimension of the test queue's metrics.
let testQueueDimensions = [("queue", "test")]

/// A value behind a lock, shareable between tasks.
final class LockedValue<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T {
        mutex.withLock { body(&$0) }
    }
}
