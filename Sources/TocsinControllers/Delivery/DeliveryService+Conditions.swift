import Foundation
import KubeClient
import KubeCore
import TocsinAPI
import TocsinNotifiers

extension DeliveryService {
    /// The AlertRule condition that says whether its receivers accept deliveries.
    public static let deliveringCondition = "Delivering"

    /// Sets `Delivering` on `rule` (merged with its other conditions); failures are logged, never thrown.
    ///
    /// `rule` usually comes from the cache: when its conditions are stale (the AlertRule reconciler wrote `Ready`
    /// meanwhile) the write conflicts rather than erasing `Ready`, and is made once more from a fresh read.
    func setDeliveringCondition(
        of rule: AlertRule, status: Condition.Status, reason: String, message: String, at instant: Date
    ) async {
        let condition = Condition(type: Self.deliveringCondition, status: status, reason: reason, message: message)
        do {
            do {
                try await statusWriter.update(rule, conditions: [condition], now: instant)
            } catch let error as KubeAPIError where error.isConflict {
                let fresh = try await client.get(
                    AlertRule.self, name: rule.metadata.name ?? "", namespace: rule.metadata.namespace)
                try await statusWriter.update(fresh, conditions: [condition], now: instant)
            }
        } catch {
            logger.debug(
                "Could not write the Delivering condition of AlertRule",
                metadata: ["alertrule.namespace": "\(rule.metadata.namespace ?? "")", "alertrule.name": "\(rule.metadata.name ?? "")"])
        }
    }

    /// Sets `Delivering=True` after a success of `receiver` when the rule's condition blames that receiver.
    func clearDeliveringCondition(of rule: AlertRule, receiver: String, at instant: Date) async {
        guard let current = rule.status?.conditions?.first(where: { $0.type == Self.deliveringCondition }),
            current.status == .false, current.message.hasPrefix("\(receiver): ")
        else { return }
        await setDeliveringCondition(
            of: rule, status: .true, reason: "Delivered", message: "\(receiver): delivered", at: instant)
    }

    /// Asks Opsgenie whether the accepted request `requestID` of `key` succeeded; records a failure as
    /// `lastError`, asks again later (bounded) while it is not processed.
    func checkRequest(_ requestID: String, of key: DeliveryKey, attempt: Int) async {
        let work = DeliveryWork(key: key, kind: .requestCheck(requestID: requestID, attempt: attempt))
        let instant = now()
        guard let incident = incidents.object(named: key.name, in: key.namespace),
            let rule = alertRules.object(named: incident.spec.alertRuleRef.name, in: key.namespace),
            case .opsgenie(let receiver)? = ReceiverTarget.resolve(key.receiver, in: rule.spec, for: incident)
        else { return }
        let target = ReceiverTarget.opsgenie(receiver)
        if case .held(let later) = queue.startRequest(breaker: target.breakerKey, now: instant) {
            queue.schedule(work, at: later, replacing: true)
            return
        }
        let outcome: OpsgenieRequestStatus
        do throws(DeliveryError) {
            let apiKey = try await secrets.value(target.secret, namespace: key.namespace, receiver: .opsgenie)
            outcome = try await sender.opsgenie.requestStatus(requestID: requestID, baseURL: receiver.effectiveBaseURL, apiKey: apiKey)
            recordBreaker(target.breakerKey, error: nil)
        } catch {
            recordBreaker(target.breakerKey, error: error)
            if error.isRetryable { scheduleNextCheck(requestID, of: key, after: attempt, at: instant) }
            return
        }
        switch outcome {
        case .notProcessed:
            scheduleNextCheck(requestID, of: key, after: attempt, at: instant)
        case .processed(let request) where !request.isSuccess:
            let message = "Opsgenie did not process request \(requestID) (\(request.action ?? "Create")): \(request.status ?? "failed")"
            logger.warning("Opsgenie request failed", metadata: metadata(key).merging(["delivery.error": "\(message)"]) { $1 })
            _ = try? await writer.modify(namespace: key.namespace, name: key.name) { status in
                status.recordRequestFailure(receiver: key.receiver, message: message)
            }
        case .processed:
            logger.debug("Opsgenie processed request", metadata: metadata(key))
        }
    }

    private func scheduleNextCheck(_ requestID: String, of key: DeliveryKey, after attempt: Int, at instant: Date) {
        let next = attempt + 1
        guard next < configuration.maximumRequestChecks else {
            logger.info("Gave up checking an Opsgenie request", metadata: metadata(key))
            return
        }
        let delay = configuration.requestCheckDelay * (1 << min(next, 16))
        queue.schedule(DeliveryWork(key: key, kind: .requestCheck(requestID: requestID, attempt: next)), at: instant.adding(delay))
    }
}
