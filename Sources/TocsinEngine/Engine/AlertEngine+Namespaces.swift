import Foundation

extension AlertEngine {
    /// Replaces the labels of the watched namespaces (a Monitor's `ownership.namespaceLabel` reads them). Objects
    /// observed afterwards get the new team; feed the rule's objects again to relabel what is cached.
    public mutating func setNamespaceLabels(_ labels: [String: [String: String]]) {
        namespaceLabels = labels
    }
}

extension AlertEngine {
    /// Queues `names` (schedules of `namespace`) for evaluation at the next ``evaluate(now:)``, when an onCallGap
    /// rule of `namespace` can read them.
    mutating func markSchedulesChanged(_ names: [String], namespace: String) {
        guard rules.contains(where: { $0.key.namespace == namespace && $0.value.rule.condition.evaluatesSchedules })
        else { return }
        for name in names { changedSchedules.insert(ObservedObjectID(kind: .schedule, namespace: namespace, name: name)) }
    }

    /// Evaluates the queued schedules for every rule (a schedule gone from its directory drops its finding).
    mutating func observeChangedSchedules(now: Date) {
        let changed = changedSchedules.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        changedSchedules = []
        for id in changed { observe(.schedule(namespace: id.namespace, name: id.name), now: now) }
    }
}
