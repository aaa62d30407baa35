import Metrics

/// The `tocsin_reconcile_*` metrics of one controller.
struct ControllerMetrics: Sendable {
    let controller: String
    let factory: any MetricsFactory
    let errors: Counter
    let duration: Timer

    init(controller: String, factory: any MetricsFactory) {
        self.controller = controller
        self.factory = factory
        let dimensions = [("controller", controller)]
        errors = Counter(label: "tocsin_reconcile_errors_total", dimensions: dimensions, factory: factory)
        duration = Timer(
            label: "tocsin_reconcile_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds,
            factory: factory)
    }

    /// Counts one reconcile with its `result` (success, requeue_after, error, cancelled).
    func count(result: String) {
        Counter(
            label: "tocsin_reconcile_total", dimensions: [("controller", controller), ("result", result)],
            factory: factory
        ).increment()
    }
}
