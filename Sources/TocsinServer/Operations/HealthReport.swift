/// The outcome of one run of a set of health checks, rendered like kube-apiserver's `/readyz?verbose`.
public struct HealthReport: Sendable, Equatable {
    /// The outcome of one named check.
    public struct Result: Sendable, Equatable {
        /// The check's name.
        public var name: String
        /// Whether the check passed.
        public var isPassing: Bool

        /// Creates the outcome of the check named `name`.
        public init(name: String, isPassing: Bool) {
            self.name = name
            self.isPassing = isPassing
        }
    }

    /// One result per registered check, in registration order.
    public var results: [Result]

    /// Creates a report from check results.
    public init(results: [Result]) {
        self.results = results
    }

    /// `true` when every check passed (also when there are no checks).
    public var isPassing: Bool {
        results.allSatisfy(\.isPassing)
    }

    /// The names of the checks that failed, in registration order.
    public var failingCheckNames: [String] {
        results.filter { !$0.isPassing }.map(\.name)
    }

    /// The plain-text body of a probe response for the endpoint `endpoint` ("healthz", "readyz").
    ///
    /// A passing, non-verbose report is `ok` (no newline, as kube-apiserver answers). Otherwise every check
    /// is listed as `[+]name ok` or `[-]name failed`, followed by `<endpoint> check passed` or
    /// `<endpoint> check failed` — the layout of kube-apiserver's verbose health endpoints, which operators
    /// already know how to read.
    public func text(endpoint: String, isVerbose: Bool) -> String {
        if isPassing && !isVerbose {
            return "ok"
        }
        var lines = results.map { result in
            result.isPassing ? "[+]\(result.name) ok" : "[-]\(result.name) failed"
        }
        lines.append(isPassing ? "\(endpoint) check passed" : "\(endpoint) check failed")
        return lines.joined(separator: "\n") + "\n"
    }
}
