import AsyncHTTPClient
import Foundation
import Synchronization
import Hummingbird
import KubeClient
import KubeRuntime
import Logging
import Prometheus
import ServiceLifecycle
import TocsinControllers
import TocsinNotifiers

/// One operator process wired together: shared informers, the controllers, the alert engine and the delivery
/// outbox (on the leader), and the HTTP endpoints (health, metrics, Slack, Opsgenie, incidents API).
///
/// Run ``services`` in a `ServiceGroup` in the order given (the manager last, so a graceful shutdown drains the
/// controllers and releases the lease while the endpoints still answer).
public struct OperatorAssembly: Sendable {
    /// The controllers, the engine and the deliveries, behind leader election.
    public let manager: ControllerManager
    /// The HTTP endpoints.
    public let server: OperationsServer
    /// Kubernetes Events the operator records.
    public let events: EventRecorder
    /// Slack button clicks and slash commands, performed after the answer.
    public let slackActions: SlackActionQueue
    /// The alert engine (for its statistics).
    public let engine: AlertEngineService
    private let port: PortBox

    /// Returns the decoding's freed heap to the system after the first sync and every 5 minutes.
    public let memoryTrim: MemoryTrimService

    /// The services to run, in start order.
    public var services: [any Service] { [server, events, slackActions, memoryTrim, manager] }

    /// The port the endpoints listen on, once they do (the configured one, or the one chosen for port 0).
    public var boundPort: Int? { port.value }

    /// Wires the operator.
    /// - Parameters:
    ///   - client: the Kubernetes client (its QPS limit applies to everything).
    ///   - httpClient: the client for Slack, Opsgenie and `response_url`s.
    ///   - options: the process's options.
    ///   - registry: where `/metrics` reads from (the metrics factory must write there).
    ///   - healthChecks: readiness and liveness checks; the informer caches are added.
    ///   - version: the version reported by `/metrics`.
    /// - Throws: `LeaderElectionError` for an invalid election configuration.
    public init(
        client: KubernetesClient, httpClient: HTTPClient, options: OperatorOptions, registry: PrometheusCollectorRegistry,
        healthChecks: HealthChecks = HealthChecks(), version: String, logger: Logger
    ) throws {
        let namespaces = options.watchNamespaces
        let now = options.now
        let elector = try options.leaderElection.map { try LeaderElector(configuration: $0, client: client, logger: logger) }
        let informers = SharedInformers(client: client, logger: logger)
        let events = EventRecorder(
            client: client, reportingInstance: elector?.configuration.identity ?? ProcessInfo.processInfo.hostName,
            now: now, logger: logger)
        let slackClient = SlackClient(httpClient: httpClient, apiBaseURL: options.slackAPIBaseURL, logger: logger)
        let onCallSchedules = Controller.onCallSchedules(
            client: client, informers: informers, events: events, namespaces: namespaces,
            handoffNotifier: HandoffNotifier(slack: slackClient, client: client), now: now)
        // Not awaited in waitForCaches: overrides that arrive later re-reconcile their schedule and reconfigure the
        // engine, and a cluster without the OnCallOverride CRD still runs everything else.
        let onCallOverrides = Controller.onCallOverrides(
            client: client, informers: informers, events: events, namespaces: namespaces, now: now)
        let policy = NamespacePolicy(
            privilegedNamespaces: options.privilegedNamespaces.isEmpty
                ? [options.operatorNamespace] : options.privilegedNamespaces)
        // Watched objects, probe results, rules and Incidents reach the alert engine through one inbox.
        let inbox = EngineInbox()
        let monitors = Controller.monitors(
            client: client, informers: informers, events: events, policy: policy, namespaces: namespaces, inbox: inbox,
            now: now)
        let alertRules = Controller.alertRules(
            client: client, informers: informers, events: events, namespaces: namespaces, logger: logger, now: now)
        let incidents = Controller.incidents(
            client: client, informers: informers, events: events, namespaces: namespaces, logger: logger, now: now)
        let engine = AlertEngineService.make(
            client: client, informers: informers, inbox: inbox, monitors: monitors, namespaces: namespaces, now: now,
            logger: logger)
        let delivery = DeliveryService.make(
            client: client, informers: informers,
            slack: slackClient,
            opsgenie: OpsgenieClient(httpClient: httpClient, logger: logger), events: events,
            configuration: options.delivery, namespaces: namespaces, now: now, logger: logger)
        let operations = IncidentOperations(
            client: client, writer: IncidentWriter(client: client, logger: logger), now: now)
        let directory = IncidentDirectory(client: client, scope: Self.scope(of: namespaces))
        let slackActions = SlackActionQueue(
            operations: operations,
            responder: SlackResponseURLClient(
                httpClient: httpClient, allowedHosts: options.slackResponseHosts,
                allowsPlainHTTP: options.allowsPlainHTTPResponseURLs, logger: logger),
            logger: logger)
        let signingSecret = options.slackSigningSecret
        let slack = SlackEndpoints(
            verifier: { SlackRequestVerifier(signingSecret: signingSecret() ?? "") }, actions: slackActions,
            directory: directory, now: now, logger: logger)
        // Socket Mode runs on the leader only: one replica holds the connection Slack sends clicks and commands to.
        let socketMode = options.slackAppToken.map { appToken in
            SlackSocketModeService(
                configuration: SlackSocketModeService.Configuration(appToken: appToken), slack: slackClient,
                endpoints: slack, logger: logger)
        }
        let manager = ControllerManager(
            informers: informers,
            controllers: [
                onCallSchedules.controller, onCallOverrides.controller, monitors.controller, alertRules.controller,
                incidents.controller,
            ],
            leaderServices: [monitors.probes.runner, engine.service, delivery.service] + (socketMode.map { [$0] } ?? []),
            elector: elector,
            waitForCaches: {
                try await onCallSchedules.subscription.waitUntilSynced()
                try await onCallOverrides.subscription.waitUntilSynced()
                try await monitors.waitUntilSynced()
                try await alertRules.subscriptions.waitUntilSynced()
                try await incidents.subscription.waitUntilSynced()
                try await engine.waitUntilSynced()
                try await delivery.waitUntilSynced()
            },
            logger: logger)
        healthChecks.addReadinessCheck(named: "informer-caches-synced") { manager.hasSyncedCaches }
        // The Pod, Node and Event watches start when the Monitor reconciler runs (on the leader), after the caches
        // above: ready only once they have listed too.
        healthChecks.addReadinessCheck(named: "monitor-watches-synced") {
            !manager.areControllersRunning || monitors.haveSettledWatches
        }

        let webhookSecret = options.opsgenieWebhookSecret
        let header = options.opsgenieWebhookHeader
        let opsgenie = OpsgenieWebhookEndpoint(
            verifier: { webhookSecret().flatMap { try? OpsgenieWebhookVerifier(secret: $0, headerName: header) } },
            operations: operations, directory: directory, logger: logger)
        let api = options.servesIncidentsAPI
            ? IncidentsAPI(
                directory: directory, operations: operations,
                authenticator: KubernetesTokenAuthenticator(client: client, audiences: options.incidentsAPIAudiences),
                authorizer: KubernetesAccessAuthorizer(client: client), logger: logger)
            : nil
        let port = PortBox()
        self.server = OperationsServer(
            configuration: .init(host: options.host, port: options.port), version: version,
            healthChecks: healthChecks, registry: registry, logger: logger,
            onServerRunning: { port.set($0) },
            routes: { router in
                slack.register(on: router)
                opsgenie.register(on: router)
                api?.register(on: router)
            })
        self.manager = manager
        self.memoryTrim = MemoryTrimService(hasSyncedCaches: { manager.hasSyncedCaches })
        self.events = events
        self.slackActions = slackActions
        self.engine = engine.service
        self.port = port
    }

    static func scope(of namespaces: NamespaceSelection) -> IncidentDirectory.Scope {
        if case .names(let names) = namespaces { return .namespaces(names) }
        return .allNamespaces
    }
}

/// The port the server bound, set once it runs.
final class PortBox: Sendable {
    private let port = Mutex<Int?>(nil)

    var value: Int? { port.withLock { $0 } }

    func set(_ value: Int) { port.withLock { $0 = value } }
}
