import ArgumentParser

/// Runs figure 6 alone: API-server list and watch requests for many AlertRules over a few Monitors.
struct RequestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "Count the operator's list and watch requests for many AlertRules over Monitors of the same namespaces.")

    @Option(help: "AlertRules (default 50).")
    var rules = 50

    @Option(help: "AlertRules of the comparison run (default 5).")
    var comparisonRules = 5

    @Option(help: "Monitors, all watching the same three namespaces (default 5).")
    var monitors = 5

    @Flag(help: "A small, fast run for CI smoke tests.")
    var quick = false

    @Option(help: "Seconds before the operator must be ready.")
    var timeoutSeconds = 120

    func validate() throws {
        if rules < 1 || rules > 1_000 { throw ValidationError("--rules must be between 1 and 1000") }
        if comparisonRules < 1 || comparisonRules > 1_000 {
            throw ValidationError("--comparison-rules must be between 1 and 1000")
        }
        if monitors < 1 || monitors > 100 { throw ValidationError("--monitors must be between 1 and 100") }
        if timeoutSeconds < 1 { throw ValidationError("--timeout-seconds must be positive") }
    }

    /// The figure this command measures, with the options' sizes.
    var figure: APIRequestsFigure {
        APIRequestsFigure(
            rules: rules, comparisonRules: comparisonRules, monitors: monitors, podsPerNamespace: quick ? 5 : 50,
            settle: .seconds(quick ? 1 : 2), timeout: .seconds(timeoutSeconds))
    }

    func run() async throws {
        BenchCommand.bootstrapLogging()
        let figure = self.figure
        var report = Report()
        report.parameters = [
            "rules": Double(rules), "comparisonRules": Double(comparisonRules), "monitors": Double(monitors),
            "quick": quick ? 1 : 0,
        ]
        let (figures, result) = try await figure.run()
        report.append(contentsOf: figures)
        report.notes = figure.notes(result)
        report.print()
    }
}

extension APIRequestsFigure {
    /// How figure 6 was measured and the counts per path, for the report.
    func notes(_ result: Result) -> [String] {
        var notes = [
            "API requests: the whole operator; \(monitors) Monitors in \(BenchObjects.operatorNamespace) watching pods"
                + " and events in \(Self.watchedNamespaces.joined(separator: ", ")); AlertRules spread over them; GET"
                + " requests on collection paths counted on the fake once every rule is configured and"
                + " \(Figure.format(settle.seconds)) s more have passed (watch=true: watch, else list)."
        ]
        notes.append("\(rules) rules: " + result.counts.lines.joined(separator: "; "))
        if result.counts != result.comparison {
            notes.append("\(comparisonRules) rules (differs): " + result.comparison.lines.joined(separator: "; "))
        } else {
            notes.append("\(comparisonRules) rules: the same lists and watches, path by path")
        }
        notes.append(
            "other requests with \(rules) rules (object reads, status writes, Events): \(result.otherRequests)")
        return notes
    }
}
