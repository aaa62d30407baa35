import Metrics
import Synchronization
import TocsinAPI

/// The delivery pipeline's metrics.
///
/// - `tocsin_deliveries_total{receiver_type,result}` (result `success`, `retry`, `dropped`);
/// - `tocsin_delivery_latency_seconds{receiver_type}`: from an entry's `enqueuedTime` to its success;
/// - `tocsin_delivery_queue_depth`: receivers with due or waiting work in the work set;
/// - `tocsin_delivery_circuit_open{receiver}`: 1 while the receiver endpoint's circuit breaker is open.
final class DeliveryMetrics: Sendable {
    /// A delivery's result, as the `result` label spells it.
    enum Result: String, Sendable {
        case success
        case retry
        case dropped
    }

    let factory: any MetricsFactory
    let queueDepth: Gauge
    private let circuitGauges = Mutex<[String: Gauge]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
        queueDepth = Gauge(label: "tocsin_delivery_queue_depth", dimensions: [], factory: factory)
    }

    func recordDelivery(_ type: ReceiverDelivery.ReceiverType, result: Result) {
        Counter(
            label: "tocsin_deliveries_total", dimensions: [("receiver_type", type.rawValue), ("result", result.rawValue)],
            factory: factory
        ).increment()
    }

    func recordLatency(_ type: ReceiverDelivery.ReceiverType, seconds: Double) {
        Recorder(
            label: "tocsin_delivery_latency_seconds", dimensions: [("receiver_type", type.rawValue)], aggregate: true,
            factory: factory
        ).record(max(0, seconds))
    }

    func recordCircuit(_ receiver: String, isOpen: Bool) {
        let gauge = circuitGauges.withLock { gauges in
            if let gauge = gauges[receiver] { return gauge }
            let gauge = Gauge(label: "tocsin_delivery_circuit_open", dimensions: [("receiver", receiver)], factory: factory)
            gauges[receiver] = gauge
            return gauge
        }
        gauge.record(isOpen ? 1 : 0)
    }
}
