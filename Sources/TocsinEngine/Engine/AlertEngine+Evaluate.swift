import Foundation
import TocsinAPI

extension AlertEngine {
    /// Moves every group that changed, or whose deadline has come, to `now`, and returns the Incident changes to
    /// write, in order. Findings whose window ended are evaluated again first. Rules that inhibit others are
    /// evaluated before the rules they inhibit, so an inhibiting incident opened now already silences.
    public mutating func evaluate(now: Date) -> [IncidentDecision] {
        var decisions: [IncidentDecision] = []
        observeChangedSchedules(now: now)
        for key in evaluationOrder() {
            let directory = directories[key.namespace]
            rules[key]?.refreshExpired(
                now: now, podHistories: podHistories, eventHistories: eventHistories, directory: directory)
            let inhibitors = inhibitingIncidents(of: key)
            rules[key]?.evaluate(now: now, directory: directory, inhibitors: inhibitors, into: &decisions)
        }
        return decisions
    }

    /// The next instant at which ``evaluate(now:)`` has something to do without any new observation: a window
    /// ending, a pending duration completing, an escalation or repeat falling due, a mute window ending on a
    /// silenced incident; `nil` when nothing is waiting.
    public mutating func nextDeadline() -> Date? {
        if !changedSchedules.isEmpty { return .distantPast }
        var soonest: Date?
        func consider(_ date: Date?) {
            guard let date else { return }
            soonest = min(soonest ?? date, date)
        }
        for key in Array(rules.keys) {
            guard let state = rules[key] else { continue }
            if !state.dirty.isEmpty { return .distantPast }
            rules[key]?.dropStaleExpiries()
            consider(rules[key]?.expiries.earliest)
            for group in state.groups.values {
                consider(group.lifecycle.nextDeadline(policy: state.rule.policy))
                if group.isAwaitingInputs, let since = group.awaitingSince { consider(state.inputsDeadline(since: since)) }
            }
            for hold in state.holds.values { consider(hold.silence?.until) }
        }
        return soonest
    }

    /// How many groups are pending and firing across all rules (for status and metrics).
    public func groupCounts(namespace: String, rule: String) -> (pending: Int, firing: Int) {
        guard let state = rules[RuleKey(namespace: namespace, name: rule)] else { return (0, 0) }
        var pending = 0
        var firing = 0
        for group in state.groups.values {
            switch group.lifecycle.state {
            case .pending: pending += 1
            case .firing: firing += 1
            case .inactive, .resolvedWhileActive: break
            }
        }
        return (pending, firing)
    }
}

extension AlertEngine.RuleState {
    /// Evaluates again the objects whose finding's window has ended.
    mutating func refreshExpired(
        now: Date, podHistories: [ObservedObjectID: PodHistory], eventHistories: [ObservedObjectID: EventHistory],
        directory: OnCallDirectory? = nil
    ) {
        for (id, instant) in expiries.popDue(now: now) {
            guard let entry = findings[id], entry.finding.expiresAt == instant else { continue }
            observe(
                entry.change, id: id, podHistory: podHistories[id], eventHistory: eventHistories[id],
                directory: directory, now: now)
        }
        if expiries.needsCompaction(findings: findings.count) {
            expiries.compact(keeping: findings.compactMap { id, entry in entry.finding.expiresAt.map { (id, $0) } })
        }
    }

    /// Drops expiry entries that no longer match their finding, so the earliest one is live.
    mutating func dropStaleExpiries() {
        let findings = self.findings
        expiries.dropStale { id, instant in findings[id]?.finding.expiresAt == instant }
    }

    /// Moves the dirty and due groups (and the silenced ones whose silence may have ended) to `now`, appending the
    /// Incident changes.
    /// `inhibitors` are the open incidents of the rules that inhibit this one.
    mutating func evaluate(
        now: Date, directory: OnCallDirectory?, inhibitors: [InhibitingIncident],
        into decisions: inout [IncidentDecision]
    ) {
        var due = dirty
        for (fingerprint, group) in groups
        where (group.lifecycle.nextDeadline(policy: rule.policy) ?? .distantFuture) <= now {
            due.insert(fingerprint)
        }
        for (fingerprint, group) in groups where group.isAwaitingInputs {
            if let since = group.awaitingSince, inputsDeadline(since: since) <= now { due.insert(fingerprint) }
        }
        if !holds.isEmpty {
            let open = Set(inhibitors.map(\.name))
            for (fingerprint, hold) in holds where hold.needsCheck(now: now, openInhibitors: open) {
                due.insert(fingerprint)
            }
        }
        dirty = []
        for fingerprint in due {
            guard var group = groups[fingerprint] else {
                holds[fingerprint] = nil
                continue
            }
            let members = group.members.compactMap { findings[$0]?.finding }
            let (isSeenActive, value) = rule.condition.activation.evaluate(members)
            let isAwaiting = isAwaitingInputs(&group, isSeenActive: isSeenActive, now: now)
            let isActive = isSeenActive || isAwaiting
            let matching = members.filter(\.isMatch)
            let since = matching.compactMap(\.activeSince).min()
            let content = isSeenActive ? self.content(of: group, matching: matching, value: value, since: since ?? now) : nil
            let silence = self.silence(
                labels: (content ?? group.content)?.labels ?? [:], now: now, inhibitors: inhibitors,
                excluding: group.lifecycle.firingIncident?.name)
            var step = GroupStep(
                fingerprint: fingerprint, isActive: isActive, since: since, content: content, silence: silence,
                directory: directory, now: now)
            if let silence { hold(&group, step: step, silence: silence) }
            let rule = self.rule
            let actions = group.lifecycle.evaluate(
                isActive: isActive, activeSince: since, now: now, policy: rule.policy,
                name: { Fingerprint.incidentName(ruleName: rule.name, fingerprint: fingerprint, startTime: $0) })
            apply(actions, to: &group, step: &step, into: &decisions)
            if silence == nil { release(&group, step: &step, into: &decisions) }
            if !step.refreshed, let content, let incident = group.lifecycle.firingIncident,
                group.content.map({ content.isAnnounceableChange(from: $0) }) ?? true
            {
                decisions.append(IncidentDecision(namespace: rule.namespace, name: incident.name, change: .refresh(content)))
                group.content = content
            }
            if holds[fingerprint].map({ $0.name != group.lifecycle.firingIncident?.name }) ?? false {
                holds[fingerprint] = nil
            }
            groups[fingerprint] = group.isIdle ? nil : group
        }
    }

    /// Whether the restored `group` still waits for the inputs of the condition at `now` (then it is judged as
    /// holding, although its condition is not seen to hold); ends the wait once the condition is seen to hold, the
    /// inputs are known, or the group is neither firing nor resolved-while-active any more.
    func isAwaitingInputs(_ group: inout AlertGroup, isSeenActive: Bool, now: Date) -> Bool {
        guard group.isAwaitingInputs else { return false }
        let isRestoredState =
            switch group.lifecycle.state {
            case .firing, .resolvedWhileActive: true
            case .inactive, .pending: false
            }
        let since = group.awaitingSince ?? now
        if !isSeenActive, isRestoredState, now < inputsDeadline(since: since) {
            group.awaitingSince = since
            return true
        }
        group.isAwaitingInputs = false
        group.awaitingSince = nil
        return false
    }

    /// Until when a group restored at `since` waits for the condition's inputs: the condition's history window,
    /// and, while a probe it reads is inconclusive, that probe's interval times (checks to judge + 2) (its first
    /// check is spread over one interval, and one more covers a slow answer).
    func inputsDeadline(since: Date) -> Date {
        func seconds(_ duration: Duration) -> TimeInterval {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        var wait = rule.condition.historyWindow.map(seconds) ?? 0
        if !inconclusiveProbes.isEmpty {
            let checks = Double(rule.condition.checksToJudge + 2)
            for (name, interval) in scope.probeIntervals where inconclusiveProbes.contains(name) {
                wait = max(wait, seconds(interval) * checks)
            }
        }
        return since.addingTimeInterval(wait)
    }

    /// The content of a group that holds: labels, subject, rendered texts, bounded objects.
    func content(of group: AlertGroup, matching: [Finding], value: Double, since: Date) -> IncidentContent {
        var labels = scope.labels
        for (key, label) in rule.spec.labels ?? [:] { labels[key] = label }
        for (key, label) in Self.commonLabels(of: matching) { labels[key] = label }
        for (key, label) in group.groupLabels where !label.isEmpty { labels[key] = label }
        let objects = matching.map(\.object).sorted {
            ($0.namespace ?? "", $0.kind, $0.name) < ($1.namespace ?? "", $1.kind, $1.name)
        }
        let subject = Self.subject(groupLabels: group.groupLabels, objects: objects, groupBy: rule.groupBy)
        let shown = Array(objects.prefix(Incident.maxAffectedObjects))
        let context = IncidentTemplateContext.make(
            rule: rule, monitor: scope.monitor, subject: subject, labels: labels, value: value, count: objects.count,
            objects: shown, since: since)
        return IncidentContent(
            subject: subject, summary: rule.renderSummary(context), description: rule.renderDescription(context),
            labels: labels, value: Self.text(of: value), affectedObjects: shown, affectedObjectCount: objects.count)
    }

    /// The labels every matching finding shares with the same value (at most the first 100 findings compared).
    static func commonLabels(of findings: [Finding]) -> [String: String] {
        guard var common = findings.first?.labels else { return [:] }
        for finding in findings.dropFirst().prefix(99) {
            common = common.filter { finding.labels[$0.key] == $0.value }
            if common.isEmpty { break }
        }
        return common
    }

    /// The group's main object in words: its workload, node or probe label, else its only object, else the
    /// `groupBy` values.
    static func subject(groupLabels: [String: String], objects: [AffectedObject], groupBy: [String]) -> String {
        for key in ["workload", "node", "probe", "object"] {
            if let value = groupLabels[key], !value.isEmpty { return value }
        }
        if objects.count == 1, let object = objects.first {
            return object.namespace.map { "\($0)/\(object.kind)/\(object.name)" } ?? "\(object.kind)/\(object.name)"
        }
        let values = groupBy.compactMap { groupLabels[$0] }.filter { !$0.isEmpty }
        return values.isEmpty ? "\(objects.count) objects" : values.joined(separator: " ")
    }

    /// `7`, `12.5`, `0.25`.
    static func text(of value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.2f", value)
    }
}
