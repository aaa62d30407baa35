import Foundation
extension AlertRule {
    /// The most routes a rule may have.
    public static let maxRoutes = 20
    /// The most escalation steps a rule may have.
    public static let maxEscalationSteps = 10
    /// The longest summary template, in characters.
    public static let maxSummaryLength = 1024
    /// The longest description template, in characters.
    public static let maxDescriptionLength = 10_000

    /// Every problem of the rule, each with its field path.
    ///
    /// Left to the reconciler and the engine: whether the Monitor, schedules, Secrets and probes exist, whether the
    /// Monitor watches the condition's kind, and template syntax (`summary`, `description`).
    public func validate() -> [ValidationError] {
        var validator = Validator()
        validator.checkMetadata(metadata)
        let path = FieldPath("spec")
        validator.checkReference(spec.monitorRef, at: path.child("monitorRef"))
        spec.condition.validate(at: path.child("condition"), into: &validator)
        validator.checkDuration(spec.for, at: path.child("for"), maximum: .hours(24))
        validator.checkDuration(spec.keepFiringFor, at: path.child("keepFiringFor"), maximum: .hours(24))
        if let groupBy = spec.groupBy {
            validator.checkMaxItems(groupBy, 10, at: path.child("groupBy"))
            for (index, label) in groupBy.enumerated() {
                validator.checkLabelKey(label, at: path.child("groupBy").index(index))
            }
            validator.checkUniqueNames(groupBy, at: path.child("groupBy"), field: "")
        }
        validator.checkMaxLength(spec.summary, Self.maxSummaryLength, at: path.child("summary"))
        validator.checkMaxLength(spec.description, Self.maxDescriptionLength, at: path.child("description"))
        validator.checkAlertLabels(spec.labels, at: path.child("labels"))
        validateRoutes(at: path.child("routes"), into: &validator)
        validateEscalation(at: path.child("escalation"), into: &validator)
        if let repeatInterval = spec.repeatInterval, !repeatInterval.isZero {
            validator.checkDuration(repeatInterval, at: path.child("repeatInterval"), minimum: .minutes(1))
        }
        for (index, window) in (spec.muteWindows ?? []).enumerated() {
            let item = path.child("muteWindows").index(index)
            validator.checkTimeZone(window.timeZone, at: item.child("timeZone"))
            validator.checkWindow(daysOfWeek: window.daysOfWeek, startTime: window.startTime, endTime: window.endTime, at: item)
        }
        for (index, inhibition) in (spec.inhibitedBy ?? []).enumerated() {
            let item = path.child("inhibitedBy").index(index)
            validator.checkReference(inhibition.alertRuleRef, at: item.child("alertRuleRef"))
            if let name = metadata.name, inhibition.alertRuleRef.name == name {
                validator.add(.invalid, at: item.child("alertRuleRef").child("name"), "must not refer to the rule itself")
            }
            validator.requireNonEmpty(inhibition.equal, at: item.child("equal"))
            for (labelIndex, label) in inhibition.equal.enumerated() {
                validator.checkLabelKey(label, at: item.child("equal").index(labelIndex))
            }
        }
        validator.checkDuration(spec.incidentRetention, at: path.child("incidentRetention"), minimum: .hours(1), maximum: .weeks(52))
        return validator.errors
    }

    private func validateRoutes(at path: FieldPath, into validator: inout Validator) {
        validator.requireNonEmpty(spec.routes, at: path)
        validator.checkMaxItems(spec.routes, Self.maxRoutes, at: path)
        var catchAll: Int?
        for (index, route) in spec.routes.enumerated() {
            let item = path.index(index)
            if let catchAll {
                validator.add(.invalid, at: item, "is unreachable: \(path)[\(catchAll)] has no match and takes every incident")
            }
            route.validate(at: item, into: &validator)
            if route.match == nil, catchAll == nil { catchAll = index }
        }
    }

    private func validateEscalation(at path: FieldPath, into validator: inout Validator) {
        guard let steps = spec.escalation else { return }
        validator.checkMaxItems(steps, Self.maxEscalationSteps, at: path)
        var previous: KubeDuration?
        for (index, step) in steps.enumerated() {
            let item = path.index(index)
            validator.checkDuration(step.after, at: item.child("after"), minimum: .minutes(1))
            if let previous, step.after <= previous {
                validator.add(.invalid, at: item.child("after"), "must be longer than the previous step's (\(previous))")
            }
            previous = step.after
            if step.onCallScheduleRef == nil, step.severity == nil {
                validator.add(.required, at: item, "must set at least one of onCallScheduleRef, severity")
            }
            validator.checkReference(step.onCallScheduleRef, at: item.child("onCallScheduleRef"))
            if let severity = step.severity, severity < spec.severity {
                validator.add(.invalid, at: item.child("severity"), "must not be lower than spec.severity (\(spec.severity.rawValue))")
            }
        }
    }
}

extension Route {
    /// Adds every problem of the route to `validator`.
    func validate(at path: FieldPath, into validator: inout Validator) {
        if slack == nil, opsgenie == nil {
            validator.add(.required, at: path, "must set at least one of slack, opsgenie")
        }
        if let match {
            let matchPath = path.child("match")
            if match.severities == nil, match.labels == nil {
                validator.add(.required, at: matchPath, "must set at least one of severities, labels (omit match to take every incident)")
            }
            if let severities = match.severities {
                validator.requireNonEmpty(severities, at: matchPath.child("severities"))
                validator.checkUniqueNames(severities.map(\.rawValue), at: matchPath.child("severities"), field: "")
            }
            validator.checkAlertLabels(match.labels, at: matchPath.child("labels"))
        }
        if let slack {
            let slackPath = path.child("slack")
            if validator.requireNonEmpty(slack.channel, at: slackPath.child("channel")), !Syntax.isSlackChannel(slack.channel) {
                validator.add(.invalid, at: slackPath.child("channel"), "must be a channel name such as #alerts or a channel ID such as C0123456789")
            }
            switch (slack.tokenSecretRef, slack.webhookSecretRef) {
            case (nil, nil):
                validator.add(.required, at: slackPath, "must set exactly one of tokenSecretRef, webhookSecretRef")
            case (.some, .some):
                validator.add(.forbidden, at: slackPath, "must set exactly one of tokenSecretRef, webhookSecretRef")
            default:
                break
            }
            validator.checkSecret(slack.tokenSecretRef, at: slackPath.child("tokenSecretRef"))
            validator.checkSecret(slack.webhookSecretRef, at: slackPath.child("webhookSecretRef"))
        }
        if let opsgenie {
            opsgenie.validate(at: path.child("opsgenie"), into: &validator)
        }
        validator.checkReference(onCallScheduleRef, at: path.child("onCallScheduleRef"))
    }
}

extension OpsgenieReceiver {
    /// Adds every problem of the receiver to `validator`.
    func validate(at path: FieldPath, into validator: inout Validator) {
        validator.checkSecret(apiKeySecretRef, at: path.child("apiKeySecretRef"))
        if region != nil, baseURL != nil {
            validator.add(.forbidden, at: path.child("baseURL"), "must not be set together with region")
        }
        if let baseURL {
            validator.checkHTTPURL(baseURL, at: path.child("baseURL"))
            if !baseURL.lowercased().hasPrefix("https://"), !OpsgenieReceiver.isLoopbackHTTP(baseURL) {
                validator.add(.invalid, at: path.child("baseURL"), "must use https (plain http only to a loopback address)")
            }
        }
        for (index, responder) in (responders ?? []).enumerated() {
            validator.requireNonEmpty(responder.name, at: path.child("responders").index(index).child("name"))
        }
        if let tags {
            validator.checkMaxItems(tags, 20, at: path.child("tags"))
            for (index, tag) in tags.enumerated() {
                validator.requireNonEmpty(tag, at: path.child("tags").index(index))
                validator.checkMaxLength(tag, 50, at: path.child("tags").index(index))
            }
        }
    }
}

extension Syntax {
    /// Whether `value` is a Slack channel name (`#` and 1–80 of `[a-z0-9-_]`) or a channel ID (`C`, `G` or `D` and
    /// at least 8 of `[A-Z0-9]`).
    public static func isSlackChannel(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "#") {
            let name = bytes.dropFirst()
            return (1...80).contains(name.count)
                && name.allSatisfy {
                    ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-")
                        || $0 == UInt8(ascii: "_")
                }
        }
        return [UInt8(ascii: "C"), UInt8(ascii: "G"), UInt8(ascii: "D")].contains(first) && bytes.count >= 9
            && bytes.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}

extension OpsgenieReceiver {
    /// The pattern a `baseURL` must match: https anywhere, or plain http to a loopback address (tests, `tocsin demo`).
    public static let baseURLPattern = #"^(https://|http://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?(/|$))"#

    /// Whether `url` is plain http to 127.0.0.1, localhost or [::1].
    static func isLoopbackHTTP(_ url: String) -> Bool {
        url.range(of: baseURLPattern, options: .regularExpression) != nil && !url.lowercased().hasPrefix("https://")
    }
}
