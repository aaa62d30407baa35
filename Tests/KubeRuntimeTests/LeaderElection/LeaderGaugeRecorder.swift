import Metrics
import Synchronization

/// A metrics factory that keeps the last value of every recorder (gauge) by label and dimensions.
final class LeaderGaugeRecorder: MetricsFactory, Sendable {
    private let values = Mutex<[String: Double]>([:])

    /// The last value recorded by the gauge `label` with `dimensions`.
    func value(_ label: String, _ dimensions: [(String, String)]) -> Double? {
        values.withLock { $0[Self.key(label, dimensions)] }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        NOOPMetricsHandler.instance
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(key: Self.key(label, dimensions), values: self)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        NOOPMetricsHandler.instance
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    fileprivate func store(_ value: Double, for key: String) {
        values.withLock { $0[key] = value }
    }

    private static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        label + dimensions.map { "|\($0.0)=\($0.1)" }.joined()
    }

    private final class Handler: RecorderHandler, Sendable {
        let key: String
        let values: LeaderGaugeRecorder

        init(key: String, values: LeaderGaugeRecorder) {
            self.key = key
            self.values = values
        }

        func record(_ value: Int64) { values.store(Double(value), for: key) }
        func record(_ value: Double) { values.store(value, for: key) }
    }
}
