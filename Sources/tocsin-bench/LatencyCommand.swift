import ArgumentParser

/// Runs figure 4 alone: event-to-Slack latency through the whole operator.
struct LatencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Measure the latency from a pod turning Failed to the message arriving at the fake Slack.")

    @Option(help: "Incidents, one pod and workload each (default 1,000; 50 with --quick).")
    var incidents: Int?

    @Option(help: "Pods turned Failed per second.")
    var perSecond: Double = 50

    @Flag(help: "A small, fast run for CI smoke tests.")
    var quick = false

    @Option(help: "Seconds before the figure gives up.")
    var timeoutSeconds = 300

    func validate() throws {
        if let incidents, incidents < 1 || incidents > 5_000 {
            throw ValidationError("--incidents must be between 1 and 5000")
        }
        if !(1...10_000).contains(perSecond) { throw ValidationError("--per-second must be between 1 and 10000") }
        if timeoutSeconds < 1 { throw ValidationError("--timeout-seconds must be positive") }
    }

    /// The figure this command measures, with the options' sizes.
    var figure: SlackLatencyFigure {
        SlackLatencyFigure(
            incidents: incidents ?? (quick ? 50 : 1_000), perSecond: perSecond, timeout: .seconds(timeoutSeconds))
    }

    func run() async throws {
        BenchCommand.bootstrapLogging()
        let figure = self.figure
        var report = Report()
        report.parameters = ["incidents": Double(figure.incidents), "perSecond": perSecond, "quick": quick ? 1 : 0]
        report.append(contentsOf: try await figure.run())
        report.notes = SlackLatencyFigure.notes(perSecond: perSecond)
        report.print()
    }
}

extension SlackLatencyFigure {
    /// How figure 4 was measured, for the report.
    static func notes(perSecond: Double) -> [String] {
        [
            "event to Slack: the whole operator (OperatorAssembly, no leader election) against the in-process fakes;"
                + " one podFailed rule (for: 0s), each pod its own Deployment; pods turned Failed at"
                + " \(Figure.format(perSecond))/s through the fake's store API; from the instant before the write to the"
                + " fake Slack's arrival time of the chat.postMessage (both wall clock, same process).",
            "Slack's per-channel limit (1 msg/s) is raised to 10,000/s (burst 1,000) for this figure"
                + " (DeliveryConfiguration.slackMessagesPerSecond), else it alone would set the latency.",
        ]
    }
}
