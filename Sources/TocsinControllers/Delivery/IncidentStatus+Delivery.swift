import Foundation
import TocsinAPI
import TocsinEngine

/// What a delivery attempt changes on the receiver's state, written together with the entry's removal.
struct DeliveryReceipt: Sendable, Hashable {
    /// The Slack message as posted (channel ID and `ts`), when one was posted.
    var slackMessage: SlackMessageReference?
    /// The `requestId` of an accepted Opsgenie request.
    var opsgenieRequestID: String?
    /// Whether the entry is done (a `Note` whose card had to be posted first stays pending).
    var removesEntry: Bool = true
    /// What the `Notified` timeline entry says; `nil`: no timeline entry (only a `Create` records one).
    var notification: String?
}

extension IncidentStatus {
    /// Records a successful delivery of entry `entryID` at `receiver`: the receipt's identifiers, the entry removed,
    /// `attempts` reset, `lastSuccessTime`, no `lastError`, and a `Notified` timeline entry for a `Create`.
    ///
    /// The identifiers are recorded even when the entry is gone (someone else removed it), so a message that was
    /// posted is never posted again.
    /// - Returns: whether the receiver exists.
    @discardableResult
    mutating func recordDelivery(_ receipt: DeliveryReceipt, receiver: String, entryID: String, now: Date) -> Bool {
        guard var all = deliveries, let index = all.firstIndex(where: { $0.receiver == receiver }) else { return false }
        var delivery = all[index]
        if let message = receipt.slackMessage {
            delivery.slack = message
        }
        if let requestID = receipt.opsgenieRequestID {
            var reference = delivery.opsgenie ?? OpsgenieAlertReference(alias: "")
            reference.requestID = requestID
            delivery.opsgenie = reference
        }
        if receipt.removesEntry { delivery.removePending(id: entryID) }
        delivery.attempts = nil
        delivery.lastAttemptTime = Timestamp(now)
        delivery.lastSuccessTime = Timestamp(now)
        delivery.lastError = nil
        all[index] = delivery
        deliveries = all
        if let notification = receipt.notification { record(.notified, message: notification, at: now) }
        return true
    }

    /// Records a failure that will be retried: `attempts` + 1, `lastAttemptTime`, `lastError` and the entry's
    /// `notBefore` (from `notBefore(attempts)`, given the new attempt count).
    /// - Returns: the new attempt count, or `nil` when the entry is gone.
    @discardableResult
    mutating func recordRetryableFailure(
        receiver: String, entryID: String, message: String, now: Date, notBefore: (Int) -> Date
    ) -> Int? {
        guard var all = deliveries, let index = all.firstIndex(where: { $0.receiver == receiver }),
            var pending = all[index].pending, let entryIndex = pending.firstIndex(where: { $0.id == entryID })
        else { return nil }
        let attempts = (all[index].attempts ?? 0) + 1
        pending[entryIndex].notBefore = Timestamp(notBefore(attempts))
        all[index].pending = pending
        all[index].attempts = attempts
        all[index].lastAttemptTime = Timestamp(now)
        all[index].lastError = message
        deliveries = all
        return attempts
    }

    /// Drops an entry that cannot be delivered: `lastError`, `attempts` reset, a `DeliveryFailed` timeline entry.
    /// - Returns: whether the entry was still pending.
    @discardableResult
    mutating func recordDroppedDelivery(receiver: String, entryID: String, message: String, now: Date) -> Bool {
        guard var all = deliveries, let index = all.firstIndex(where: { $0.receiver == receiver }),
            all[index].pending?.contains(where: { $0.id == entryID }) == true
        else { return false }
        all[index].removePending(id: entryID)
        all[index].attempts = nil
        all[index].lastAttemptTime = Timestamp(now)
        all[index].lastError = message
        deliveries = all
        record(.deliveryFailed, message: String(message.prefix(1_000)), at: now)
        return true
    }

    /// Records the outcome of an Opsgenie request check that failed (`lastError` only).
    mutating func recordRequestFailure(receiver: String, message: String) {
        guard var all = deliveries, let index = all.firstIndex(where: { $0.receiver == receiver }) else { return }
        all[index].lastError = message
        deliveries = all
    }
}

extension ReceiverDelivery {
    /// Removes the pending entry `id`; `pending` becomes `nil` when empty.
    mutating func removePending(id: String) {
        let remaining = (pending ?? []).filter { $0.id != id }
        pending = remaining.isEmpty ? nil : remaining
    }
}
