import ArgumentParser
import AsyncHTTPClient
import Foundation
import KubeClient
import Logging
import TocsinServer
import TocsinTesting

/// `tocsin demo`: the real operator against an in-process simulated cluster, Slack and Opsgenie.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Watch an incident from firing to resolved, with no cluster: the real operator against simulated ones.",
        discussion: """
            Starts a fake Kubernetes API server, a fake Slack and a fake Opsgenie on 127.0.0.1, runs the operator \
            against them (time runs --speed times faster), and plays a scenario: a Deployment's pod starts crash \
            looping, an incident fires and pages the on-call, alice acknowledges in Slack, the pod recovers, the \
            incident resolves. It prints what the operator sends to Slack and Opsgenie. Nothing leaves this machine.
            """)

    @Option(help: "How many simulated seconds pass per real second (1–120).")
    var speed: Double = 30

    @Option(help: "Seconds to wait for each step before giving up.")
    var timeoutSeconds = 30

    @Flag(help: "Let alice's click reach the operator over Slack Socket Mode (a WebSocket) instead of HTTP.")
    var socketMode = false

    @Flag(help: "Show the operator's own log lines (text, info level) on standard error.")
    var verbose = false

    func validate() throws {
        guard (1...120).contains(speed) else { throw ValidationError("--speed must be between 1 and 120") }
        guard timeoutSeconds >= 1 else { throw ValidationError("--timeout-seconds must be positive") }
    }

    func run() async throws {
        LoggingBootstrap.bootstrap(format: .text, level: verbose ? .info : .critical)
        let metrics = MetricsBootstrap()
        metrics.bootstrapMetricsSystem()
        let logger = Logger(label: "tocsin.demo")
        let clock = DemoClock(start: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60), speed: speed)

        let cluster = try await FakeAPIServer.start()
        let slack = try await FakeSlackServer.start(configuration: FakeSlackServer.Configuration(
            botToken: DemoObjects.slackToken,
            channels: [FakeSlackServer.Channel(id: DemoObjects.channelID, name: String(DemoObjects.channel.dropFirst()))]))
        let opsgenie = try await FakeOpsgenieServer.start(apiKey: DemoObjects.opsgenieKey)
        for resource in DemoObjects.resources { cluster.register(resource) }
        try DemoObjects.create(in: cluster, opsgenieURL: opsgenie.baseURL.absoluteString, start: clock.start)
        print("Simulated cluster at \(cluster.baseURL), Slack at \(slack.baseURL), Opsgenie at \(opsgenie.baseURL)")
        print("Namespace shop: Deployment api (1 pod), Monitor shop, OnCallSchedule payments-primary (alice, bob),")
        print("AlertRule api-crashlooping: podCrashLooping for 1m → Slack \(DemoObjects.channel) + Opsgenie, severity critical")
        print("")

        let client = try KubernetesClient(
            configuration: ClientConfiguration(server: cluster.baseURL, qps: 0, source: "tocsin demo"), logger: logger)
        var options = OperatorOptions(operatorNamespace: "tocsin-system")
        options.host = "127.0.0.1"
        options.port = 0
        options.slackAPIBaseURL = slack.apiBaseURL
        options.slackSigningSecret = { DemoObjects.signingSecret }
        if socketMode { options.slackAppToken = { FakeSlackServer.defaultAppToken } }
        options.slackResponseHosts = ["127.0.0.1"]
        options.allowsPlainHTTPResponseURLs = true
        options.servesIncidentsAPI = false
        options.now = clock.now
        let assembly = try OperatorAssembly(
            client: client, httpClient: HTTPClient.shared, options: options, registry: metrics.registry,
            version: TocsinVersion.current, logger: logger)
        let scenario = DemoScenario(
            cluster: cluster, slack: slack, opsgenie: opsgenie, clock: clock, operatorPort: { assembly.boundPort },
            socketMode: socketMode,
            timeout: .seconds(timeoutSeconds), print: { Swift.print($0) })
        let outcome: Result<Void, any Error>
        do {
            outcome = .success(try await assembly.run(logger: logger) { try await scenario.run() })
        } catch {
            outcome = .failure(error)
        }
        try? await client.shutdown()
        await opsgenie.shutdown()
        await slack.shutdown()
        await cluster.shutdown()
        if case .failure(let error) = outcome {
            throw DemoError("the demo stopped: \(error)")
        }
    }
}
