import KubeCore

/// When to raise an incident, how bad it is, and to whom it goes.
public struct AlertRule: TocsinResource, SpecStatusResource {
    /// `tocsin.dev/v1alpha1` alert rules.
    public static var resourceType: ResourceType { .alertRules }
    /// `ar`.
    public static var shortNames: [String] { ["ar"] }

    /// `tocsin.dev/v1alpha1` when set.
    public var apiVersion: String?
    /// `AlertRule` when set.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The rule.
    public var spec: AlertRuleSpec
    /// What the operator observed; written through the status subresource.
    public var status: AlertRuleStatus?

    /// Creates an alert rule.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(), spec: AlertRuleSpec,
        status: AlertRuleStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired behaviour of an ``AlertRule``.
public struct AlertRuleSpec: Codable, Sendable, Hashable {
    /// The Monitor (same namespace) whose objects and probes the condition evaluates.
    public var monitorRef: LocalObjectReference
    /// The severity of incidents opened by this rule.
    public var severity: Severity
    /// The condition, exactly one type from the catalogue.
    public var condition: AlertCondition
    /// How long the condition must hold before the incident fires. Default: per condition type (e.g. `15m` for
    /// podCrashLooping, `0s` for containerOOMKilled); see ``AlertConditionType/defaultFor``.
    public var `for`: KubeDuration?
    /// How long a firing incident stays firing after the condition stops holding, to damp flapping. Default: `0s`.
    public var keepFiringFor: KubeDuration?
    /// Alert labels whose values identify one incident: one incident per distinct combination, listing the
    /// affected objects. Default: per condition type (e.g. `[namespace, workload]` for pod conditions).
    public var groupBy: [String]?
    /// The incident's one-line summary, a template (`{{ .labels.namespace }}`); checked by the engine.
    /// Default: a built-in summary per condition type.
    public var summary: String?
    /// The incident's longer description, a template; checked by the engine.
    public var description: String?
    /// Labels added to every incident of this rule (usable in `groupBy`, routes and templates).
    public var labels: [String: String]?
    /// Where incidents go. The first route whose `match` matches the incident's current severity and labels is
    /// used; a route without `match` matches everything.
    public var routes: [Route]
    /// What happens while an incident stays firing and unacknowledged, in increasing `after` order.
    public var escalation: [EscalationStep]?
    /// How often a firing, unacknowledged incident is announced again; `0s` never. Default: `4h`.
    public var repeatInterval: KubeDuration?
    /// Whether receivers are told when the incident resolves. Default: `true`.
    public var notifyOnResolve: Bool?
    /// Recurring windows during which incidents of this rule are not announced (the resolve is still sent).
    public var muteWindows: [MuteWindow]?
    /// Incidents of other rules that, while firing with equal label values, silence this rule's incidents.
    public var inhibitedBy: [Inhibition]?
    /// How long resolved incidents are kept before they are deleted. Default: `30d`.
    public var incidentRetention: KubeDuration?

    /// Creates a spec.
    public init(
        monitorRef: LocalObjectReference, severity: Severity, condition: AlertCondition, for: KubeDuration? = nil,
        keepFiringFor: KubeDuration? = nil, groupBy: [String]? = nil, summary: String? = nil, description: String? = nil,
        labels: [String: String]? = nil, routes: [Route], escalation: [EscalationStep]? = nil,
        repeatInterval: KubeDuration? = nil, notifyOnResolve: Bool? = nil, muteWindows: [MuteWindow]? = nil,
        inhibitedBy: [Inhibition]? = nil, incidentRetention: KubeDuration? = nil
    ) {
        self.monitorRef = monitorRef
        self.severity = severity
        self.condition = condition
        self.for = `for`
        self.keepFiringFor = keepFiringFor
        self.groupBy = groupBy
        self.summary = summary
        self.description = description
        self.labels = labels
        self.routes = routes
        self.escalation = escalation
        self.repeatInterval = repeatInterval
        self.notifyOnResolve = notifyOnResolve
        self.muteWindows = muteWindows
        self.inhibitedBy = inhibitedBy
        self.incidentRetention = incidentRetention
    }
}

/// A step taken when an incident is still firing and unacknowledged `after` its firing.
public struct EscalationStep: Codable, Sendable, Hashable {
    /// Time since the incident fired; strictly increasing along the steps.
    public var after: KubeDuration
    /// Page whoever is on call in this OnCallSchedule (same namespace) now.
    public var onCallScheduleRef: LocalObjectReference?
    /// Raise the incident to this severity (not lower than the rule's); routes are chosen again.
    public var severity: Severity?

    /// Creates a step.
    public init(after: KubeDuration, onCallScheduleRef: LocalObjectReference? = nil, severity: Severity? = nil) {
        self.after = after
        self.onCallScheduleRef = onCallScheduleRef
        self.severity = severity
    }
}

/// A recurring window in a time zone during which new incident notifications are held back.
public struct MuteWindow: Codable, Sendable, Hashable {
    /// The IANA time zone of the times.
    public var timeZone: String
    /// The days on which the window starts. Default: every day.
    public var daysOfWeek: [DayOfWeek]?
    /// The start, `HH:MM`.
    public var startTime: String
    /// The end, `HH:MM` (`24:00` allowed); not after the start means the next day.
    public var endTime: String

    /// Creates a mute window.
    public init(timeZone: String, daysOfWeek: [DayOfWeek]? = nil, startTime: String, endTime: String) {
        self.timeZone = timeZone
        self.daysOfWeek = daysOfWeek
        self.startTime = startTime
        self.endTime = endTime
    }

    /// The recurring window, without its zone.
    public var window: TimeWindow {
        TimeWindow(daysOfWeek: daysOfWeek, startTime: startTime, endTime: endTime)
    }
}

/// A rule whose firing incidents silence this rule's incidents that share the `equal` label values
/// (e.g. a node NotReady incident silences the pod incidents on that node).
public struct Inhibition: Codable, Sendable, Hashable {
    /// The inhibiting AlertRule (same namespace).
    public var alertRuleRef: LocalObjectReference
    /// Labels that must have equal values on both incidents, e.g. `[node]`.
    public var equal: [String]

    /// Creates an inhibition.
    public init(alertRuleRef: LocalObjectReference, equal: [String]) {
        self.alertRuleRef = alertRuleRef
        self.equal = equal
    }
}
