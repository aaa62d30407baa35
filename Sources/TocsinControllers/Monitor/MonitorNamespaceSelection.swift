import TocsinAPI

/// The namespace selection of a Monitor's spec, as one of three cases (`spec.namespaces` after validation).
public enum MonitorNamespaceSelection: Sendable, Hashable {
    /// `spec.namespaces` unset: the Monitor's own namespace.
    case own
    /// `spec.namespaces.names`: these namespaces, whether or not they exist yet.
    case names([String])
    /// `spec.namespaces.selector`: the namespaces whose labels match (`{}` matches every namespace).
    case selector(LabelSelector)

    /// The selection of `spec` (a spec with both or neither of names and selector fails validation first;
    /// here names win, then the selector).
    public init(_ spec: MonitorSpec) {
        if let names = spec.namespaces?.names {
            self = .names(names)
        } else if let selector = spec.namespaces?.selector {
            self = .selector(selector)
        } else {
            self = .own
        }
    }

    /// Whether a change to the namespace named `name` (added, deleted, labels changed) may change what this
    /// selection resolves to: always for a selector, for names when `name` is listed.
    public func dependsOn(namespace name: String) -> Bool {
        switch self {
        case .own: return false
        case .names(let names): return names.contains(name)
        case .selector: return true
        }
    }
}
