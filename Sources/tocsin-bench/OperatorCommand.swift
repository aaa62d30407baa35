import ArgumentParser
import Foundation

/// Runs figures 4–6 (the whole operator against the fakes) and prints their table and JSON line.
struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "Run figures 4–6: event-to-Slack latency, idle CPU and API requests of the whole operator.")

    @Flag(help: "A small, fast run for CI smoke tests.")
    var quick = false

    @Option(help: "Seconds before a figure gives up.")
    var timeoutSeconds = 300

    func validate() throws {
        if timeoutSeconds < 1 { throw ValidationError("--timeout-seconds must be positive") }
    }

    func run() async throws {
        BenchCommand.bootstrapLogging()
        var report = Report()
        report.parameters = ["quick": quick ? 1 : 0]
        try await Self.measure(quick: quick, timeoutSeconds: timeoutSeconds, into: &report)
        report.print()
    }

    /// Measures figures 4, 5 and 6 at their default (or `--quick`) sizes, adding figures and notes to `report`.
    static func measure(quick: Bool, timeoutSeconds: Int, into report: inout Report) async throws {
        // Each figure's sizes come from its own command's defaults.
        let arguments = (quick ? ["--quick"] : []) + ["--timeout-seconds", String(timeoutSeconds)]
        let latency = try LatencyCommand.parse(arguments)
        let latencyFigure = latency.figure
        log("event to Slack: \(latencyFigure.incidents) incidents at \(Figure.format(latencyFigure.perSecond))/s")
        report.append(contentsOf: try await latencyFigure.run())
        report.notes += SlackLatencyFigure.notes(perSecond: latencyFigure.perSecond)

        let idle = try IdleCommand.parse(arguments)
        let idleFigure = idle.figure
        log("idle CPU: \(idleFigure.pods) pods, \(idleFigure.seconds) s")
        report.append(contentsOf: try await idleFigure.run())
        report.notes += IdleCPUFigure.notes

        let requests = try RequestsCommand.parse(arguments)
        let requestsFigure = requests.figure
        log("API requests: \(requestsFigure.rules) and \(requestsFigure.comparisonRules) rules over \(requestsFigure.monitors) Monitors")
        let (figures, result) = try await requestsFigure.run()
        report.append(contentsOf: figures)
        report.notes += requestsFigure.notes(result)
    }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data("tocsin-bench: \(message)\n".utf8))
    }
}
