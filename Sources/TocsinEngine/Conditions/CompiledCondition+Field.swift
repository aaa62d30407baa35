import Foundation
import TocsinAPI

extension CompiledCondition {
    /// **field** (kind, path, operator, value or values): `<path> <operator> <value>` holds on the object's fields as
    /// Tocsin keeps them (see ``FieldMatcher`` for the comparison rules; the supported paths are listed in the
    /// error when a path is not kept). Labels `kind`, `namespace` (not for nodes) and `name`, over the labels of
    /// the object's kind (a pod's `workload`, `node`, its own labels; a node's labels; an event's `reason` and
    /// `object`); value = the first matching value when it is a number, else 0; detail = `<path> = <value>`.
    func fieldFinding(
        _ matcher: FieldMatcher, tree: FieldValue, object: AffectedObject, labels: [String: String]
    ) -> Finding? {
        guard let matched = matcher.firstMatch(in: tree) else { return nil }
        var labels = labels
        labels["kind"] = matcher.kind.rawValue
        labels["name"] = object.name
        if let namespace = object.namespace { labels["namespace"] = namespace }
        var object = object
        object.detail = Finding.bounded("\(matcher.path) = \(matched.text ?? "")")
        return Finding(object: object, labels: labels, value: FieldMatcher.number(of: matched) ?? 0)
    }
}
