import KubeCore
import TocsinAPI

/// The namespaces a Monitor's selection resolved to, and the listed names that do not exist (yet).
struct ResolvedNamespaces: Sendable, Hashable {
    /// Sorted, without duplicates.
    var names: [String]
    /// Names listed in `spec.namespaces.names` that no Namespace has; a subset of ``names``.
    var missing: [String]

    /// `status.namespaces` (the first ``MonitorReconciler/listedNamespaces``) and `status.namespaceCount`.
    func statusFields() throws -> [String: JSONValue] {
        [
            "namespaces": try JSONValue(encoding: Array(names.prefix(MonitorReconciler.listedNamespaces))),
            "namespaceCount": .integer(Int64(names.count)),
        ]
    }

    /// The status fields a Monitor that watches nothing clears.
    static let clearedStatusFields: [String: JSONValue] = [
        "namespaces": .null, "namespaceCount": .null, "watchedObjects": .null,
    ]

    /// The `Ready=True` message: "2 namespaces, kinds Pod, Node, Event", and the missing names.
    func message(kinds: [WatchedKind]) -> String {
        let count = names.count == 1 ? "1 namespace" : "\(names.count) namespaces"
        var message = "\(count), kinds \(kinds.map(\.rawValue).joined(separator: ", "))"
        if !missing.isEmpty {
            let quoted = missing.map { "\"\($0)\"" }
            message += "; not found yet (watched once created): " + ReconcilerSupport.summary(of: quoted)
        }
        return message
    }
}
