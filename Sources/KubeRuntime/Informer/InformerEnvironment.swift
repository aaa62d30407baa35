import KubeClient
import Logging
import Metrics

/// What every informer of a ``SharedInformers`` shares: the client, the task host and the injected
/// clock, logger and metrics.
struct InformerEnvironment: Sendable {
    let client: KubernetesClient
    let host: TaskHost
    let clock: any Clock<Duration>
    let logger: Logger
    let metricsFactory: any MetricsFactory
    let backoff: WatcherBackoff
    let pageSize: Int
}

/// The informers whose delivery lock the current task holds, so that a handler may call back into its own
/// informer (subscribe, release) without deadlocking.
enum DeliveryContext {
    @TaskLocal static var informers: [ObjectIdentifier] = []
}
