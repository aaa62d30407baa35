import Metrics

/// The metrics of one ``WorkQueue``, all labelled `queue=<name>`.
struct WorkQueueMetrics: Sendable {
    /// `tocsin_workqueue_depth`: keys ready to be handed out.
    let depth: Gauge
    /// `tocsin_workqueue_adds_total`: keys that became waiting (a duplicate add is not counted).
    let adds: Counter
    /// `tocsin_workqueue_retries_total`: calls of ``WorkQueue/retry(_:)``.
    let retries: Counter
    /// `tocsin_workqueue_wait_duration_seconds`: from the add to the hand-out by ``WorkQueue/next()``.
    let waitDuration: Timer
    /// `tocsin_workqueue_dropped_total`: adds refused because the queue was at capacity.
    let dropped: Counter

    init(queue: String, factory: any MetricsFactory) {
        let dimensions = [("queue", queue)]
        depth = Gauge(label: "tocsin_workqueue_depth", dimensions: dimensions, factory: factory)
        adds = Counter(label: "tocsin_workqueue_adds_total", dimensions: dimensions, factory: factory)
        retries = Counter(label: "tocsin_workqueue_retries_total", dimensions: dimensions, factory: factory)
        waitDuration = Timer(
            label: "tocsin_workqueue_wait_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds,
            factory: factory)
        dropped = Counter(label: "tocsin_workqueue_dropped_total", dimensions: dimensions, factory: factory)
    }
}
