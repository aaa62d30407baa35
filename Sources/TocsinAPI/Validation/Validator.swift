import Foundation

/// Collects validation errors; one method per kind of check, each adding at most one error.
package struct Validator: Sendable {
    /// The errors found so far, in the order found.
    package private(set) var errors: [ValidationError] = []

    /// Creates an empty validator.
    package init() {}

    /// Adds an error.
    package mutating func add(_ code: ValidationError.Code, at path: FieldPath, _ message: String) {
        errors.append(ValidationError(field: path.description, code: code, message: message))
    }

    /// Requires a non-empty string.
    @discardableResult
    package mutating func requireNonEmpty(_ value: String, at path: FieldPath) -> Bool {
        guard value.isEmpty else { return true }
        add(.required, at: path, "is required")
        return false
    }

    /// Requires a non-empty list.
    package mutating func requireNonEmpty<Element>(_ value: [Element]?, at path: FieldPath) {
        if value?.isEmpty ?? true { add(.required, at: path, "must have at least one item") }
    }

    /// Requires a DNS-1123 label (a probe, rotation or participant name).
    package mutating func checkDNSLabel(_ value: String, at path: FieldPath) {
        guard requireNonEmpty(value, at: path) else { return }
        if !Syntax.isDNSLabel(value) {
            add(.invalid, at: path, "must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit")
        }
    }

    /// Requires a Kubernetes object name (a DNS-1123 subdomain).
    package mutating func checkObjectName(_ value: String, at path: FieldPath) {
        guard requireNonEmpty(value, at: path) else { return }
        if !Syntax.isDNSSubdomain(value) {
            add(.invalid, at: path, "must be a DNS subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit")
        }
    }

    /// Requires a Kubernetes label key (`team`, `app.kubernetes.io/name`).
    package mutating func checkLabelKey(_ value: String, at path: FieldPath) {
        guard requireNonEmpty(value, at: path) else { return }
        if !Syntax.isLabelKey(value) {
            add(.invalid, at: path, "must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit")
        }
    }

    /// Requires every key and value of a label map to be valid.
    package mutating func checkLabels(_ labels: [String: String]?, at path: FieldPath) {
        for (key, value) in (labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            checkLabelKey(key, at: path.key(key))
            if !Syntax.isLabelValue(value) {
                add(.invalid, at: path.key(key), "must be a label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit")
            }
        }
    }

    /// Requires `value`, when set, to be at least `minimum` (and at most `maximum`).
    package mutating func checkDuration(
        _ value: KubeDuration?, at path: FieldPath, minimum: KubeDuration = .zero, maximum: KubeDuration? = nil
    ) {
        guard let value else { return }
        if value < minimum {
            add(.invalid, at: path, minimum == .milliseconds(1) ? "must be positive" : "must be at least \(minimum)")
        } else if let maximum, value > maximum {
            add(.invalid, at: path, "must be at most \(maximum)")
        }
    }

    /// Requires an integer in `range`.
    package mutating func checkRange(_ value: Int?, _ range: ClosedRange<Int>, at path: FieldPath) {
        guard let value, !range.contains(value) else { return }
        add(.invalid, at: path, "must be between \(range.lowerBound) and \(range.upperBound)")
    }

    /// Requires a wall-clock time `HH:MM` (00:00–23:59, or 24:00 when `allowsEndOfDay`).
    package mutating func checkTimeOfDay(_ value: String, at path: FieldPath, allowsEndOfDay: Bool = false) {
        guard requireNonEmpty(value, at: path) else { return }
        if Syntax.minutesOfDay(value, allowsEndOfDay: allowsEndOfDay) == nil {
            add(.invalid, at: path, allowsEndOfDay ? "must be a time HH:MM between 00:00 and 24:00" : "must be a time HH:MM between 00:00 and 23:59")
        }
    }

    /// Requires an IANA time zone name known to this system.
    package mutating func checkTimeZone(_ value: String, at path: FieldPath) {
        guard requireNonEmpty(value, at: path) else { return }
        if !Syntax.isTimeZone(value) {
            add(.invalid, at: path, "unknown time zone \"\(value)\": use an IANA name such as Europe/Amsterdam or UTC")
        }
    }

    /// Requires a regular expression that compiles (ICU syntax, as `NSRegularExpression`).
    package mutating func checkPattern(_ value: String?, at path: FieldPath) {
        guard let value else { return }
        guard requireNonEmpty(value, at: path) else { return }
        if (try? NSRegularExpression(pattern: value)) == nil {
            add(.invalid, at: path, "must be a valid regular expression")
        }
    }

    /// Requires an absolute `http` or `https` URL with a host.
    package mutating func checkHTTPURL(_ value: String, at path: FieldPath) {
        guard requireNonEmpty(value, at: path) else { return }
        guard let components = URLComponents(string: value),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            add(.invalid, at: path, "must be an absolute http or https URL, e.g. https://api.example.com/healthz")
            return
        }
    }

    /// Requires the `name`s of a list to be unique, reporting each repeat at its own path.
    package mutating func checkUniqueNames(_ names: [String], at path: FieldPath, field: String = "name") {
        var seen: Set<String> = []
        for (index, name) in names.enumerated() where !name.isEmpty {
            if !seen.insert(name).inserted {
                let item = field.isEmpty ? path.index(index) : path.index(index).child(field)
                add(.duplicate, at: item, "duplicate value \"\(name)\"")
            }
        }
    }

    /// Requires at most `limit` items.
    package mutating func checkMaxItems<Element>(_ value: [Element]?, _ limit: Int, at path: FieldPath) {
        guard let value, value.count > limit else { return }
        add(.tooLong, at: path, "must have at most \(limit) items")
    }

    /// Requires at most `limit` characters.
    package mutating func checkMaxLength(_ value: String?, _ limit: Int, at path: FieldPath) {
        guard let value, value.count > limit else { return }
        add(.tooLong, at: path, "must have at most \(limit) characters")
    }
}
