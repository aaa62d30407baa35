import KubeCore
import KubeRuntime
import TocsinAPI

/// The objects an AlertRule names in its own namespace: its Monitor, the OnCallSchedules of its routes and
/// escalation steps, and the Secret keys of its receivers — each listed once, in spec order.
struct AlertRuleReferences: Sendable, Hashable {
    /// The name of the store index of AlertRules by their Monitor (`namespace/name`).
    static let monitorIndex = "monitor"
    /// The name of the store index of AlertRules by their OnCallSchedules (`namespace/name`).
    static let onCallScheduleIndex = "oncallschedule"
    /// The name of the store index of AlertRules by their Secrets (`namespace/name`).
    static let secretIndex = "secret"

    /// `spec.monitorRef.name`.
    var monitor: String
    /// The OnCallSchedules named by routes, then by escalation steps.
    var onCallSchedules: [String]
    /// The Secret keys named by Slack and Opsgenie receivers.
    var secretKeys: [SecretKeySelector]

    /// The references of `spec`.
    init(spec: AlertRuleSpec) {
        monitor = spec.monitorRef.name
        var schedules: [String] = []
        var secrets: [SecretKeySelector] = []
        func addSchedule(_ reference: LocalObjectReference?) {
            if let name = reference?.name, !schedules.contains(name) { schedules.append(name) }
        }
        func addSecret(_ selector: SecretKeySelector?) {
            if let selector, !secrets.contains(selector) { secrets.append(selector) }
        }
        for route in spec.routes {
            addSchedule(route.onCallScheduleRef)
            addSecret(route.slack?.tokenSecretRef)
            addSecret(route.slack?.webhookSecretRef)
            addSecret(route.opsgenie?.apiKeySecretRef)
        }
        for step in spec.escalation ?? [] { addSchedule(step.onCallScheduleRef) }
        onCallSchedules = schedules
        secretKeys = secrets
    }

    /// The names of the Secrets, each once.
    var secretNames: [String] {
        var names: [String] = []
        for selector in secretKeys where !names.contains(selector.name) { names.append(selector.name) }
        return names
    }

    /// The store indexes that map a referenced object's key (`namespace/name`) to the AlertRules naming it.
    static var indexes: [StoreIndex<AlertRule>] {
        [
            StoreIndex(name: monitorIndex) { rule in keys([rule.spec.monitorRef.name], in: rule) },
            StoreIndex(name: onCallScheduleIndex) { rule in
                keys(AlertRuleReferences(spec: rule.spec).onCallSchedules, in: rule)
            },
            StoreIndex(name: secretIndex) { rule in keys(AlertRuleReferences(spec: rule.spec).secretNames, in: rule) },
        ]
    }

    /// `namespace/name` of each name in the rule's namespace.
    private static func keys(_ names: [String], in rule: AlertRule) -> [String] {
        names.map { ObjectKey(namespace: rule.metadata.namespace, name: $0).description }
    }
}

/// A reference an AlertRule makes that the API server cannot satisfy.
enum MissingReference: Sendable, Hashable, CustomStringConvertible {
    /// The Monitor does not exist.
    case monitor(String)
    /// The OnCallSchedule does not exist.
    case onCallSchedule(String)
    /// The Secret does not exist.
    case secret(String)
    /// The Secret exists without this key in `data`.
    case secretKey(SecretKeySelector)

    /// The reason of `Ready=False` when this is the first missing reference.
    var reason: String {
        switch self {
        case .monitor: "MonitorNotFound"
        case .onCallSchedule: "ScheduleNotFound"
        case .secret: "SecretNotFound"
        case .secretKey: "SecretKeyNotFound"
        }
    }

    /// What is missing, e.g. `Monitor "web"` or `key "token" in Secret "slack"` (names only, never values).
    var description: String {
        switch self {
        case .monitor(let name): "Monitor \"\(name)\""
        case .onCallSchedule(let name): "OnCallSchedule \"\(name)\""
        case .secret(let name): "Secret \"\(name)\""
        case .secretKey(let selector): "key \"\(selector.key)\" in Secret \"\(selector.name)\""
        }
    }

    /// The `Ready` message naming every missing reference and what to do.
    static func message(for missing: [MissingReference], namespace: String?) -> String {
        let listed = missing.map(\.description).joined(separator: ", ")
        return "Not found in namespace \(namespace ?? "default"): \(listed); create them or fix the references"
    }
}
