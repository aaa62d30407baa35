/// When each probe is due, and which checks are in flight: the pure state of the ``ProbeRunner``'s scheduler.
///
/// Times are durations since the runner started. A target added at `now` is first due at
/// `now + firstCheckOffset`, then every interval after that; a target is never checked twice at once, and at most
/// ``maximumConcurrency`` checks are in flight.
struct ProbeSchedule: Sendable {
    /// A check to start: the target and the generation that identifies this version of it.
    struct Check: Sendable, Hashable {
        /// What to check.
        var target: ProbeTarget
        /// Changes whenever the target is added or changed; results of older generations are dropped.
        var generation: UInt64
    }

    private struct Entry: Sendable {
        var target: ProbeTarget
        var generation: UInt64
        var nextDue: Duration
        var isInFlight: Bool
    }

    /// The most checks in flight at once.
    let maximumConcurrency: Int
    private var entries: [ProbeTarget.ID: Entry] = [:]
    private var nextGeneration: UInt64 = 0
    /// Checks started and not yet finished, including those of removed or changed targets.
    private(set) var inFlightCount = 0

    /// Creates an empty schedule.
    init(maximumConcurrency: Int) {
        self.maximumConcurrency = max(maximumConcurrency, 1)
    }

    /// The scheduled targets, ordered by identifier.
    var targets: [ProbeTarget] {
        entries.values.map(\.target).sorted { $0.id < $1.id }
    }

    /// Replaces the scheduled set. Unchanged targets keep their schedule; new and changed ones are first due at
    /// `now + firstCheckOffset`.
    ///
    /// - Returns: the identifiers whose past results no longer apply (removed or changed targets).
    mutating func update(targets: [ProbeTarget], now: Duration) -> Set<ProbeTarget.ID> {
        var desired: [ProbeTarget.ID: ProbeTarget] = [:]
        for target in targets { desired[target.id] = target }
        var stale = Set(entries.keys).subtracting(desired.keys)
        for id in stale { entries[id] = nil }
        for (id, target) in desired {
            if let entry = entries[id], entry.target == target { continue }
            if entries[id] != nil { stale.insert(id) }
            nextGeneration += 1
            entries[id] = Entry(
                target: target, generation: nextGeneration, nextDue: now + target.firstCheckOffset,
                isInFlight: entries[id]?.isInFlight ?? false)
        }
        return stale
    }

    /// Starts the checks due at `now`, earliest first, as far as the concurrency limit allows.
    mutating func takeDue(now: Duration) -> [Check] {
        let due = entries.values
            .filter { !$0.isInFlight && $0.nextDue <= now }
            .sorted { ($0.nextDue, $0.target.id) < ($1.nextDue, $1.target.id) }
            .prefix(max(maximumConcurrency - inFlightCount, 0))
        return due.map { entry in
            var started = entry
            started.isInFlight = true
            let next = entry.nextDue + entry.target.interval
            started.nextDue = next > now ? next : now + entry.target.interval
            entries[entry.target.id] = started
            inFlightCount += 1
            return Check(target: entry.target, generation: entry.generation)
        }
    }

    /// Marks `check` finished.
    ///
    /// - Returns: whether its result still applies (the target is scheduled and unchanged).
    mutating func finish(_ check: Check) -> Bool {
        inFlightCount = max(inFlightCount - 1, 0)
        guard var entry = entries[check.target.id] else { return false }
        entry.isInFlight = false
        entries[check.target.id] = entry
        return entry.generation == check.generation
    }

    /// The earliest time a waiting target becomes due, or `nil` when nothing is waiting or no check may start
    /// (a finishing check wakes the scheduler then).
    var nextDeadline: Duration? {
        guard inFlightCount < maximumConcurrency else { return nil }
        return entries.values.filter { !$0.isInFlight }.map(\.nextDue).min()
    }
}
