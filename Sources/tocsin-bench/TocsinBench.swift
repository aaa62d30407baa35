import ArgumentParser

/// `tocsin-bench`: the benchmark of the real code paths against the fake API server on loopback.
@main
struct TocsinBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tocsin-bench",
        abstract: "Measure Tocsin's watch throughput, cache memory and sync time against the fake API server.",
        subcommands: [
            BenchCommand.self, WatchCommand.self, EngineCommand.self, LatencyCommand.self, IdleCommand.self, RequestsCommand.self,
            OperatorCommand.self, CacheCaseCommand.self, WatchCaseCommand.self,
        ],
        defaultSubcommand: BenchCommand.self
    )
}
