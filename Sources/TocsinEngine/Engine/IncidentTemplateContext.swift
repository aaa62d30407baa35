import Foundation
import TocsinAPI

/// The values a summary or description template sees.
///
/// `.labels` (map), `.value` (number), `.severity`, `.rule`, `.namespace` (the rule's), `.monitor`, `.subject`,
/// `.count` (affected objects), `.objects` (list of maps with `kind`, `namespace`, `name`, `detail`), `.since`
/// (date the group began to hold). `$labels` and `$value` are the Prometheus-style aliases.
public enum IncidentTemplateContext {
    /// The context for one group.
    public static func make(
        rule: CompiledRule, monitor: String, subject: String, labels: [String: String], value: Double, count: Int,
        objects: [AffectedObject], since: Date
    ) -> TemplateContext {
        TemplateContext([
            "labels": .map(labels.mapValues { .string($0) }),
            "value": .number(value),
            "severity": .string(rule.spec.severity.rawValue),
            "rule": .string(rule.name),
            "namespace": .string(rule.namespace),
            "monitor": .string(monitor),
            "subject": .string(subject),
            "count": .number(Double(count)),
            "objects": .list(objects.map { object in
                .map([
                    "kind": .string(object.kind), "namespace": .string(object.namespace ?? ""),
                    "name": .string(object.name), "detail": .string(object.detail ?? ""),
                ])
            }),
            "since": .date(since),
        ])
    }

    /// A context with every field set to a plausible value, to check a template's field names when the rule is
    /// reconciled.
    public static func sample(for rule: CompiledRule) -> TemplateContext {
        let labels = Dictionary(uniqueKeysWithValues: rule.groupBy.map { ($0, "example") })
        return make(
            rule: rule, monitor: rule.spec.monitorRef.name, subject: "example", labels: labels, value: 1, count: 1,
            objects: [AffectedObject(kind: "Pod", namespace: rule.namespace, name: "example", detail: "example")],
            since: Date(timeIntervalSince1970: 0))
    }
}
