import ArgumentParser
import Foundation
import Logging

/// Runs every figure (1–3, the engine figure, then 4–6 through the whole operator) and prints the table and the
/// JSON line.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the benchmark (the default).")

    @Option(help: "Pods held by the fake server (default 10,000; 500 with --quick).")
    var pods: Int?

    @Option(
        help: "Status updates per pod in the watch figure (default 3; 4 with --quick), at most 8,000 in all (the fake's watch buffer).")
    var rounds: Int?

    @Option(help: "Client-side rate limit in requests per second for the sync figure (0: none, as the default).")
    var qps: Double = 0

    @Flag(help: "A small, fast run for CI smoke tests.")
    var quick = false

    @Option(help: "Seconds before a figure gives up.")
    var timeoutSeconds = 300

    func validate() throws {
        if let pods, pods < 1 || pods > 200_000 { throw ValidationError("--pods must be between 1 and 200000") }
        if let rounds, rounds < 1 || rounds > 1_000 { throw ValidationError("--rounds must be between 1 and 1000") }
        if timeoutSeconds < 1 { throw ValidationError("--timeout-seconds must be positive") }
    }

    func run() async throws {
        Self.bootstrapLogging()
        let pods = self.pods ?? (quick ? 500 : 10_000)
        let rounds = self.rounds ?? (quick ? 4 : 3)
        var report = Report()
        report.parameters = ["pods": Double(pods), "rounds": Double(rounds), "qps": qps, "quick": quick ? 1 : 0]
        log("watch throughput: \(min(pods * rounds, 8_000)) status updates of \(pods) pods, drained by a child process")
        report.append(
            contentsOf: try await WatchThroughputFigure(
                pods: pods, updates: min(pods * rounds, 8_000), timeout: .seconds(timeoutSeconds)
            ).run())
        log("decode only")
        report.append(
            contentsOf: try DecodeThroughputFigure(distinctPods: min(pods, 1_000), events: quick ? 5_000 : 50_000).run())
        log("engine only: \(pods) pods, 6 rules")
        report.append(contentsOf: try EngineThroughputFigure(pods: pods, events: quick ? 20_000 : 200_000).run())
        let nodes = quick ? 50 : max(1, pods / 10)
        let events = quick ? 1_000 : pods * 2
        log("cache memory and sync: \(pods) pods, \(nodes) nodes, \(events) events, one child process per case")
        let cache = try await CacheFigures(
            pods: pods, nodes: nodes, events: events, qps: qps, timeoutSeconds: timeoutSeconds
        ).run()
        report.append(contentsOf: cache.figures)
        report.notes = [
            WatchThroughputFigure.note,
            "memory: RSS from /proc/self/statm after malloc_trim(0) of a child process that only runs the client"
                + " and its informers (the fake API server runs in the parent); the whole-process figure is that"
                + " RSS, the per-pod figures subtract the RSS taken after one small request, before the caches fill.",
            "sync: from creating the client to the consumer's store synced (list pages of 500, qps \(Figure.format(qps))).",
            "targets from DESIGN.md (events/s per core, 1 KiB per cached pod, 2 s to sync 10,000 pods) are stated"
                + " for 10,000 pods; \(quick ? "this --quick run is a smoke run" : "this run used \(pods) pods").",
        ]
        try await OperatorCommand.measure(quick: quick, timeoutSeconds: timeoutSeconds, into: &report)
        for result in cache.results {
            report.notes.append(
                "\(result.cache.rawValue): \(result.cachedPods) pods, \(result.cachedNodes) nodes, "
                    + "\(result.cachedEvents) events cached, baseline "
                    + "\(result.baselineBytes / 1_048_576) MiB, after \(result.afterBytes / 1_048_576) MiB "
                    + "(\(result.afterUntrimmedBytes / 1_048_576) MiB before malloc_trim)")
        }
        report.print()
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data("tocsin-bench: \(message)\n".utf8))
    }

    /// Sends log output to standard error, keeping standard output for the table and the JSON line.
    static func bootstrapLogging() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .error
            return handler
        }
    }
}
