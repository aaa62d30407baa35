import Hummingbird
import Prometheus

extension OperationsServer {
    /// Adds `/healthz`, `/livez`, `/readyz` and `/metrics` to `router`.
    static func addOperationsRoutes(
        to router: Router<BasicRequestContext>, healthChecks: HealthChecks, registry: PrometheusCollectorRegistry
    ) {
        let liveness: @Sendable (Request, BasicRequestContext) async -> Response = { request, _ in
            let report = await healthChecks.liveness()
            return probeResponse(report, endpoint: "healthz", failureStatus: .internalServerError, request: request)
        }
        router.get("/healthz", use: liveness)
        router.get("/livez", use: liveness)
        router.get("/readyz") { request, _ in
            let report = await healthChecks.readiness()
            return probeResponse(report, endpoint: "readyz", failureStatus: .serviceUnavailable, request: request)
        }
        router.get("/metrics") { _, _ in
            metricsResponse(registry)
        }
    }

    /// The response of a probe endpoint: 200 when `report` passes, `failureStatus` otherwise.
    static func probeResponse(
        _ report: HealthReport, endpoint: String, failureStatus: HTTPResponse.Status, request: Request
    ) -> Response {
        let isVerbose = request.uri.queryParameters.has("verbose")
        let body = report.text(endpoint: endpoint, isVerbose: isVerbose)
        return Response(
            status: report.isPassing ? .ok : failureStatus,
            headers: [
                .contentType: "text/plain; charset=utf-8",
                .cacheControl: "no-cache, private",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    /// The scrape response: every metric of `registry` in the Prometheus text exposition format.
    static func metricsResponse(_ registry: PrometheusCollectorRegistry) -> Response {
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        return Response(
            status: .ok,
            headers: [.contentType: OperationsServer.metricsContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
