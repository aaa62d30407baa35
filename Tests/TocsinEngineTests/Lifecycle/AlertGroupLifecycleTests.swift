import Foundation
import Testing
import TocsinEngine

/// The lifecycle driven by hand: minutes after a fixed start, active or not.
private struct Drive {
    var lifecycle = AlertGroupLifecycle()
    let policy: LifecyclePolicy
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    init(_ policy: LifecyclePolicy) { self.policy = policy }

    func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    mutating func step(_ minutes: Double, active: Bool, since: Double? = nil) -> [AlertGroupLifecycle.Action] {
        lifecycle.evaluate(
            isActive: active, activeSince: since.map(at), now: at(minutes), policy: policy,
            name: { "inc-\(Int($0.timeIntervalSince(t0) / 60))" })
    }
}

@Suite("Incident lifecycle of one group")
struct AlertGroupLifecycleTests {
    @Test func pendingThenFiringThenResolved() {
        var drive = Drive(LifecyclePolicy(pendingFor: 15 * 60))
        #expect(drive.step(0, active: true).isEmpty)
        #expect(drive.lifecycle.state == .pending(since: drive.at(0)))
        #expect(drive.lifecycle.nextDeadline(policy: drive.policy) == drive.at(15))
        #expect(drive.step(14, active: true).isEmpty)
        #expect(drive.step(15, active: true) == [.open(name: "inc-15", startTime: drive.at(15))])
        #expect(drive.lifecycle.firingIncident?.name == "inc-15")
        #expect(drive.step(20, active: true).isEmpty)
        #expect(drive.step(21, active: false) == [.resolve(name: "inc-15")])
        #expect(drive.lifecycle.state == .inactive)
    }

    @Test func aGapShorterThanThePendingDurationStartsItAgain() {
        var drive = Drive(LifecyclePolicy(pendingFor: 10 * 60))
        _ = drive.step(0, active: true)
        #expect(drive.step(5, active: false).isEmpty)
        #expect(drive.lifecycle.state == .inactive)
        #expect(drive.step(6, active: true).isEmpty)
        #expect(drive.step(15, active: true).isEmpty)
        #expect(drive.step(16, active: true) == [.open(name: "inc-16", startTime: drive.at(16))])
    }

    @Test func activeSinceFromTheObjectsCountsTowardsThePendingDuration() {
        var drive = Drive(LifecyclePolicy(pendingFor: 15 * 60))
        // The pod has not been ready for 40 minutes when the engine first sees it (e.g. after a restart).
        #expect(drive.step(40, active: true, since: 0) == [.open(name: "inc-15", startTime: drive.at(15))])
        // A reported instant in the future is clamped to now.
        var later = Drive(LifecyclePolicy(pendingFor: 0))
        #expect(later.step(1, active: true, since: 5) == [.open(name: "inc-1", startTime: later.at(1))])
    }

    @Test func keepFiringForDampsFlapping() {
        var drive = Drive(LifecyclePolicy(keepFiringFor: 5 * 60))
        #expect(drive.step(0, active: true) == [.open(name: "inc-0", startTime: drive.at(0))])
        #expect(drive.step(1, active: false).isEmpty)
        #expect(drive.lifecycle.nextDeadline(policy: drive.policy) == drive.at(6))
        #expect(drive.step(4, active: true).isEmpty)  // back within 5m: same incident
        #expect(drive.step(5, active: false).isEmpty)
        #expect(drive.step(9, active: false).isEmpty)
        #expect(drive.step(10, active: false) == [.resolve(name: "inc-0")])
        // Firing again after the resolve opens a new incident with its own name.
        #expect(drive.step(11, active: true) == [.open(name: "inc-11", startTime: drive.at(11))])
    }

    @Test func repeatsWhileUnacknowledgedAndStopsOnAcknowledge() {
        var drive = Drive(LifecyclePolicy(repeatInterval: 60 * 60))
        _ = drive.step(0, active: true)
        #expect(drive.step(59, active: true).isEmpty)
        #expect(drive.step(60, active: true) == [.renotify(name: "inc-0")])
        #expect(drive.lifecycle.nextDeadline(policy: drive.policy) == drive.at(120))
        drive.lifecycle.observe(IncidentObservation(name: "inc-0", isAcknowledged: true))
        #expect(drive.step(200, active: true).isEmpty)
        #expect(drive.lifecycle.nextDeadline(policy: drive.policy) == nil)
        // An acknowledged incident still resolves when the condition clears.
        #expect(drive.step(201, active: false) == [.resolve(name: "inc-0")])
    }

    @Test func escalatesStepByStepFromTheStartUntilAcknowledged() {
        var drive = Drive(LifecyclePolicy(escalationAfter: [10 * 60, 30 * 60, 60 * 60], repeatInterval: 4 * 3600))
        _ = drive.step(0, active: true)
        #expect(drive.lifecycle.nextDeadline(policy: drive.policy) == drive.at(10))
        #expect(drive.step(10, active: true) == [.escalate(name: "inc-0", level: 1)])
        #expect(drive.step(29, active: true).isEmpty)
        #expect(drive.step(30, active: true) == [.escalate(name: "inc-0", level: 2)])
        drive.lifecycle.observe(IncidentObservation(name: "inc-0", isAcknowledged: true, escalationLevel: 2))
        #expect(drive.step(90, active: true).isEmpty)
    }

    @Test func overdueStepsEscalateOnceToTheHighestDueLevel() {
        var drive = Drive(LifecyclePolicy(escalationAfter: [10 * 60, 30 * 60, 60 * 60]))
        drive.lifecycle = AlertGroupLifecycle(restoring: FiringIncident(
            name: "inc-0", startTime: drive.at(0), lastNotifiedAt: drive.at(0)))
        #expect(drive.step(45, active: true) == [.escalate(name: "inc-0", level: 2)])
        #expect(drive.step(46, active: true).isEmpty)
    }

    @Test func aManualEscalationMovesTheLevel() {
        var drive = Drive(LifecyclePolicy(escalationAfter: [10 * 60, 30 * 60]))
        _ = drive.step(0, active: true)
        drive.lifecycle.observe(IncidentObservation(name: "inc-0", escalationLevel: 1, lastNotifiedTime: drive.at(2)))
        #expect(drive.step(10, active: true).isEmpty)
        #expect(drive.lifecycle.nextDeadline(policy: drive.policy) == drive.at(30))
        #expect(drive.step(30, active: true) == [.escalate(name: "inc-0", level: 2)])
    }

    @Test func aManualResolveWhileActiveWaitsForTheConditionToClear() {
        var drive = Drive(LifecyclePolicy())
        _ = drive.step(0, active: true)
        drive.lifecycle.observe(IncidentObservation(name: "inc-0", isResolved: true))
        #expect(drive.lifecycle.state == .resolvedWhileActive(name: "inc-0"))
        #expect(drive.step(5, active: true).isEmpty)
        #expect(drive.step(6, active: false) == [.cleared(name: "inc-0")])
        #expect(drive.lifecycle.state == .inactive)
        #expect(drive.step(7, active: true) == [.open(name: "inc-7", startTime: drive.at(7))])
    }

    @Test func observationsOfAnotherIncidentAreIgnored() {
        var drive = Drive(LifecyclePolicy(repeatInterval: 60))
        _ = drive.step(0, active: true)
        drive.lifecycle.observe(IncidentObservation(name: "old-incident", isAcknowledged: true, isResolved: true))
        #expect(drive.lifecycle.firingIncident?.isAcknowledged == false)
        #expect(drive.step(1, active: true) == [.renotify(name: "inc-0")])
    }

    @Test func anEscalationCountsAsTheRepeat() {
        var drive = Drive(LifecyclePolicy(escalationAfter: [60 * 60], repeatInterval: 60 * 60))
        _ = drive.step(0, active: true)
        #expect(drive.step(60, active: true) == [.escalate(name: "inc-0", level: 1)])
        #expect(drive.step(119, active: true).isEmpty)
        #expect(drive.step(120, active: true) == [.renotify(name: "inc-0")])
    }
}

@Suite("Fingerprints and incident names")
struct FingerprintTests {
    @Test func stableAndOrderIndependent() {
        let one = Fingerprint.of(ruleNamespace: "shop", ruleName: "crash", groupLabels: ["namespace": "shop", "workload": "Deployment/api"])
        let two = Fingerprint.of(ruleNamespace: "shop", ruleName: "crash", groupLabels: ["workload": "Deployment/api", "namespace": "shop"])
        #expect(one == two)
        #expect(one.count == 16)
        #expect(one.allSatisfy { $0.isHexDigit })
        // Fixed across processes and versions (it is the Opsgenie alias).
        #expect(one == Fingerprint.of(ruleNamespace: "shop", ruleName: "crash", groupLabels: ["namespace": "shop", "workload": "Deployment/api"]))
        #expect(one != Fingerprint.of(ruleNamespace: "shop", ruleName: "crash", groupLabels: ["namespace": "shop", "workload": "Deployment/web"]))
        #expect(one != Fingerprint.of(ruleNamespace: "shop2", ruleName: "crash", groupLabels: ["namespace": "shop", "workload": "Deployment/api"]))
        // Separators matter: "a"+"bc" differs from "ab"+"c".
        #expect(Fingerprint.of(ruleNamespace: "a", ruleName: "bc", groupLabels: [:]) != Fingerprint.of(ruleNamespace: "ab", ruleName: "c", groupLabels: [:]))
    }

    @Test func knownValue() {
        // FNV-1a 64 over the UTF-8 bytes, each part followed by 0xff; pinned (computed independently) so that a
        // change of the hash, which would re-alias every open Opsgenie alert, is noticed.
        #expect(Fingerprint.of(ruleNamespace: "shop", ruleName: "crash", groupLabels: ["workload": "Deployment/api", "namespace": "shop"]) == "40f6bda8e34ccc30")
    }

    @Test func incidentNamesAreUniquePerFiringAndValid() {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let name = Fingerprint.incidentName(ruleName: "pod-crash", fingerprint: "0123456789abcdef", startTime: start)
        #expect(name == "pod-crash-01234567-\(String(1_790_000_000, radix: 36))")
        #expect(name != Fingerprint.incidentName(ruleName: "pod-crash", fingerprint: "0123456789abcdef", startTime: start.addingTimeInterval(1)))
        let long = Fingerprint.incidentName(ruleName: String(repeating: "r", count: 253), fingerprint: "0123456789abcdef", startTime: start)
        #expect(long.count <= 253)
    }
}
