import Metrics
import Prometheus

/// The Prometheus registry and swift-metrics factory of the process, made once by the executable.
///
/// Libraries take an `any MetricsFactory` (``factory``) and create their metrics with it; the
/// ``OperationsServer`` renders ``registry`` on `/metrics`. Only the executable calls
/// ``bootstrapMetricsSystem()``, which makes ``factory`` the global `MetricsSystem.factory` for code that does
/// not take a factory (dependencies such as async-http-client).
///
/// ```swift
/// let metrics = MetricsBootstrap()
/// metrics.bootstrapMetricsSystem()   // the executable only, once
/// let server = OperationsServer(version: version, healthChecks: checks, registry: metrics.registry, logger: logger)
/// ```
public struct MetricsBootstrap: Sendable {
    /// The registry every Tocsin metric is recorded in and `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    /// A swift-metrics factory that records into ``registry``.
    public let factory: PrometheusMetricsFactory

    /// Histogram buckets for timers whose values often exceed the default 10 s top bucket.
    ///
    /// `tocsin_workqueue_wait_duration_seconds` includes rate-limited requeues, which back off for minutes.
    public static let longDurationBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100),
        .milliseconds(500), .seconds(1), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        .seconds(300), .seconds(1000),
    ]

    /// Creates a factory recording into `registry` (a new, empty registry by default).
    ///
    /// Timers get the factory's default duration buckets (5 ms to 10 s, right for reconcile and request
    /// latencies) except `tocsin_workqueue_wait_duration_seconds`, which gets ``longDurationBuckets``.
    /// Buckets, in seconds, of `tocsin_delivery_latency_seconds`: from the 50 ms target to an outage's retries.
    public static let deliveryLatencyBuckets: [Double] = [
        0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800,
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["tocsin_workqueue_wait_duration_seconds"] = Self.longDurationBuckets
        factory.valueHistogramBuckets["tocsin_delivery_latency_seconds"] = Self.deliveryLatencyBuckets
        self.registry = registry
        self.factory = factory
    }

    /// Makes ``factory`` the process-wide `MetricsSystem.factory`.
    ///
    /// Call it at most once per process, from the executable: swift-metrics traps on a second bootstrap.
    public func bootstrapMetricsSystem() {
        MetricsSystem.bootstrap(factory)
    }
}
