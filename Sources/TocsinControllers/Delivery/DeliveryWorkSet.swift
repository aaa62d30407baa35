import Foundation
import TocsinAPI

/// One receiver of one Incident: the unit of delivery work.
struct DeliveryKey: Sendable, Hashable, CustomStringConvertible {
    var namespace: String
    var name: String
    var receiver: String

    /// The receiver's kind, read from its key (`opsgenie`, else Slack).
    var type: ReceiverDelivery.ReceiverType { receiver == "opsgenie" ? .opsgenie : .slack }

    var description: String { "\(namespace)/\(name) \(receiver)" }
}

/// A piece of work: deliver a receiver's outbox head, or ask Opsgenie whether an accepted request succeeded.
struct DeliveryWork: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case outbox
        case requestCheck(requestID: String, attempt: Int)
    }

    var key: DeliveryKey
    var kind: Kind
}

/// The bounded set of receivers with work and when each is due, the work in flight, and the choice of what to
/// start next. A pure value (the service keeps it behind a lock).
///
/// Each receiver has at most one outbox item and one request check. Beyond ``capacity`` new items are refused
/// (the Incident keeps its outbox; a later resync brings them back). While more than one sender runs, one kind
/// of receiver never takes every sender, so a slow Slack does not hold Opsgenie up.
struct DeliveryWorkSet: Sendable {
    let capacity: Int
    private(set) var due: [DeliveryWork: Date] = [:]
    private(set) var inFlight: Set<DeliveryKey> = []
    private var inFlightByType: [ReceiverDelivery.ReceiverType: Int] = [:]

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// How many items wait (due or later).
    var count: Int { due.count }

    /// Schedules `work` at `time` (the earlier time wins if it is already scheduled).
    /// - Returns: `false` when the set is full and `work` was not in it.
    @discardableResult
    mutating func schedule(_ work: DeliveryWork, at time: Date) -> Bool {
        if let existing = due[work] {
            due[work] = min(existing, time)
            return true
        }
        guard due.count < capacity else { return false }
        due[work] = time
        return true
    }

    /// Schedules `work` at exactly `time`, replacing an earlier time (a deferral).
    mutating func postpone(_ work: DeliveryWork, until time: Date) {
        if due[work] != nil || due.count < capacity { due[work] = time }
    }

    /// Removes every item of the Incident `namespace/name`.
    mutating func removeIncident(namespace: String, name: String) {
        due = due.filter { $0.key.key.namespace != namespace || $0.key.key.name != name }
    }

    /// The earliest due time.
    var nextDueTime: Date? { due.values.min() }

    /// Takes up to `limit` items due at `now`, earliest first, whose receiver is not in flight, marking them in
    /// flight. With `senders` > 1 a kind of receiver takes at most `senders - 1` of them.
    mutating func take(now: Date, senders: Int) -> [DeliveryWork] {
        let free = senders - inFlight.count
        guard free > 0 else { return [] }
        let perType = senders > 1 ? senders - 1 : 1
        var taken: [DeliveryWork] = []
        let ready = due.filter { $0.value <= now && !inFlight.contains($0.key.key) }
            .sorted { $0.value == $1.value ? $0.key.key.description < $1.key.key.description : $0.value < $1.value }
        for (work, _) in ready where taken.count < free {
            let type = work.key.type
            guard !inFlight.contains(work.key), inFlightByType[type, default: 0] < perType else { continue }
            due[work] = nil
            inFlight.insert(work.key)
            inFlightByType[type, default: 0] += 1
            taken.append(work)
        }
        return taken
    }

    /// Marks `work` finished.
    mutating func finish(_ work: DeliveryWork) {
        guard inFlight.remove(work.key) != nil else { return }
        inFlightByType[work.key.type, default: 1] -= 1
    }
}
