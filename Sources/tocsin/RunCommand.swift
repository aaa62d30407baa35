import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle
import TocsinControllers
import TocsinServer

/// `tocsin run`: the operator process — shared informers, leader election, controllers on the leader, and the
/// operations endpoints — until SIGTERM or SIGINT, then a graceful shutdown.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the operator (the container's default command).",
        discussion: """
            Serves /healthz, /readyz and /metrics on --listen. With leader election (the default) several \
            replicas may run; only the leader reconciles. SIGTERM or SIGINT drains in-flight work, releases the \
            lease and exits.
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

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(help: "Log format: json (one object per line) or text.")
    var logFormat: LogFormat = .json

    func validate() throws {
        _ = try listenAddress()
    }

    func run() async throws {
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

        let elector: LeaderElector? =
            leaderElect
            ? try LeaderElector(
                configuration: LeaderElectionConfiguration(leaseName: leaseName, namespace: namespace),
                client: client, logger: logger)
            : nil
        let informers = SharedInformers(client: client, logger: logger)
        let events = EventRecorder(
            client: client, reportingInstance: elector?.configuration.identity ?? ProcessInfo.processInfo.hostName,
            logger: logger)
        let onCallSchedules = Controller.onCallSchedules(client: client, informers: informers, events: events)
        let policy = NamespacePolicy(privilegedNamespaces: privilegedNamespaces.isEmpty ? [namespace] : privilegedNamespaces)
        // Watched objects, probe results, rules and Incidents reach the alert engine through one inbox.
        let inbox = EngineInbox()
        let monitors = Controller.monitors(
            client: client, informers: informers, events: events, policy: policy, inbox: inbox)
        let alertRules = Controller.alertRules(client: client, informers: informers, events: events, logger: logger)
        let incidents = Controller.incidents(client: client, informers: informers, events: events, logger: logger)
        let engine = AlertEngineService.make(
            client: client, informers: informers, inbox: inbox, monitors: monitors, logger: logger)
        let manager = ControllerManager(
            informers: informers,
            controllers: [onCallSchedules.controller, monitors.controller, alertRules.controller, incidents.controller],
            leaderServices: [monitors.probes.runner, engine.service],
            elector: elector,
            waitForCaches: {
                try await onCallSchedules.subscription.waitUntilSynced()
                try await monitors.waitUntilSynced()
                try await alertRules.subscriptions.waitUntilSynced()
                try await incidents.subscription.waitUntilSynced()
                try await engine.waitUntilSynced()
            },
            logger: logger)

        let healthChecks = HealthChecks()
        healthChecks.addReadinessCheck(named: "informer-caches-synced") { manager.hasSyncedCaches }
        let operations = OperationsServer(
            configuration: .init(host: host, port: port), version: TocsinVersion.current,
            healthChecks: healthChecks, registry: metrics.registry, logger: logger)

        // Shut down in reverse order: the manager drains and releases the lease while /healthz still answers.
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: operations), .init(service: events), .init(service: manager)],
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
