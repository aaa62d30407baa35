import ArgumentParser

/// Runs figure 1 alone: watch events through decode → store → engine, in a child process.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Measure how many watch events per second the operator's path handles.")

    @Option(help: "Pods held by the fake server (default 10,000; 500 with --quick).")
    var pods: Int?

    @Option(help: "Status updates drained (default 8,000; 2,000 with --quick; at most 8,000, the fake's watch buffer).")
    var updates: Int?

    @Flag(help: "A small, fast run for CI smoke tests.")
    var quick = false

    @Option(help: "Seconds before giving up.")
    var timeoutSeconds = 120

    func validate() throws {
        if let pods, pods < 1 || pods > 200_000 { throw ValidationError("--pods must be between 1 and 200000") }
        if let updates, updates < 1 || updates > 8_000 { throw ValidationError("--updates must be between 1 and 8000") }
    }

    func run() async throws {
        BenchCommand.bootstrapLogging()
        let figure = WatchThroughputFigure(
            pods: pods ?? (quick ? 500 : 10_000), updates: updates ?? (quick ? 2_000 : 8_000),
            timeout: .seconds(timeoutSeconds))
        var report = Report()
        report.parameters = ["pods": Double(figure.pods), "updates": Double(figure.updates), "quick": quick ? 1 : 0]
        report.append(contentsOf: try await figure.run())
        report.notes = [WatchThroughputFigure.note]
        report.print()
    }
}
