import Foundation
import KubeCore

/// The decisions of leader election on a Lease, as a value with no I/O (client-go's `tryAcquireOrRenew`).
///
/// The caller does the I/O each ``Action`` asks for and reports the outcome; times are offsets on the
/// caller's monotonic clock (`now`), and `date` is the wall-clock time written into `acquireTime` and
/// `renewTime`. A lease held by another replica counts as expired only when `leaseDurationSeconds` have
/// passed since this machine *observed* its record change: the timestamps inside come from other clocks.
///
/// As leader, the machine asks to renew every `retryPeriod`; when no renewal succeeded for
/// `renewDeadline` (counted from the start of the last successful write), or a read shows another holder,
/// it answers ``Action/stopLeading(_:)`` and competes again.
public struct LeaderElectionStateMachine: Sendable {
    /// The I/O (or the transition) the caller performs next.
    public enum Action: Sendable, Hashable {
        /// Read the Lease, then call ``leaseRead(_:at:date:)`` (`nil` when it does not exist) or
        /// ``readFailed(at:)``.
        case read
        /// Create this Lease, then call ``writeSucceeded(_:at:)`` or ``writeFailed(isConflict:at:)``
        /// (`isConflict` for `AlreadyExists`).
        case create(Lease)
        /// Replace the Lease with this one (its resourceVersion makes the write conditional), then call
        /// ``writeSucceeded(_:at:)`` or ``writeFailed(isConflict:at:)``.
        case update(Lease)
        /// Sleep until this offset on the caller's clock, then call ``next(at:date:)``.
        case wait(until: Duration)
        /// This replica now leads: start the leader's work, then call ``next(at:date:)``.
        case becomeLeader
        /// This replica no longer leads: stop the leader's work at once, then call ``next(at:date:)``.
        case stopLeading(LeadershipLoss)
    }

    /// Why a leader stopped leading.
    public enum LeadershipLoss: Sendable, Hashable {
        /// No renewal succeeded within `renewDeadline`.
        case renewDeadlineExceeded
        /// The Lease names another holder (or none): someone else wrote it.
        case leaseTakenOver(holderIdentity: String)
    }

    private enum Role: Sendable, Hashable {
        case candidate
        case leader(renewedAt: Duration)
    }

    /// The configuration the machine decides by.
    public let configuration: LeaderElectionConfiguration
    private var role = Role.candidate
    /// The Lease as last read or written (with its resourceVersion); `nil` before the first read.
    public private(set) var observedLease: Lease?
    /// When (on the caller's clock) the observed Lease's spec was last seen to change.
    public private(set) var observedChangeTime: Duration?
    private var nextAttempt = Duration.zero
    private var writeStartedAt: Duration?
    private var canRenewWithoutRead = false
    private var consecutiveConflicts = 0

    /// Creates a candidate that has not observed the Lease yet.
    public init(configuration: LeaderElectionConfiguration) {
        self.configuration = configuration
    }

    /// Whether this replica leads (its last renewal is within `renewDeadline`, as last judged).
    public var isLeader: Bool {
        if case .leader = role { return true }
        return false
    }

    /// The offset by which a leader must have renewed, or stop leading; `nil` when not leading.
    public var leadershipDeadline: Duration? {
        guard case .leader(let renewedAt) = role else { return nil }
        return renewedAt + configuration.renewDeadline
    }

    /// The holder named by the observed Lease; `nil` when none was observed.
    public var observedHolderIdentity: String? {
        observedLease.map { $0.spec?.holderIdentity ?? "" }
    }

    /// What to do at `now`: wait, read the Lease, renew it (a leader whose last write succeeded renews
    /// from its copy without reading first), or stop leading past the renew deadline.
    public mutating func next(at now: Duration, date: Date) -> Action {
        if let action = deadlineOrWait(at: now) { return action }
        if isLeader, canRenewWithoutRead, let lease = observedLease {
            writeStartedAt = now
            return .update(renewal(of: lease, date: date))
        }
        return .read
    }

    /// Takes the Lease just read (`nil`: it does not exist) and decides: create it, take it over when it
    /// is free or expired, renew it when this replica holds it, or wait while another holder's lease is
    /// valid (stopping leading if this replica thought it led).
    public mutating func leaseRead(_ lease: Lease?, at now: Duration, date: Date) -> Action {
        guard let lease else {
            observedLease = nil
            observedChangeTime = nil
            writeStartedAt = now
            return .create(newLease(date: date))
        }
        if observedChangeTime == nil || lease.spec != observedLease?.spec {
            observedChangeTime = now
        }
        observedLease = lease
        let holder = lease.spec?.holderIdentity ?? ""
        if holder != configuration.identity, isLeader {
            role = .candidate
            canRenewWithoutRead = false
            nextAttempt = now + configuration.retryPeriod
            return .stopLeading(.leaseTakenOver(holderIdentity: holder))
        }
        if !holder.isEmpty, holder != configuration.identity, now < expiry(of: lease) {
            consecutiveConflicts = 0
            nextAttempt = now + configuration.retryPeriod
            return .wait(until: nextAttempt)
        }
        writeStartedAt = now
        if holder == configuration.identity {
            return .update(renewal(of: lease, date: date))
        }
        return .update(acquisition(of: lease, date: date))
    }

    /// Takes the Lease a create or update returned: this replica holds it, renewed as of the write's start.
    public mutating func writeSucceeded(_ lease: Lease, at now: Duration) -> Action {
        let startedAt = writeStartedAt ?? now
        writeStartedAt = nil
        observedLease = lease
        observedChangeTime = now
        canRenewWithoutRead = true
        consecutiveConflicts = 0
        nextAttempt = now + configuration.retryPeriod
        let wasLeader = isLeader
        role = .leader(renewedAt: startedAt)
        if !wasLeader { return .becomeLeader }
        return deadlineOrWait(at: now) ?? .wait(until: nextAttempt)
    }

    /// Takes a failed create or update. A conflict (someone else wrote first) re-reads at once, the first
    /// time in a row; other failures retry after `retryPeriod` (a leader stops at its deadline).
    public mutating func writeFailed(isConflict: Bool, at now: Duration) -> Action {
        writeStartedAt = nil
        canRenewWithoutRead = false
        consecutiveConflicts = isConflict ? consecutiveConflicts + 1 : 0
        nextAttempt = consecutiveConflicts == 1 ? now : now + configuration.retryPeriod
        return deadlineOrWait(at: now) ?? .read
    }

    /// Takes a failed read: retry after `retryPeriod` (a leader stops at its deadline).
    public mutating func readFailed(at now: Duration) -> Action {
        canRenewWithoutRead = false
        nextAttempt = now + configuration.retryPeriod
        return deadlineOrWait(at: now) ?? .read
    }

    /// Gives up leadership: returns the Lease to write so that a successor need not wait for expiry (no
    /// holder, `leaseDurationSeconds` 1, both times `date`, transitions kept, as client-go writes it), or
    /// `nil` when the observed Lease does not name this replica.
    public mutating func release(date: Date) -> Lease? {
        role = .candidate
        canRenewWithoutRead = false
        writeStartedAt = nil
        // Whoever runs the election again competes at once.
        nextAttempt = .zero
        guard let lease = observedLease, lease.spec?.holderIdentity == configuration.identity else { return nil }
        return released(lease, date: date)
    }

    /// The release to write after a release was refused with a conflict: `current` is the Lease read again (a
    /// renewal this replica had sent may have landed after all). Nil when someone else holds it now.
    public func releaseAgain(current: Lease, date: Date) -> Lease? {
        guard current.spec?.holderIdentity == configuration.identity else { return nil }
        return released(current, date: date)
    }

    /// Takes the Lease a release wrote.
    public mutating func releaseSucceeded(_ lease: Lease, at now: Duration) {
        observedLease = lease
        observedChangeTime = now
    }

    /// For a leader past its deadline: stop leading; for anyone before the next attempt: wait.
    private mutating func deadlineOrWait(at now: Duration) -> Action? {
        if let deadline = leadershipDeadline, now >= deadline {
            role = .candidate
            canRenewWithoutRead = false
            nextAttempt = now
            return .stopLeading(.renewDeadlineExceeded)
        }
        guard now < nextAttempt else { return nil }
        if let deadline = leadershipDeadline { return .wait(until: min(nextAttempt, deadline)) }
        return .wait(until: nextAttempt)
    }

    /// When another holder's lease expires for this replica: its observed change plus its duration.
    private func expiry(of lease: Lease) -> Duration {
        (observedChangeTime ?? .zero) + .seconds(Int64(lease.spec?.leaseDurationSeconds ?? 0))
    }
}
