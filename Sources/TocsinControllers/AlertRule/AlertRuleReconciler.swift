import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import TocsinAPI
import TocsinEngine

/// Reconciles `AlertRule`s: validates the spec and its templates, resolves the objects it names in its namespace
/// (Monitor, OnCallSchedules, Secret keys) and reports the outcome in a `Ready` condition; on deletion it resolves
/// the rule's open Incidents through the finalizer ``finalizer``, which it removes once their closing deliveries
/// are done (at most ``closingDeliveryTimeout`` after the deletion began).
///
/// - An invalid spec gets `Ready=False` reason `InvalidSpec`, a template that does not parse `InvalidTemplate`, a
///   condition the engine cannot compile `InvalidCondition`; each also gets a Warning Event and ends in a
///   ``TerminalReconcileError`` (they run again when the spec changes).
/// - A missing reference gets `Ready=False` with the reason of the first one (`MonitorNotFound`,
///   `ScheduleNotFound`, `SecretNotFound`, `SecretKeyNotFound`) and a message naming all of them; this is not an
///   error: the controller reconciles the rule again when a referenced object appears.
/// - Otherwise `Ready=True` reason `Resolved`.
///
/// Only the `Ready` condition, `observedGeneration` and `conditionType` (the condition's type, shown by
/// `kubectl get`) are written (other status fields are kept), and only when they changed. A Warning Event is
/// recorded when `Ready` turns `False` or its reason or message changes. Secret values are never logged, stored
/// or reported: only whether the key exists.
public struct AlertRuleReconciler: Reconciler {
    /// The `Ready` condition type.
    public static let readyCondition = ReconcilerSupport.readyCondition
    /// The reason of `Ready=True`.
    public static let resolvedReason = "Resolved"
    /// The reason of `Ready=False` for a spec that fails validation.
    public static let invalidSpecReason = "InvalidSpec"
    /// The reason of `Ready=False` for a summary or description template that does not parse.
    public static let invalidTemplateReason = "InvalidTemplate"
    /// The reason of `Ready=False` for a condition the engine cannot evaluate (a bad regular expression, a field
    /// path the cache does not keep).
    public static let invalidConditionReason = "InvalidCondition"
    /// The finalizer that resolves the rule's open Incidents before the rule goes.
    public static let finalizer = "tocsin.dev/incidents"
    /// How many problems the `Ready` message lists before "and N more".
    public static let listedProblems = ReconcilerSupport.listedProblems

    /// The client the rules and their references are read with.
    public let client: KubernetesClient
    /// The longest a rule being deleted is kept for its Incidents' closing deliveries.
    public let closingDeliveryTimeout: Duration
    /// Where Warning Events go.
    public let events: EventRecorder
    let statusWriter: StatusWriter
    let finalizers: Finalizers
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates a reconciler.
    /// - Parameters:
    ///   - client: reads rules, Monitors, OnCallSchedules, Secrets and Incidents; patches status and finalizers.
    ///   - events: records Warning Events (its `run()` must be running to write them).
    ///   - fieldManager: the field manager of the status patches.
    ///   - logger: debug messages about each reconcile (never Secret values).
    ///   - now: the wall clock (condition transitions, incident resolution times).
    ///   - closingDeliveryTimeout: the longest a rule being deleted waits for its Incidents' closing deliveries
    ///     (default 5 minutes).
    public init(
        client: KubernetesClient, events: EventRecorder, fieldManager: String = "tocsin",
        logger: Logger = Logger(label: "tocsin.alertrule"), now: @escaping @Sendable () -> Date = { Date() },
        closingDeliveryTimeout: Duration = .seconds(300)
    ) {
        self.client = client
        self.closingDeliveryTimeout = closingDeliveryTimeout
        self.events = events
        self.statusWriter = StatusWriter(client: client, fieldManager: fieldManager)
        self.finalizers = Finalizers(client: client)
        self.logger = logger
        self.now = now
    }

    /// Reconciles the AlertRule named by `key`.
    /// - Throws: ``TerminalReconcileError`` for an invalid spec or template (after writing its status and Event);
    ///   `KubeAPIError`, `KubeTransportError` or `KubeDecodingError` when a read or write fails (retried).
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let read: AlertRule
        do {
            read = try await client.get(AlertRule.self, name: key.name, namespace: key.namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return .done
        }
        if read.metadata.deletionTimestamp != nil {
            guard read.metadata.finalizers?.contains(Self.finalizer) == true else { return .done }
            return try await finalize(read)
        }
        let rule = try await finalizers.ensure(Self.finalizer, on: read)

        let defaulted = rule.withDefaults()
        let problems = defaulted.validate()
        if !problems.isEmpty {
            let message = ReconcilerSupport.summary(of: problems.map(\.description))
            try await report(rule, ready: false, reason: Self.invalidSpecReason, message: message)
            throw TerminalReconcileError("AlertRule \(key) is invalid: \(message); fix the spec")
        }
        let templateProblems = Self.templateProblems(in: defaulted.spec)
        if !templateProblems.isEmpty {
            let message = ReconcilerSupport.summary(of: templateProblems)
            try await report(rule, ready: false, reason: Self.invalidTemplateReason, message: message)
            throw TerminalReconcileError("AlertRule \(key) has an invalid template: \(message); fix the template")
        }
        do {
            _ = try CompiledRule(rule)
        } catch {
            let message = ReconcilerSupport.summary(of: error.problems)
            try await report(rule, ready: false, reason: Self.invalidConditionReason, message: message)
            throw TerminalReconcileError("AlertRule \(key) has a condition that cannot be evaluated: \(message)")
        }
        let missing = try await missingReferences(
            AlertRuleReferences(spec: defaulted.spec), namespace: rule.metadata.namespace)
        if let first = missing.first {
            let message = MissingReference.message(for: missing, namespace: rule.metadata.namespace)
            try await report(rule, ready: false, reason: first.reason, message: message)
            logger.debug(
                "AlertRule references not found",
                metadata: ["alertrule.namespace": "\(key.namespace ?? "")", "alertrule.name": "\(key.name)",
                    "alertrule.reason": "\(first.reason)"])
            return .done
        }
        try await report(rule, ready: true, reason: Self.resolvedReason, message: "All references resolved")
        return .done
    }

    /// Writes the `Ready` condition (and `observedGeneration`) when it changed; records a Warning Event when a
    /// `False` condition is new (status, reason or message differ from the stored one).
    private func report(_ rule: AlertRule, ready: Bool, reason: String, message: String) async throws {
        let condition = Condition(
            type: Self.readyCondition, status: ready ? .true : .false, reason: reason, message: message)
        let previous = rule.status?.conditions?.first { $0.type == Self.readyCondition }
        // The condition's type, for the `Condition` printer column (a JSONPath cannot name the one key of an object).
        let conditionType: JSONValue = rule.spec.condition.type.map { .string($0.rawValue) } ?? .null
        let written = try await statusWriter.update(
            rule, conditions: [condition], fields: ["conditionType": conditionType], now: now())
        guard written != nil else { return }
        logger.debug(
            "Patched AlertRule status",
            metadata: ["alertrule.namespace": "\(rule.metadata.namespace ?? "")",
                "alertrule.name": "\(rule.metadata.name ?? "")", "alertrule.reason": "\(reason)"])
        let isNewProblem = previous.map {
            $0.status != condition.status || $0.reason != reason || $0.message != message
        }
        if !ready, isNewProblem ?? true {
            events.record(.warning, reason: reason, message: message, about: rule)
        }
    }
}
