/// A strict reader of the Prometheus text exposition format 0.0.4, enough to check what `/metrics` serves.
struct PrometheusText {
    /// One sample line: `name{label="value",…} value`.
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct ParseError: Error, CustomStringConvertible {
        var line: String
        var reason: String
        var description: String { "cannot parse \(line.debugDescription): \(reason)" }
    }

    /// Metric family name → type from the `# TYPE` lines.
    private(set) var types: [String: String] = [:]
    private(set) var samples: [Sample] = []

    /// Parses `text`; every sample must be well formed and belong to a family declared by a preceding `# TYPE`.
    init(parsing text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("#") {
                try readComment(line)
            } else {
                let sample = try Self.readSample(line)
                guard types[Self.familyName(of: sample.name, types: types)] != nil else {
                    throw ParseError(line: line, reason: "no # TYPE line for this metric")
                }
                samples.append(sample)
            }
        }
    }

    /// The value of the sample `name` whose labels are exactly `labels`.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private mutating func readComment(_ line: String) throws {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 2, parts[1] == "TYPE" || parts[1] == "HELP" else { return }
        guard parts.count >= 3, Self.isMetricName(parts[2]) else {
            throw ParseError(line: line, reason: "bad metric name in comment")
        }
        if parts[1] == "TYPE" {
            let validTypes: Set = ["counter", "gauge", "histogram", "summary", "untyped"]
            guard parts.count == 4, validTypes.contains(parts[3]) else {
                throw ParseError(line: line, reason: "bad TYPE line")
            }
            types[parts[2]] = parts[3]
        }
    }

    /// `name` without the `_bucket`/`_sum`/`_count` suffix when it belongs to a histogram or summary family.
    private static func familyName(of name: String, types: [String: String]) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let family = String(name.dropLast(suffix.count))
            if let type = types[family], type == "histogram" || type == "summary" { return family }
        }
        return name
    }

    private static func readSample(_ line: String) throws -> Sample {
        var rest = Substring(line)
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        guard isMetricName(name) else { throw ParseError(line: line, reason: "bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let labelName = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                guard !labelName.isEmpty, labelName.first?.isNumber == false else {
                    throw ParseError(line: line, reason: "bad label name")
                }
                rest = rest.dropFirst(labelName.count)
                guard rest.hasPrefix("=\"") else { throw ParseError(line: line, reason: "expected =\" after label") }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.first else { throw ParseError(line: line, reason: "bad escape") }
                        rest = rest.dropFirst()
                        switch escaped {
                        case "n": value.append("\n")
                        case "\\", "\"": value.append(escaped)
                        default: throw ParseError(line: line, reason: "bad escape \\\(escaped)")
                        }
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw ParseError(line: line, reason: "unterminated label value") }
                rest = rest.dropFirst()
                labels[labelName] = value
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { throw ParseError(line: line, reason: "unterminated labels") }
            }
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: " ")
        guard rest.first == " ", fields.count == 1 || fields.count == 2, let value = parseValue(fields[0]) else {
            throw ParseError(line: line, reason: "expected ' <float>' after the name and labels")
        }
        return Sample(name: name, labels: labels, value: value)
    }

    private static func parseValue(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return Double(text)
        }
    }

    private static func isMetricName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" || first == ":" else {
            return false
        }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }
}
