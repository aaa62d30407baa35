import ArgumentParser

/// Runs figure 5 alone: CPU of the idle operator with a full cache.
struct IdleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle", abstract: "Measure the CPU the operator uses while idle with many pods cached.")

    @Option(help: "Pods cached (default 10,000; 1,000 with --quick).")
    var pods: Int?

    @Option(help: "Seconds measured (default 30; 3 with --quick).")
    var seconds: Int?

    @Flag(help: "A small, fast run for CI smoke tests.")
    var quick = false

    @Option(help: "Seconds before the operator must be ready.")
    var timeoutSeconds = 300

    func validate() throws {
        if let pods, pods < 1 || pods > 200_000 { throw ValidationError("--pods must be between 1 and 200000") }
        if let seconds, seconds < 1 || seconds > 3_600 { throw ValidationError("--seconds must be between 1 and 3600") }
        if timeoutSeconds < 1 { throw ValidationError("--timeout-seconds must be positive") }
    }

    /// The figure this command measures, with the options' sizes.
    var figure: IdleCPUFigure {
        IdleCPUFigure(
            pods: pods ?? (quick ? 1_000 : 10_000), seconds: seconds ?? (quick ? 3 : 30),
            settle: .seconds(quick ? 1 : 3), timeout: .seconds(timeoutSeconds))
    }

    func run() async throws {
        BenchCommand.bootstrapLogging()
        let figure = self.figure
        var report = Report()
        report.parameters = ["pods": Double(figure.pods), "seconds": Double(figure.seconds), "quick": quick ? 1 : 0]
        report.append(contentsOf: try await figure.run())
        report.notes = IdleCPUFigure.notes
        report.print()
    }
}

extension IdleCPUFigure {
    /// How figure 5 was measured, for the report.
    static let notes = [
        "idle CPU: the whole operator (informers and watches, engine loop and 1 s tick, delivery tick 250 ms, HTTP"
            + " endpoints) with the pods cached and no changes; getrusage (user + system, whole process, the idle"
            + " in-process fakes included) over the window, divided by the wall time."
    ]
}
