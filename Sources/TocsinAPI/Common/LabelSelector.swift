/// A Kubernetes label selector (`metav1.LabelSelector`): every `matchLabels` pair and every expression must hold.
///
/// An empty selector (`{}`) matches everything.
public struct LabelSelector: Codable, Sendable, Hashable {
    /// Labels that must be present with exactly these values.
    public var matchLabels: [String: String]?
    /// Set-based requirements.
    public var matchExpressions: [LabelSelectorRequirement]?

    /// Creates a selector.
    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether `labels` satisfy the selector.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value {
            return false
        }
        return (matchExpressions ?? []).allSatisfy { $0.matches(labels) }
    }
}

/// One set-based requirement of a ``LabelSelector``.
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    /// How a requirement compares a label with its values.
    public enum Operator: String, APIEnum {
        /// The label's value is one of `values`.
        case `in` = "In"
        /// The label is absent or its value is none of `values`.
        case notIn = "NotIn"
        /// The label is present.
        case exists = "Exists"
        /// The label is absent.
        case doesNotExist = "DoesNotExist"
    }

    /// The label key.
    public var key: String
    /// The comparison.
    public var `operator`: Operator
    /// The values for `In` and `NotIn`; empty for `Exists` and `DoesNotExist`.
    public var values: [String]?

    /// Creates a requirement.
    public init(key: String, operator: Operator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// Whether `labels` satisfy the requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        let value = labels[key]
        switch self.operator {
        case .in: return value.map { (values ?? []).contains($0) } ?? false
        case .notIn: return value.map { !(values ?? []).contains($0) } ?? true
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        }
    }
}
