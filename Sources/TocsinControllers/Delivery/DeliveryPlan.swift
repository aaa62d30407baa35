import Foundation
import TocsinAPI

/// Which outbox entries of an Incident are due now, and which wait: a pure function of the Incident and the time.
///
/// Per receiver only the head is considered, so entries are delivered in order and entry n+1 never goes before
/// entry n succeeded or was dropped. The head is the pending `Create` when there is one (wherever it sits), else
/// the oldest entry. A head whose `notBefore` is after `now` waits until then; a head without `notBefore` is due at
/// once (its `enqueuedTime` only measures latency). A Slack receiver that has no
/// message yet (no `ts`) and no pending `Create` must post the card before anything else: its head is marked
/// ``Step/postsCard``.
public struct DeliveryPlan: Sendable, Hashable {
    /// The next delivery of one receiver.
    public struct Step: Sendable, Hashable {
        /// The receiver key, e.g. `slack:#alerts` or `opsgenie`.
        public var receiver: String
        /// The kind of receiver.
        public var type: ReceiverDelivery.ReceiverType
        /// The entry to deliver (the receiver's head).
        public var entry: OutboxEntry
        /// Whether delivering it posts the incident's card first (a `Create`, or a Slack receiver without `ts`).
        public var postsCard: Bool
        /// When it may go: its `notBefore`, else the earlier of its `enqueuedTime` and the planning time.
        public var dueTime: Date
    }

    /// The steps that may go at `now`, in the order of the Incident's deliveries.
    public var due: [Step]
    /// The steps that wait for their `notBefore`, earliest first.
    public var waiting: [Step]

    /// Plans the deliveries of `incident` at `now`. An Incident without status or deliveries plans nothing.
    public init(incident: Incident, now: Date) {
        var due: [Step] = []
        var waiting: [Step] = []
        for delivery in incident.status?.deliveries ?? [] {
            guard let step = Self.head(of: delivery, now: now) else { continue }
            if step.dueTime > now { waiting.append(step) } else { due.append(step) }
        }
        self.due = due
        self.waiting = waiting.sorted { $0.dueTime < $1.dueTime }
    }

    /// When the next waiting step becomes due.
    public var nextDueTime: Date? { waiting.first?.dueTime }

    /// The step of `receiver`, due or waiting.
    public func step(for receiver: String) -> Step? {
        due.first { $0.receiver == receiver } ?? waiting.first { $0.receiver == receiver }
    }

    /// The head of one receiver's outbox at `now`, or `nil` when nothing is pending.
    public static func head(of delivery: ReceiverDelivery, now: Date) -> Step? {
        let pending = delivery.pending ?? []
        guard let entry = pending.first(where: { $0.action == .create }) ?? pending.first else { return nil }
        let hasMessage = delivery.slack?.ts.map { !$0.isEmpty } ?? false
        let postsCard = entry.action == .create || (delivery.type == .slack && !hasMessage)
        return Step(
            receiver: delivery.receiver, type: delivery.type, entry: entry, postsCard: postsCard,
            dueTime: entry.notBefore?.date ?? min(entry.enqueuedTime.date, now))
    }
}
