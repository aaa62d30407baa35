import Foundation
import KubeCore
import KubeRuntime
import Testing

@Suite("LeaderElectionStateMachine")
struct LeaderElectionStateMachineTests {
    typealias Machine = LeaderElectionStateMachine

    static let configuration = LeaderElectionConfiguration(
        leaseName: "tocsin-leader", namespace: "tocsin-system", identity: "me")
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    static func date(_ seconds: Double) -> Date { epoch.addingTimeInterval(seconds) }

    static func lease(
        holder: String?, transitions: Int32? = 3, durationSeconds: Int32? = 15, renewedAt seconds: Double = 0,
        resourceVersion: String = "41"
    ) -> Lease {
        Lease(
            metadata: ObjectMeta(name: "tocsin-leader", namespace: "tocsin-system", resourceVersion: resourceVersion),
            spec: LeaseSpec(
                holderIdentity: holder, leaseDurationSeconds: durationSeconds, acquireTime: MicroTime(date(-100)),
                renewTime: MicroTime(date(seconds)), leaseTransitions: transitions))
    }

    /// `lease` as this machine's identity writes it when taking it over at `seconds`.
    static func acquired(_ lease: Lease, at seconds: Double, transitions: Int32) -> Lease {
        var lease = lease
        lease.spec = LeaseSpec(
            holderIdentity: "me", leaseDurationSeconds: 15, acquireTime: MicroTime(date(seconds)),
            renewTime: MicroTime(date(seconds)), leaseTransitions: transitions)
        return lease
    }

    /// A machine that created the lease at 0 and leads.
    static func leader() -> (Machine, Lease) {
        var machine = Machine(configuration: configuration)
        _ = machine.next(at: .zero, date: date(0))
        guard case .create(var lease) = machine.leaseRead(nil, at: .zero, date: date(0)) else {
            Issue.record("expected a create")
            return (machine, lease(holder: "me"))
        }
        lease.metadata.resourceVersion = "7"
        #expect(machine.writeSucceeded(lease, at: .milliseconds(100)) == .becomeLeader)
        return (machine, lease)
    }

    @Test("a missing lease is created holding it, and the machine leads once the create succeeds")
    func createsMissingLease() {
        var machine = Machine(configuration: Self.configuration)
        #expect(machine.next(at: .zero, date: Self.date(0)) == .read)
        let expected = Lease(
            metadata: ObjectMeta(name: "tocsin-leader", namespace: "tocsin-system"),
            spec: LeaseSpec(
                holderIdentity: "me", leaseDurationSeconds: 15, acquireTime: MicroTime(Self.date(0)),
                renewTime: MicroTime(Self.date(0)), leaseTransitions: 0))
        #expect(machine.leaseRead(nil, at: .zero, date: Self.date(0)) == .create(expected))
        #expect(!machine.isLeader)
        #expect(machine.writeSucceeded(expected, at: .milliseconds(100)) == .becomeLeader)
        #expect(machine.isLeader)
        #expect(machine.leadershipDeadline == .seconds(10))
        #expect(machine.next(at: .milliseconds(100), date: Self.date(0.1)) == .wait(until: .milliseconds(2100)))
    }

    struct ReadCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// The lease as read, and the offsets (seconds) of the reads; the spec does not change between them.
        /// Every read happens at wall-clock time `date(5)`, which a write carries.
        var lease: Lease
        var reads: [Double]
        var expected: Machine.Action
        var testDescription: String { name }
    }

    static let readCases: [ReadCase] = {
        let other = lease(holder: "other")
        let released = lease(holder: "", durationSeconds: 1)
        let unnamed = lease(holder: nil, transitions: nil)
        let mine = lease(holder: "me")
        var renewed = mine
        renewed.spec?.renewTime = MicroTime(date(5))
        let skewed = lease(holder: "other", renewedAt: -3_600)
        let long = lease(holder: "other", durationSeconds: 40)
        return [
            ReadCase(name: "held by another, just observed: wait a retry period", lease: other, reads: [0],
                     expected: .wait(until: .seconds(2))),
            ReadCase(name: "held by another, unchanged for 14.9 s: still valid", lease: other, reads: [0, 14.9],
                     expected: .wait(until: .milliseconds(16_900))),
            ReadCase(name: "held by another, unchanged for 15 s: expired, taken over", lease: other, reads: [0, 15],
                     expected: .update(acquired(other, at: 5, transitions: 4))),
            ReadCase(name: "renewTime an hour old but just observed: valid (local observation decides)",
                     lease: skewed, reads: [0], expected: .wait(until: .seconds(2))),
            ReadCase(name: "held by another with a 40 s lease, unchanged for 30 s: valid", lease: long,
                     reads: [0, 30], expected: .wait(until: .seconds(32))),
            ReadCase(name: "released (empty holder): taken at once", lease: released, reads: [0],
                     expected: .update(acquired(released, at: 5, transitions: 4))),
            ReadCase(name: "no holder and no transitions: taken at once, first transition", lease: unnamed,
                     reads: [0], expected: .update(acquired(unnamed, at: 5, transitions: 1))),
            ReadCase(name: "held by this identity: renewed, acquireTime and transitions kept", lease: mine,
                     reads: [0], expected: .update(renewed)),
        ]
    }()

    @Test("a candidate's decision on the lease it read", arguments: readCases)
    func candidateReads(_ testCase: ReadCase) {
        var machine = Machine(configuration: Self.configuration)
        var action: Machine.Action?
        for seconds in testCase.reads {
            action = machine.leaseRead(testCase.lease, at: .milliseconds(Int64(seconds * 1000)), date: Self.date(5))
        }
        #expect(action == testCase.expected)
        #expect(!machine.isLeader)
    }

    @Test("a change of the record restarts the expiry countdown")
    func observedChangeRestartsExpiry() {
        var machine = Machine(configuration: Self.configuration)
        let first = Self.lease(holder: "other", renewedAt: 0)
        let renewed = Self.lease(holder: "other", renewedAt: 10, resourceVersion: "42")
        #expect(machine.leaseRead(first, at: .zero, date: Self.date(0)) == .wait(until: .seconds(2)))
        #expect(machine.leaseRead(renewed, at: .seconds(10), date: Self.date(10)) == .wait(until: .seconds(12)))
        #expect(machine.observedChangeTime == .seconds(10))
        #expect(machine.leaseRead(renewed, at: .seconds(24), date: Self.date(24)) == .wait(until: .seconds(26)))
        #expect(
            machine.leaseRead(renewed, at: .seconds(25), date: Self.date(25))
                == .update(Self.acquired(renewed, at: 25, transitions: 4)))
    }

    @Test("a leader renews from its copy every retry period, without reading first")
    func leaderRenewsFromItsCopy() {
        var (machine, lease) = Self.leader()
        #expect(machine.next(at: .seconds(1), date: Self.date(1)) == .wait(until: .milliseconds(2100)))
        var renewal = lease
        renewal.spec?.renewTime = MicroTime(Self.date(2.1))
        #expect(machine.next(at: .milliseconds(2100), date: Self.date(2.1)) == .update(renewal))
        renewal.metadata.resourceVersion = "8"
        #expect(machine.writeSucceeded(renewal, at: .milliseconds(2200)) == .wait(until: .milliseconds(4200)))
        // The deadline counts from the start of the successful write, not its end.
        #expect(machine.leadershipDeadline == .milliseconds(12100))
        #expect(machine.isLeader)
    }

    @Test("a leader whose renewals fail stops leading at renewDeadline, before the lease expires for others")
    func leaderStopsAtRenewDeadline() {
        var (machine, _) = Self.leader()
        guard case .update = machine.next(at: .milliseconds(2100), date: Self.date(2.1)) else {
            Issue.record("expected a renewal")
            return
        }
        #expect(machine.writeFailed(isConflict: false, at: .milliseconds(2200)) == .wait(until: .milliseconds(4200)))
        #expect(machine.next(at: .milliseconds(4200), date: Self.date(4.2)) == .read)
        #expect(machine.readFailed(at: .milliseconds(4300)) == .wait(until: .milliseconds(6300)))
        #expect(machine.next(at: .milliseconds(6300), date: Self.date(6.3)) == .read)
        #expect(machine.readFailed(at: .milliseconds(8500)) == .wait(until: .seconds(10)))
        #expect(machine.isLeader)
        #expect(machine.next(at: .seconds(10), date: Self.date(10)) == .stopLeading(.renewDeadlineExceeded))
        #expect(!machine.isLeader)
        #expect(machine.leadershipDeadline == nil)
        // It competes again at once.
        #expect(machine.next(at: .seconds(10), date: Self.date(10)) == .read)
    }

    @Test("a leader that reads another holder stops leading at once")
    func leaderSeesAnotherHolder() {
        var (machine, _) = Self.leader()
        _ = machine.next(at: .seconds(2), date: Self.date(2))
        _ = machine.writeFailed(isConflict: false, at: .seconds(2))
        let taken = Self.lease(holder: "other", renewedAt: 3, resourceVersion: "9")
        #expect(
            machine.leaseRead(taken, at: .seconds(4), date: Self.date(4))
                == .stopLeading(.leaseTakenOver(holderIdentity: "other")))
        #expect(!machine.isLeader)
        #expect(machine.next(at: .seconds(4), date: Self.date(4)) == .wait(until: .seconds(6)))
    }

    @Test("a conflict re-reads at once the first time, then waits a retry period")
    func conflictRereadsOnce() {
        var machine = Machine(configuration: Self.configuration)
        let released = Self.lease(holder: "")
        guard case .update = machine.leaseRead(released, at: .zero, date: Self.date(0)) else {
            Issue.record("expected a takeover")
            return
        }
        #expect(machine.writeFailed(isConflict: true, at: .seconds(1)) == .read)
        _ = machine.leaseRead(released, at: .seconds(1), date: Self.date(1))
        #expect(machine.writeFailed(isConflict: true, at: .seconds(1)) == .wait(until: .seconds(3)))
        #expect(machine.next(at: .seconds(3), date: Self.date(3)) == .read)
    }

    @Test("a create that finds the lease already there re-reads it")
    func createRaceRereads() {
        var machine = Machine(configuration: Self.configuration)
        guard case .create = machine.leaseRead(nil, at: .zero, date: Self.date(0)) else {
            Issue.record("expected a create")
            return
        }
        #expect(machine.writeFailed(isConflict: true, at: .zero) == .read)
        #expect(machine.leaseRead(Self.lease(holder: "other"), at: .zero, date: Self.date(0)) == .wait(until: .seconds(2)))
    }

    @Test("release empties the holder with a 1 s duration and keeps the transitions and resourceVersion")
    func releaseClearsHolder() {
        var (machine, lease) = Self.leader()
        var expected = lease
        expected.spec = LeaseSpec(
            holderIdentity: "", leaseDurationSeconds: 1, acquireTime: MicroTime(Self.date(3)),
            renewTime: MicroTime(Self.date(3)), leaseTransitions: 0)
        #expect(machine.release(date: Self.date(3)) == expected)
        #expect(!machine.isLeader)
        #expect(expected.metadata.resourceVersion == "7")
    }

    @Test("release writes nothing when the observed lease names another holder")
    func releaseOfOthersLease() {
        var machine = Machine(configuration: Self.configuration)
        _ = machine.leaseRead(Self.lease(holder: "other"), at: .zero, date: Self.date(0))
        #expect(machine.release(date: Self.date(1)) == nil)
        var fresh = Machine(configuration: Self.configuration)
        #expect(fresh.release(date: Self.date(1)) == nil)
    }

    /// Found on a real API server: a renewal sent just before the shutdown landed, the release then conflicted,
    /// and the others waited for the whole lease duration.
    @Test("after a conflict the release is written again on the Lease read back, if it is still ours")
    func releaseAgainAfterConflict() {
        var (machine, lease) = Self.leader()
        _ = machine.release(date: Self.date(3))
        var renewed = lease
        renewed.metadata.resourceVersion = "9"
        renewed.spec?.renewTime = MicroTime(Self.date(2))
        var expected = renewed
        expected.spec = LeaseSpec(
            holderIdentity: "", leaseDurationSeconds: 1, acquireTime: MicroTime(Self.date(3)),
            renewTime: MicroTime(Self.date(3)), leaseTransitions: 0)
        #expect(machine.releaseAgain(current: renewed, date: Self.date(3)) == expected)
        #expect(machine.releaseAgain(current: Self.lease(holder: "other", resourceVersion: "10"), date: Self.date(3)) == nil)
    }
}
