import ArgumentParser
import Foundation

/// Runs only the engine figure (rule evaluation cost), which needs no fake server.
struct EngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine", abstract: "Measure pod changes per second through the alert engine alone.")

    @Option(help: "Distinct pods (default 10,000).")
    var pods = 10_000

    @Option(help: "Pod changes fed in total (default 200,000).")
    var events = 200_000

    func validate() throws {
        if pods < 1 || pods > 200_000 { throw ValidationError("--pods must be between 1 and 200000") }
        if events < 1 || events > 10_000_000 { throw ValidationError("--events must be between 1 and 10000000") }
    }

    func run() throws {
        var report = Report()
        report.parameters = ["pods": Double(pods), "events": Double(events)]
        report.append(contentsOf: try EngineThroughputFigure(pods: pods, events: events).run())
        report.notes = ["engine only: observe every change, evaluate every 100 changes, 6 rules, one Monitor scope."]
        report.print()
    }
}
