/// Which namespaces an informer covers, and how it watches them.
///
/// - ``all``: one cluster-wide list and watch.
/// - ``names(_:)``: up to ``perNamespaceWatchLimit`` namespaces get one list and watch each (the server
///   filters, nothing else is transferred); a longer list uses one cluster-wide watch filtered client-side
///   (fewer connections; objects of other namespaces are decoded and dropped).
/// - ``labelSelector(_:)``: the informer watches Namespaces with that selector and runs one list and watch
///   per matching namespace. A namespace that starts matching is listed (its objects arrive as `added`);
///   one that stops matching (or is deleted) has its watch stopped and its objects removed from every
///   consumer's store (as `deleted`). This suits the usual handful of selected namespaces; selecting
///   hundreds of namespaces means as many watches.
///
/// Cluster-scoped resources ignore the selection: they are always watched cluster-wide.
public enum NamespaceSelection: Sendable, Hashable, CustomStringConvertible {
    /// Every namespace.
    case all
    /// These namespaces.
    case names([String])
    /// The namespaces whose labels match this selector, e.g. `team=payments`.
    case labelSelector(String)

    /// The most namespaces of ``names(_:)`` that get a watch each; more use one filtered cluster-wide watch.
    public static let perNamespaceWatchLimit = 8

    /// The selection with its names sorted and unique, so equal selections share an informer.
    public var normalized: NamespaceSelection {
        guard case .names(let names) = self else { return self }
        return .names(Array(Set(names)).sorted())
    }

    /// `all`, `names(a,b)` or `labelSelector(team=payments)`.
    public var description: String {
        switch self {
        case .all: "all"
        case .names(let names): "names(\(names.joined(separator: ",")))"
        case .labelSelector(let selector): "labelSelector(\(selector))"
        }
    }
}
