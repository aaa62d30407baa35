import ArgumentParser
import AsyncHTTPClient
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle
import TocsinControllers
import TocsinServer

/// `tocsin run`: the operator process (``OperatorAssembly``) — shared informers, leader election, controllers,
/// the alert engine and deliveries on the leader, and the HTTP endpoints — until SIGTERM or SIGINT, then a
/// graceful shutdown.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the operator (the container's default command).",
        discussion: """
            Serves /healthz, /livez, /readyz, /metrics, the Slack endpoints (/slack/interactivity, \
            /slack/commands), the Opsgenie webhook (/opsgenie/webhook) and the incidents API (/api/v1) on --listen. \
            With leader election (the default) several replicas may run; only the leader reconciles, evaluates \
            rules and delivers. SIGTERM or SIGINT drains in-flight work, releases the lease and exits.
            """)

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "The namespace the operator runs in (its Lease lives there). Default: the pod's or the context's.")
    var operatorNamespace: String?

    @Flag(inversion: .prefixedNo, help: "Elect a leader among replicas through a Lease.")
    var leaderElect = true

    @Option(
        name: .customLong("privileged-namespace"),
        help: "A namespace whose Monitors may watch other namespaces (repeatable). Default: the operator namespace.")
    var privilegedNamespaces: [String] = []

    @Option(help: "Name of the leader-election Lease.")
    var leaseName = "tocsin-leader"

    @Option(name: .customLong("kube-api-qps"), help: "Requests per second to the API server (client-side limit).")
    var kubeAPIQPS: Double = 20

    @Option(name: .customLong("kube-api-burst"), help: "Requests allowed in a burst above --kube-api-qps.")
    var kubeAPIBurst: Int = 30

    @Option(help: "Address of the operations endpoints (health, readiness, metrics), HOST:PORT.")
    var listen = "0.0.0.0:8080"

    @Option(
        name: .customLong("watch-namespace"),
        help: "A namespace whose Tocsin resources, Secrets and Incidents are watched (repeatable). Default: all.")
    var watchNamespaces: [String] = []

    @Option(help: "Watch the namespaces matching this label selector instead (e.g. tocsin.dev/enabled=true).")
    var watchNamespaceSelector: String?

    @Option(help: "File holding the Slack app's signing secret (re-read on every request; mount a Secret there).")
    var slackSigningSecretFile: String?

    @Option(
        help: """
            File holding the Slack app-level token (xapp-…, scope connections:write). Given, the leader opens a \
            Socket Mode connection, so buttons and /tocsin work without an endpoint Slack can reach.
            """)
    var slackAppTokenFile: String?

    @Option(help: "File holding the shared secret of the Opsgenie webhook (re-read on every request).")
    var opsgenieWebhookSecretFile: String?

    @Option(help: "Header carrying the Opsgenie webhook's shared secret.")
    var opsgenieWebhookHeader = "X-Tocsin-Webhook-Secret"

    @Option(name: .customLong("slack-api-url"), help: "Slack's Web API base URL.")
    var slackAPIURL = "https://slack.com/api"

    @Flag(inversion: .prefixedNo, help: "Serve the incidents HTTP API under /api/v1 (bearer tokens, RBAC).")
    var incidentsAPI = true

    @Option(
        name: .customLong("incidents-api-audience"),
        help: "An audience the API callers' tokens must carry (repeatable). Default: the API server's.")
    var incidentsAPIAudiences: [String] = []

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(help: "Log format: json (one object per line) or text.")
    var logFormat: LogFormat = .json

    func validate() throws {
        _ = try listenAddress()
        _ = try watchScope()
        for (flag, path) in [("--slack-signing-secret-file", slackSigningSecretFile),
            ("--slack-app-token-file", slackAppTokenFile), ("--opsgenie-webhook-secret-file", opsgenieWebhookSecretFile)]
        {
            guard let path else { continue }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ValidationError("\(flag): cannot read \(path); mount the Secret there or leave the flag out")
            }
        }
        if opsgenieWebhookHeader.isEmpty || opsgenieWebhookHeader.contains(where: { $0 == ":" || $0.isWhitespace }) {
            throw ValidationError("--opsgenie-webhook-header must be a header name, got \"\(opsgenieWebhookHeader)\"")
        }
        guard let url = URL(string: slackAPIURL), url.scheme == "https" || url.scheme == "http", url.host != nil else {
            throw ValidationError("--slack-api-url must be an http(s) URL, got \(slackAPIURL)")
        }
    }

    /// The namespaces to watch, from --watch-namespace and --watch-namespace-selector.
    private func watchScope() throws -> NamespaceSelection {
        if let selector = watchNamespaceSelector {
            guard watchNamespaces.isEmpty else {
                throw ValidationError("use --watch-namespace or --watch-namespace-selector, not both")
            }
            guard !selector.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--watch-namespace-selector must not be empty")
            }
            return .labelSelector(selector)
        }
        return watchNamespaces.isEmpty ? .all : .names(watchNamespaces)
    }

    /// A closure reading the trimmed contents of `path` at each call (`nil` without a path or when unreadable).
    static func fileReader(_ path: String?) -> @Sendable () -> String? {
        guard let path else { return { nil } }
        return {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func run() async throws {
        MemoryTuning.limitMallocArenas()
        LoggingBootstrap.bootstrap(format: logFormat, level: logLevel)
        let metrics = MetricsBootstrap()
        metrics.bootstrapMetricsSystem()
        let logger = Logger(label: "tocsin")
        let (host, port) = try listenAddress()

        var clientConfiguration = try cluster.clientConfiguration()
        clientConfiguration.qps = kubeAPIQPS
        clientConfiguration.burst = kubeAPIBurst
        let client = try KubernetesClient(configuration: clientConfiguration, logger: logger)
        let namespace = operatorNamespace ?? client.defaultNamespace
        logger.info(
            "Starting Tocsin",
            metadata: [
                "version": "\(TocsinVersion.current)", "cluster.source": "\(clientConfiguration.source)",
                "operator.namespace": "\(namespace)", "leader.elect": "\(leaderElect)",
            ])

        var options = OperatorOptions(operatorNamespace: namespace)
        options.watchNamespaces = try watchScope()
        options.privilegedNamespaces = privilegedNamespaces
        options.leaderElection =
            leaderElect ? LeaderElectionConfiguration(leaseName: leaseName, namespace: namespace) : nil
        options.host = host
        options.port = port
        options.slackSigningSecret = Self.fileReader(slackSigningSecretFile)
        options.opsgenieWebhookSecret = Self.fileReader(opsgenieWebhookSecretFile)
        options.slackAppToken = slackAppTokenFile.map { _ in Self.fileReader(slackAppTokenFile) }
        options.opsgenieWebhookHeader = opsgenieWebhookHeader
        options.slackAPIBaseURL = slackAPIURL
        options.servesIncidentsAPI = incidentsAPI
        options.incidentsAPIAudiences = incidentsAPIAudiences.isEmpty ? nil : incidentsAPIAudiences
        let assembly = try OperatorAssembly(
            client: client, httpClient: HTTPClient.shared, options: options, registry: metrics.registry,
            version: TocsinVersion.current, logger: logger)

        // Shut down in reverse order: the manager drains and releases the lease while /healthz still answers.
        let group = ServiceGroup(
            configuration: .init(
                services: assembly.services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        logger.info("Stopped Tocsin")
    }

    private func listenAddress() throws -> (String, Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else {
            throw ValidationError("--listen must be HOST:PORT with a port from 0 to 65535, got \(listen)")
        }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}
