import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// The operator's operations endpoint: `/healthz`, `/livez`, `/readyz` and `/metrics` on one HTTP listener.
///
/// It is a swift-service-lifecycle `Service`: add it to the executable's `ServiceGroup`. It stops accepting
/// connections and finishes in-flight requests on graceful shutdown, and ends on task cancellation.
///
/// ```swift
/// let metrics = MetricsBootstrap()
/// let server = OperationsServer(
///     configuration: .init(host: "0.0.0.0", port: 8080),
///     version: "0.1.0", healthChecks: healthChecks, registry: metrics.registry, logger: logger
/// ) { router in
///     router.group("slack").post("interactivity") { request, context in ... }
/// }
/// ```
///
/// Routes:
/// - `GET /healthz` and `GET /livez`: 200 `ok` while every liveness check passes, else 500 with the list.
/// - `GET /readyz`: 200 `ok` once every readiness check passes, else 503 listing each check as `[+]name ok` or
///   `[-]name failed` (add `?verbose` to see the list when ready too).
/// - `GET /metrics`: the registry in the Prometheus text exposition format 0.0.4.
/// - whatever the `routes` closure adds; any other path answers 404.
public struct OperationsServer: Service {
    /// The `Content-Type` of `/metrics`: Prometheus text exposition format 0.0.4.
    public static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    private let application: Application<RouterResponder<BasicRequestContext>>
    private let buildInfo: Metrics.Gauge
    private let logger: Logger
    private let address: String

    /// Creates the server; nothing listens until ``run()``.
    ///
    /// - Parameters:
    ///   - configuration: where to listen.
    ///   - version: the operator's version, exported as `tocsin_build_info{version="…"} 1`.
    ///   - healthChecks: the liveness and readiness checks probed by `/healthz` and `/readyz`.
    ///   - registry: the Prometheus registry that `/metrics` renders (``MetricsBootstrap/registry``).
    ///   - logger: the server's logger.
    ///   - onServerRunning: called once the listener is bound, with the bound port (useful with port 0).
    ///   - routes: adds more routes or route groups (Slack interactivity, the incidents API) to the router.
    public init(
        configuration: Configuration = Configuration(),
        version: String,
        healthChecks: HealthChecks,
        registry: PrometheusCollectorRegistry,
        logger: Logger,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in },
        routes: (Router<BasicRequestContext>) -> Void = { _ in }
    ) {
        let router = Router(context: BasicRequestContext.self)
        Self.addOperationsRoutes(to: router, healthChecks: healthChecks, registry: registry)
        routes(router)
        self.application = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            onServerRunning: { channel in
                await onServerRunning(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
        self.buildInfo = Metrics.Gauge(
            label: "tocsin_build_info", dimensions: [("version", version)],
            factory: PrometheusMetricsFactory(registry: registry))
        self.logger = logger
        self.address = "\(configuration.host):\(configuration.port)"
    }

    /// Listens and serves until graceful shutdown or cancellation.
    ///
    /// - Throws: the bind error when the address is in use or not available, or an error of the HTTP server.
    public func run() async throws {
        buildInfo.record(1)
        logger.info("Starting operations server", metadata: ["server.address": "\(address)"])
        try await application.run()
        logger.info("Stopped operations server", metadata: ["server.address": "\(address)"])
    }
}
