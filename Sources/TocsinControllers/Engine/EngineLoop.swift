import Foundation
import KubeRuntime
import Logging
import TocsinAPI
import TocsinEngine

/// The state of the engine loop: the engine, what each rule was configured from, and writes to retry.
struct EngineLoop {
    struct RuleSignature: Hashable {
        var uid: String?
        var generation: Int64?
        var resourceVersion: String?
        var scope: RuleScope
    }

    struct RuleKey: Hashable {
        var namespace: String
        var name: String
    }

    let service: AlertEngineService
    var engine = AlertEngine()
    var signatures: [RuleKey: RuleSignature] = [:]
    /// The schedule and override versions each namespace's directory was built from.
    var directoryVersions: [String: [String]] = [:]
    /// The signatures of rules that did not compile, so they are not compiled again until they change.
    var invalidSignatures: [RuleKey: RuleSignature] = [:]
    var retries: [IncidentDecision] = []
    var isWaitingForSync = false
    let retryBackoff = ExponentialBackoff(base: .milliseconds(200), cap: .seconds(30))
    var failedSteps = 0
    /// The counts last written to each rule's status.
    var writtenCounts: [RuleKey: RuleCounts] = [:]
    /// Rules taken out of the engine (refused, Monitor gone or not Ready) while they may have open Incidents: those
    /// are left as they are, and adopted again from the cache when the rule comes back.
    var removedRules: Set<RuleKey> = []

    struct RuleCounts: Hashable {
        var firing: Int
        var pending: Int
    }
    var retryAt: Date?

    init(service: AlertEngineService) {
        self.service = service
    }

    /// Rebuilds the memory of open incidents from the cached Incidents.
    mutating func restore() {
        let incidents = service.caches.incidents.objects()
        engine.restore(incidents)
        service.logger.info(
            "Restored open Incidents",
            metadata: ["incidents.open": "\(incidents.filter { $0.status?.isOpen ?? false }.count)"])
    }

    /// One pass: configuration, observations, evaluation, writes.
    mutating func step() async {
        let batch = service.inbox.drain()
        let now = service.now()
        if batch.isConfigurationChanged || isWaitingForSync { reconfigure(now: now) }
        for change in batch.changes { engine.observe(change, now: now) }
        if !batch.probes.isEmpty {
            let urls = probeURLs()
            for probe in batch.probes {
                engine.observe(
                    .probe(WatchedProbe(
                        namespace: probe.namespace, monitor: probe.monitor, probe: probe.probe,
                        url: urls[ProbeTarget.ID(namespace: probe.namespace, monitor: probe.monitor, probe: probe.probe)]
                            ?? "", result: probe.result)),
                    now: now)
            }
        }
        for incident in batch.incidents { engine.observeIncident(incident) }
        var decisions = engine.evaluate(now: now)
        if !retries.isEmpty, (retryAt ?? .distantPast) <= now {
            decisions = retries + decisions
            retries = []
        }
        var failed = false
        var written = 0
        for decision in decisions {
            do {
                try await service.writer.write(decision, now: now)
                written += 1
            } catch {
                failed = true
                retries.append(decision)
                service.logger.warning(
                    "Failed to write Incident, will retry",
                    metadata: ["incident.namespace": "\(decision.namespace)", "incident.name": "\(decision.name)",
                        "error": "\(error)"])
            }
        }
        if retries.count > AlertEngineService.maxRetries {
            let dropped = retries.count - AlertEngineService.maxRetries
            retries.removeFirst(dropped)
            service.logger.error("Dropped Incident writes after too many failures", metadata: ["dropped": "\(dropped)"])
        }
        if failed {
            failedSteps += 1
            let delay = retryBackoff.delay(afterFailures: failedSteps)
            retryAt = now.addingTimeInterval(
                Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
        } else if retries.isEmpty {
            failedSteps = 0
        }
        await writeRuleCounts(opened: decisions, now: now)
        var deadline = engine.nextDeadline()
        if !retries.isEmpty, let retryAt { deadline = min(deadline ?? retryAt, retryAt) }
        if isWaitingForSync { deadline = min(deadline ?? now, now) }
        service.deadline.withLock { $0 = deadline }
        let changes = batch.changes.count + batch.probes.count
        let rules = signatures.count
        service.statistics.withLock {
            $0.steps += 1
            $0.observedChanges += changes
            $0.writtenDecisions += written
            $0.failedWrites += failed ? 1 : 0
            $0.rules = rules
        }
    }

    /// Writes the pending and firing counts of rules whose counts changed (and `lastFiredTime` of rules that opened
    /// an incident). A failed write is tried again at the next step.
    mutating func writeRuleCounts(opened decisions: [IncidentDecision], now: Date) async {
        var fired: Set<RuleKey> = []
        for decision in decisions {
            if case .open(let incident) = decision.change {
                fired.insert(RuleKey(namespace: decision.namespace, name: incident.spec.alertRuleRef.name))
            }
        }
        for key in signatures.keys {
            let counts = engine.groupCounts(namespace: key.namespace, rule: key.name)
            let current = RuleCounts(firing: counts.firing, pending: counts.pending)
            if writtenCounts[key] == nil, !fired.contains(key),
                let stored = service.caches.alertRules.object(named: key.name, in: key.namespace)?.status,
                stored.firing == current.firing, stored.pending == current.pending
            {
                // Already stored (e.g. before a restart): a write would only race the AlertRule reconciler.
                writtenCounts[key] = current
            }
            guard writtenCounts[key] != current || fired.contains(key) else { continue }
            do {
                try await service.writer.writeCounts(
                    namespace: key.namespace, rule: key.name, firing: current.firing, pending: current.pending,
                    lastFired: fired.contains(key) ? now : nil)
                writtenCounts[key] = current
            } catch {
                service.logger.debug(
                    "Failed to patch AlertRule status counts",
                    metadata: ["alertrule.namespace": "\(key.namespace)", "alertrule.name": "\(key.name)", "error": "\(error)"])
            }
        }
        for key in writtenCounts.keys where signatures[key] == nil { writtenCounts[key] = nil }
    }

    /// Brings the engine's rules and schedules in line with the caches.
    mutating func reconfigure(now: Date) {
        isWaitingForSync = false
        engine.setNamespaceLabels(service.namespaceLabels())
        var desired: Set<RuleKey> = []
        var present: Set<RuleKey> = []
        for rule in service.caches.alertRules.objects() where rule.metadata.deletionTimestamp == nil {
            guard let namespace = rule.metadata.namespace, let name = rule.metadata.name else { continue }
            let key = RuleKey(namespace: namespace, name: name)
            present.insert(key)
            let monitorKey = ObjectKey(namespace: namespace, name: rule.spec.monitorRef.name)
            guard let hold = service.watches.hold(for: monitorKey) else { continue }
            guard service.watches.hasSynced(for: monitorKey) else {
                isWaitingForSync = true
                if signatures[key] != nil { desired.insert(key) }
                continue
            }
            let monitor = service.caches.monitors.object(named: rule.spec.monitorRef.name, in: namespace)
            let scope = RuleScope(
                monitorNamespace: namespace, monitor: rule.spec.monitorRef.name,
                namespaces: Self.namespaces(of: hold), kinds: hold.kinds, podSelector: hold.podSelector,
                labels: monitor?.spec.labels ?? [:], ownership: monitor?.withDefaults().spec.ownership,
                probeIntervals: probeIntervals(of: monitor))
            let signature = RuleSignature(
                uid: rule.metadata.uid, generation: rule.metadata.generation,
                resourceVersion: rule.metadata.generation == nil ? rule.metadata.resourceVersion : nil, scope: scope)
            // Unchanged rules are not compiled again (configuration changes come with every Monitor status write);
            // a rule that does not compile is tried again only when it changes (its reconciler reports why).
            if signatures[key] == signature {
                desired.insert(key)
                continue
            }
            guard invalidSignatures[key] != signature else { continue }
            // A rule its reconciler refuses (Ready=False InvalidSpec, InvalidTemplate, InvalidCondition) is not
            // evaluated: the same checks, so the engine never runs ahead of (or behind) the reconciler's verdict.
            guard rule.withDefaults().validate().isEmpty, let compiled = try? CompiledRule(rule) else {
                invalidSignatures[key] = signature
                service.logger.debug(
                    "Not evaluating invalid AlertRule",
                    metadata: ["alertrule.namespace": "\(namespace)", "alertrule.name": "\(name)"])
                continue
            }
            invalidSignatures[key] = nil
            desired.insert(key)
            engine.setRule(compiled, scope: scope)
            signatures[key] = signature
            reseed(monitor: monitorKey, scope: scope, now: now)
            if removedRules.remove(key) != nil { engine.restore(cachedIncidents(of: key)) }
            service.logger.debug(
                "Configured AlertRule in the engine",
                metadata: ["alertrule.namespace": "\(namespace)", "alertrule.name": "\(name)"])
        }
        for key in signatures.keys where !desired.contains(key) {
            engine.removeRule(namespace: key.namespace, name: key.name)
            signatures[key] = nil
            removedRules.insert(key)
        }
        removedRules = removedRules.filter { present.contains($0) }
        invalidSignatures = invalidSignatures.filter { present.contains($0.key) }
        var schedules: [String: [OnCallSchedule]] = [:]
        for schedule in service.caches.schedules.objects() {
            schedules[schedule.metadata.namespace ?? "", default: []].append(schedule)
        }
        let overrides = service.caches.overrides?.objects() ?? []
        var versions: [String: [String]] = [:]
        for object in schedules.values.joined() {
            versions[object.metadata.namespace ?? "", default: []].append(
                "s/\(object.metadata.name ?? "")@\(object.metadata.resourceVersion ?? "")")
        }
        for object in overrides {
            versions[object.metadata.namespace ?? "", default: []].append(
                "o/\(object.metadata.name ?? "")@\(object.metadata.resourceVersion ?? "")")
        }
        // A namespace's directory is rebuilt only when its schedules or overrides changed; one whose last schedule
        // went gets an empty directory (so an on-call gap incident there resolves).
        for namespace in Set(directoryVersions.keys).union(schedules.keys) {
            let current = (versions[namespace] ?? []).sorted()
            guard directoryVersions[namespace] != current else { continue }
            engine.setDirectory(
                OnCallDirectory(schedules: schedules[namespace] ?? [], overrides: overrides), namespace: namespace)
            directoryVersions[namespace] = schedules[namespace] == nil ? nil : current
        }
    }

    /// Feeds a newly configured rule the objects already cached in its scope.
    mutating func reseed(monitor: ObjectKey, scope: RuleScope, now: Date) {
        for pod in service.watches.pods(for: monitor) { engine.observe(.pod(pod), now: now) }
        if scope.coversNodes { for node in service.watches.nodes() { engine.observe(.node(node), now: now) } }
        for event in service.watches.events(for: monitor) { engine.observe(.event(event), now: now) }
        guard let probes = service.probes else { return }
        let urls = probeURLs()
        for (id, result) in probes.runner.results()
        where id.namespace == scope.monitorNamespace && id.monitor == scope.monitor {
            engine.observe(
                .probe(WatchedProbe(
                    namespace: id.namespace, monitor: id.monitor, probe: id.probe, url: urls[id] ?? "",
                    result: result)),
                now: now)
        }
    }

    /// The Incidents of rule `key` in the cache.
    func cachedIncidents(of key: RuleKey) -> [Incident] {
        service.caches.incidents.objects().filter {
            $0.metadata.namespace == key.namespace && $0.spec.alertRuleRef.name == key.name
        }
    }

    /// The intervals of `monitor`'s probes, by name, when probes run here (else none: nothing to wait for).
    func probeIntervals(of monitor: Monitor?) -> [String: Duration] {
        guard service.probes != nil, let probes = monitor?.withDefaults().spec.probes else { return [:] }
        var intervals: [String: Duration] = [:]
        for probe in probes { intervals[probe.name] = probe.interval?.duration ?? .seconds(30) }
        return intervals
    }

    private func probeURLs() -> [ProbeTarget.ID: String] {
        guard let probes = service.probes else { return [:] }
        return Dictionary(probes.runner.targets.map { ($0.id, $0.redactedURL) }, uniquingKeysWith: { first, _ in first })
    }

    static func namespaces(of hold: WatchRegistry.Hold) -> RuleScope.Namespaces {
        if case .names(let names) = hold.namespaces { return .names(Set(names)) }
        return .all
    }
}
