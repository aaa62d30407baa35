/// Which Monitors may watch namespaces other than their own (operator configuration).
///
/// Watching another namespace is a privilege (DESIGN.md): a Monitor whose own namespace is one of
/// ``privilegedNamespaces`` may select any namespaces (by name or by label selector); any other Monitor may
/// watch only its own namespace — unset `spec.namespaces`, or `names` listing only its own namespace.
/// A label selector is a privilege even when it currently matches only the Monitor's own namespace, because the
/// namespaces it matches change without the Monitor changing.
public struct NamespacePolicy: Sendable, Hashable {
    /// The namespaces whose Monitors may watch other namespaces.
    public var privilegedNamespaces: Set<String>

    /// Creates a policy that lets Monitors in `privilegedNamespaces` watch other namespaces.
    public init(privilegedNamespaces: some Sequence<String>) {
        self.privilegedNamespaces = Set(privilegedNamespaces)
    }

    /// The default policy: only Monitors in the operator's own namespace may watch other namespaces.
    public static func operatorNamespaceOnly(_ operatorNamespace: String) -> NamespacePolicy {
        NamespacePolicy(privilegedNamespaces: [operatorNamespace])
    }

    /// Whether Monitors in `namespace` may watch namespaces other than their own.
    public func isPrivileged(_ namespace: String) -> Bool {
        privilegedNamespaces.contains(namespace)
    }

    /// Why a Monitor in `namespace` may not use `selection`, or `nil` when it may.
    ///
    /// The message names the namespaces the Monitor asked for and how to allow it.
    public func violation(of selection: MonitorNamespaceSelection, in namespace: String) -> String? {
        guard !isPrivileged(namespace) else { return nil }
        let asked: String
        switch selection {
        case .own:
            return nil
        case .names(let names):
            let others = names.filter { $0 != namespace }
            guard !others.isEmpty else { return nil }
            asked = "namespaces \(Self.quoted(others))"
        case .selector:
            asked = "namespaces by label selector"
        }
        let allowed = privilegedNamespaces.isEmpty
            ? "no namespace is configured to allow it"
            : "only Monitors in \(Self.quoted(privilegedNamespaces.sorted())) may"
        return "Monitors in namespace \"\(namespace)\" may watch only their own namespace, but this one selects "
            + "\(asked) (\(allowed)); remove spec.namespaces, move the Monitor to a privileged namespace, "
            + "or add \"\(namespace)\" to the operator's privileged namespaces"
    }

    static func quoted(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
