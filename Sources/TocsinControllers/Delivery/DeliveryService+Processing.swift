import Foundation
import KubeClient
import KubeCore
import Logging
import TocsinAPI
import TocsinNotifiers

extension DeliveryService {
    /// Does one piece of work; never throws (failures are recorded and rescheduled).
    func process(_ work: DeliveryWork) async {
        switch work.kind {
        case .outbox:
            await deliverHead(of: work.key)
        case .requestCheck(let requestID, let attempt):
            await checkRequest(requestID, of: work.key, attempt: attempt)
        }
    }

    /// Delivers the head of `key`'s outbox, as the Incident is now on the API server.
    ///
    /// The circuit breaker is asked first, from the cache, so that work held by an open circuit costs no request.
    func deliverHead(of key: DeliveryKey) async {
        let work = DeliveryWork(key: key, kind: .outbox)
        let instant = now()
        var granted: (breaker: String, isProbe: Bool)?
        if let cached = incidents.object(named: key.name, in: key.namespace),
            let rule = alertRules.object(named: cached.spec.alertRuleRef.name, in: key.namespace),
            let target = ReceiverTarget.resolve(key.receiver, in: rule.spec, for: cached)
        {
            switch queue.startRequest(breaker: target.breakerKey, now: instant) {
            case .held(let later):
                queue.schedule(work, at: later, replacing: true)
                return
            case .granted(let isProbe):
                granted = (target.breakerKey, isProbe)
            }
        }
        var probe = granted?.isProbe == true ? granted?.breaker : nil
        let sent = await deliverFreshHead(of: key, at: instant, grantedBreaker: granted?.breaker, probe: &probe)
        if !sent, let probe {
            // This request was granted the probe but never went out: free the slot.
            _ = queue.record(.neutral, breaker: probe, now: now())
        }
    }

    /// Reads the Incident, sends its receiver's head when due, and records the outcome.
    /// - Returns: whether a request reached the receiver's breaker (so the breaker has an outcome).
    /// - Parameter probe: the breaker whose probe this request holds, if any (updated when the breaker is asked here).
    private func deliverFreshHead(
        of key: DeliveryKey, at instant: Date, grantedBreaker: String?, probe: inout String?
    ) async -> Bool {
        let work = DeliveryWork(key: key, kind: .outbox)
        let incident: Incident
        do {
            incident = try await client.get(Incident.self, name: key.name, namespace: key.namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            queue.removeIncident(namespace: key.namespace, name: key.name)
            return false
        } catch {
            logger.debug("Could not read Incident for delivery", metadata: metadata(key))
            queue.schedule(work, at: instant.adding(configuration.writeRetryDelay))
            return false
        }
        guard let delivery = incident.status?.deliveries?.first(where: { $0.receiver == key.receiver }),
            let step = DeliveryPlan.head(of: delivery, now: instant)
        else { return false }
        if step.dueTime > instant {
            queue.schedule(work, at: step.dueTime)
            return false
        }
        if let unrecorded = queue.unrecorded(key), unrecorded.entryID == step.entry.id {
            await recordSuccess(unrecorded.receipt, of: step, key: key, rule: nil, at: instant)
            return false
        }
        guard let rule = alertRules.object(named: incident.spec.alertRuleRef.name, in: key.namespace) else {
            // The rule is gone (its Incidents will be garbage-collected) or not cached yet.
            queue.schedule(work, at: instant.adding(configuration.resyncInterval))
            return false
        }
        let spec = rule.withDefaults().spec
        guard let target = ReceiverTarget.resolve(key.receiver, in: spec, for: incident) else {
            let error = DeliveryError(
                code: .misconfigured, receiver: key.type,
                message: "AlertRule \(key.namespace)/\(incident.spec.alertRuleRef.name) has no route for receiver \(key.receiver) any more")
            await recordFailure(error, of: step, key: key, incident: incident, rule: rule, at: instant)
            return false
        }
        if grantedBreaker != target.breakerKey {
            // The cache did not know the target: ask its breaker now.
            if let previous = probe { _ = queue.record(.neutral, breaker: previous, now: now()) }
            probe = nil
            switch queue.startRequest(breaker: target.breakerKey, now: instant) {
            case .held(let later):
                queue.schedule(work, at: later, replacing: true)
                return false
            case .granted(let isProbe):
                probe = isProbe ? target.breakerKey : nil
            }
        }
        let notifyOnResolve = spec.notifyOnResolve ?? true
        if DeliverySender.postsSlackMessage(step, target: target, notifyOnResolve: notifyOnResolve),
            let later = queue.acquirePost(channel: delivery.slack?.channelID ?? key.receiver, now: instant)
        {
            queue.schedule(work, at: later, replacing: true)
            return false
        }
        let receipt: DeliveryReceipt
        do throws(DeliveryError) {
            let credential: String
            do throws(DeliveryError) {
                credential = try await secrets.value(target.secret, namespace: key.namespace, receiver: key.type)
            } catch {
                // Not the endpoint's fault: the breaker learns nothing (deliverHead frees a probe slot).
                throw error
            }
            do throws(DeliveryError) {
                // A request once started runs to its answer (bounded by the HTTP client's timeouts) even when the
                // leader shuts down meanwhile: cancelled half-way, it may have reached Slack or Opsgenie without
                // being recorded, and the next leader would send it again. The task is awaited here at once.
                let sender = self.sender
                let outcome: Result<DeliveryReceipt, DeliveryError> = await Task {
                    do throws(DeliveryError) {
                        return .success(
                            try await sender.send(
                                step, incident: incident, delivery: delivery, target: target, credential: credential,
                                notifyOnResolve: notifyOnResolve))
                    } catch {
                        return .failure(error)
                    }
                }.value
                receipt = try outcome.get()
            } catch {
                recordBreaker(target.breakerKey, error: error)
                throw error
            }
            recordBreaker(target.breakerKey, error: nil)
        } catch {
            let reachedReceiver = !(error.code == .misconfigured || error.code == .transport) || error.httpStatus != nil
            await recordFailure(error, of: step, key: key, incident: incident, rule: rule, at: instant)
            return reachedReceiver
        }
        await recordSuccess(receipt, of: step, key: key, rule: rule, at: instant)
        return true
    }

    /// Feeds a request's outcome to the breaker `breakerKey` and the circuit gauge.
    func recordBreaker(_ breakerKey: String, error: DeliveryError?) {
        let outcome: CircuitBreaker.Outcome
        switch error?.code {
        case nil: outcome = .success
        case .serverError?, .transport?: outcome = .failure
        case .rateLimited?: outcome = .neutral
        case .unauthorized?, .notFound?, .rejected?, .misconfigured?: outcome = .success
        }
        let wasOpen = queue.breaker(breakerKey)?.isOpen ?? false
        let isOpen = queue.record(outcome, breaker: breakerKey, now: now())
        metrics.recordCircuit(breakerKey, isOpen: isOpen)
        if isOpen != wasOpen {
            logger.log(
                level: isOpen ? .warning : .info, isOpen ? "Opened delivery circuit" : "Closed delivery circuit",
                metadata: ["delivery.circuit": "\(breakerKey)"])
        }
    }

    /// Writes a success: the entry removed and the receipt's identifiers, in one status write.
    func recordSuccess(
        _ receipt: DeliveryReceipt, of step: DeliveryPlan.Step, key: DeliveryKey, rule: AlertRule?, at instant: Date
    ) async {
        let written: Incident?
        do {
            // What was sent must be recorded even while the operator shuts down (a leader handing over), or the
            // next leader sends it again. An unstructured task does not inherit the caller's cancellation: this
            // one is awaited here, so it never outlives the delivery.
            let writer = self.writer
            written = try await Task {
                try await writer.modify(namespace: key.namespace, name: key.name) { status in
                    status.recordDelivery(receipt, receiver: key.receiver, entryID: step.entry.id, now: instant)
                }
            }.value
        } catch {
            queue.setUnrecorded(key, (step.entry.id, receipt))
            logger.warning(
                "Could not record a delivery on the Incident; recording it again before anything else is sent",
                metadata: metadata(key).merging(["error.type": "\(type(of: error))"]) { $1 })
            queue.schedule(DeliveryWork(key: key, kind: .outbox), at: instant.adding(configuration.writeRetryDelay))
            return
        }
        queue.setUnrecorded(key, nil)
        if receipt.removesEntry {
            metrics.recordDelivery(key.type, result: .success)
            metrics.recordLatency(key.type, seconds: now().timeIntervalSince(step.entry.enqueuedTime.date))
        }
        logger.debug(
            "Delivered Incident outbox entry",
            metadata: metadata(key).merging(["delivery.action": "\(step.entry.action.rawValue)"]) { $1 })
        if let written { queue.schedule(written, now: now()) }
        if step.entry.action == .create, let requestID = receipt.opsgenieRequestID, configuration.maximumRequestChecks > 0 {
            queue.schedule(
                DeliveryWork(key: key, kind: .requestCheck(requestID: requestID, attempt: 0)),
                at: instant.adding(configuration.requestCheckDelay))
        }
        if let rule { await clearDeliveringCondition(of: rule, receiver: key.receiver, at: instant) }
    }

    /// Writes a failure: a retry with backoff, or the entry dropped with Events and a condition.
    func recordFailure(
        _ error: DeliveryError, of step: DeliveryPlan.Step, key: DeliveryKey, incident: Incident, rule: AlertRule?,
        at instant: Date
    ) async {
        let work = DeliveryWork(key: key, kind: .outbox)
        if error.isRetryable {
            var retryTime = instant.adding(configuration.writeRetryDelay)
            do {
                let written = try await writer.modify(namespace: key.namespace, name: key.name) { status in
                    status.recordRetryableFailure(
                        receiver: key.receiver, entryID: step.entry.id, message: error.message, now: instant
                    ) { attempts in
                        retryTime = configuration.backoff.notBefore(
                            now: instant, afterFailures: attempts, retryAfter: error.retryAfter, jitter: random())
                        return retryTime
                    }
                }
                if let written { queue.schedule(written, now: now()) }
            } catch {
                logger.debug("Could not record a failed delivery on the Incident", metadata: metadata(key))
            }
            queue.schedule(work, at: retryTime)
            metrics.recordDelivery(key.type, result: .retry)
            logger.info(
                "Delivery failed; retrying",
                metadata: metadata(key).merging(["delivery.error": "\(error.message)", "delivery.retryTime": "\(retryTime)"]) { $1 })
            return
        }
        do {
            let written = try await writer.modify(namespace: key.namespace, name: key.name) { status in
                status.recordDroppedDelivery(receiver: key.receiver, entryID: step.entry.id, message: error.message, now: instant)
            }
            if let written { queue.schedule(written, now: now()) }
        } catch {
            logger.debug("Could not record a dropped delivery on the Incident", metadata: metadata(key))
            queue.schedule(work, at: instant.adding(configuration.writeRetryDelay))
            return
        }
        metrics.recordDelivery(key.type, result: .dropped)
        let reason = Self.reason(for: error)
        let message = "Delivery to \(key.receiver) failed and will not be retried: \(error.message)"
        logger.warning("Dropped Incident outbox entry", metadata: metadata(key).merging(["delivery.error": "\(error.message)"]) { $1 })
        events?.record(.warning, reason: reason, message: message, about: incident)
        if let rule {
            events?.record(.warning, reason: reason, message: message, about: rule)
            await setDeliveringCondition(of: rule, status: .false, reason: reason, message: "\(key.receiver): \(error.message)", at: instant)
        }
    }

    /// The Event and condition reason of a failure, e.g. `SlackNotInChannel`, `OpsgenieUnauthorized`.
    static func reason(for error: DeliveryError) -> String {
        let vendor = error.receiver == .slack ? "Slack" : "Opsgenie"
        if let vendorError = error.vendorError, !vendorError.isEmpty, vendorError.count <= 40,
            vendorError.allSatisfy({ ($0.isASCII && $0.isLetter) || $0 == "_" })
        {
            let words = vendorError.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
            return vendor + words.joined()
        }
        return vendor + error.code.rawValue.prefix(1).uppercased() + error.code.rawValue.dropFirst()
    }

    func metadata(_ key: DeliveryKey) -> [String: Logger.MetadataValue] {
        ["incident.namespace": "\(key.namespace)", "incident.name": "\(key.name)", "delivery.receiver": "\(key.receiver)"]
    }
}

extension Date {
    /// This instant plus `duration`.
    func adding(_ duration: Duration) -> Date {
        addingTimeInterval(CircuitBreaker.seconds(duration))
    }
}
