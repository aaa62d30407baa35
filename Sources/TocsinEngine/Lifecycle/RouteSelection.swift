import TocsinAPI

extension AlertRuleSpec {
    /// The first route whose match accepts `severity` and `labels` (a route without `match` accepts everything).
    public func route(for severity: Severity, labels: [String: String]) -> Route? {
        routes.first { $0.match?.matches(severity: severity, labels: labels) ?? true }
    }

    /// The schedule paged at escalation `level` (1 = first step): the step's schedule, else the route's.
    public func schedule(atLevel level: Int, route: Route?) -> String? {
        let steps = escalation ?? []
        if level >= 1, level <= steps.count, let step = steps[level - 1].onCallScheduleRef { return step.name }
        return route?.onCallScheduleRef?.name
    }

    /// The severity after escalation `level`: the highest of `current` and the steps' severities up to `level`.
    public func severity(atLevel level: Int, current: Severity) -> Severity {
        (escalation ?? []).prefix(max(0, level)).compactMap(\.severity).reduce(current) { max($0, $1) }
    }
}

extension Route {
    /// The deliveries this route asks for, named `slack:<channel>` and `opsgenie`, without pending work.
    public func receivers(fingerprint: String) -> [ReceiverDelivery] {
        var receivers: [ReceiverDelivery] = []
        if let slack {
            receivers.append(ReceiverDelivery(
                receiver: "slack:\(slack.channel)", type: .slack, slack: SlackMessageReference(channel: slack.channel)))
        }
        if opsgenie != nil {
            receivers.append(ReceiverDelivery(
                receiver: "opsgenie", type: .opsgenie, opsgenie: OpsgenieAlertReference(alias: fingerprint)))
        }
        return receivers
    }
}
