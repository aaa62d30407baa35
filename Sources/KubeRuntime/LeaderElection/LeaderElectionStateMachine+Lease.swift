import Foundation
import KubeCore

/// The Lease records the machine writes: client-go's `LeaderElectionRecord` mapped onto `LeaseSpec`.
extension LeaderElectionStateMachine {
    /// A new Lease held by this replica, with no transitions yet.
    func newLease(date: Date) -> Lease {
        Lease(
            metadata: ObjectMeta(name: configuration.leaseName, namespace: configuration.namespace),
            spec: LeaseSpec(
                holderIdentity: configuration.identity,
                leaseDurationSeconds: configuration.leaseDurationSeconds,
                acquireTime: MicroTime(date),
                renewTime: MicroTime(date),
                leaseTransitions: 0))
    }

    /// `lease` taken over by this replica: acquired now, one more transition.
    func acquisition(of lease: Lease, date: Date) -> Lease {
        var lease = lease
        let transitions = lease.spec?.leaseTransitions ?? 0
        lease.spec = LeaseSpec(
            holderIdentity: configuration.identity,
            leaseDurationSeconds: configuration.leaseDurationSeconds,
            acquireTime: MicroTime(date),
            renewTime: MicroTime(date),
            leaseTransitions: transitions == .max ? transitions : transitions + 1)
        return lease
    }

    /// `lease` renewed by its holder, this replica: the acquire time and transitions are kept.
    func renewal(of lease: Lease, date: Date) -> Lease {
        var lease = lease
        let previous = lease.spec
        lease.spec = LeaseSpec(
            holderIdentity: configuration.identity,
            leaseDurationSeconds: configuration.leaseDurationSeconds,
            acquireTime: previous?.acquireTime ?? MicroTime(date),
            renewTime: MicroTime(date),
            leaseTransitions: previous?.leaseTransitions ?? 0)
        return lease
    }

    /// `lease` given up: no holder and a 1 s duration, so candidates take it at their next attempt.
    func released(_ lease: Lease, date: Date) -> Lease {
        var lease = lease
        lease.spec = LeaseSpec(
            holderIdentity: "",
            leaseDurationSeconds: 1,
            acquireTime: MicroTime(date),
            renewTime: MicroTime(date),
            leaseTransitions: lease.spec?.leaseTransitions ?? 0)
        return lease
    }
}
