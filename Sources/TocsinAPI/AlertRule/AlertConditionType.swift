/// The names of the condition catalogue, as the members of ``AlertCondition`` are spelled.
public enum AlertConditionType: String, APIEnum {
    /// See ``AlertCondition/podCrashLooping``.
    case podCrashLooping
    /// See ``AlertCondition/containerWaiting``.
    case containerWaiting
    /// See ``AlertCondition/containerOOMKilled``.
    case containerOOMKilled
    /// See ``AlertCondition/podFailed``.
    case podFailed
    /// See ``AlertCondition/podNotReady``.
    case podNotReady
    /// See ``AlertCondition/podPending``.
    case podPending
    /// See ``AlertCondition/podRestarts``.
    case podRestarts
    /// See ``AlertCondition/nodeNotReady``.
    case nodeNotReady
    /// See ``AlertCondition/nodePressure``.
    case nodePressure
    /// See ``AlertCondition/nodeUnschedulable``.
    case nodeUnschedulable
    /// See ``AlertCondition/warningEvent``.
    case warningEvent
    /// See ``AlertCondition/workloadPodsNotReady``.
    case workloadPodsNotReady
    /// See ``AlertCondition/probeDown``.
    case probeDown
    /// See ``AlertCondition/probeSlow``.
    case probeSlow
    /// See ``AlertCondition/field``.
    case field
    /// See ``AlertCondition/onCallGap``.
    case onCallGap

    /// The default `for` (after the kubernetes-mixin where it has the alert): 15m for crash looping, pod not ready,
    /// pod pending, node not ready, node unschedulable and workload replicas; 1h for container waiting; 10m for node
    /// pressure; 5m for probe slow; 0s where the condition carries its own window or count, and for on-call gaps
    /// (`within` is the warning time already).
    public var defaultFor: KubeDuration {
        switch self {
        case .podCrashLooping, .podNotReady, .podPending, .nodeNotReady, .nodeUnschedulable, .workloadPodsNotReady:
            .minutes(15)
        case .containerWaiting: .hours(1)
        case .nodePressure: .minutes(10)
        case .probeSlow: .minutes(5)
        case .containerOOMKilled, .podFailed, .podRestarts, .warningEvent, .probeDown, .field, .onCallGap: .zero
        }
    }

    /// The default `groupBy`: one incident per workload for pod conditions, per node for node conditions, per
    /// namespace and reason for events, per probe for probes, per object for field conditions, per schedule for
    /// on-call gaps.
    public var defaultGroupBy: [String] {
        switch self {
        case .podCrashLooping, .containerWaiting, .containerOOMKilled, .podFailed, .podNotReady, .podPending,
            .podRestarts, .workloadPodsNotReady:
            ["namespace", "workload"]
        case .nodeNotReady, .nodePressure, .nodeUnschedulable: ["node"]
        case .warningEvent: ["namespace", "reason"]
        case .probeDown, .probeSlow: ["probe"]
        case .field: ["kind", "namespace", "name"]
        case .onCallGap: ["schedule"]
        }
    }

    /// The kind of object the condition evaluates; `nil` for probe conditions, field conditions (their `kind`
    /// says) and on-call gaps (read from the namespace's OnCallSchedules).
    public var watchedKind: WatchedKind? {
        switch self {
        case .podCrashLooping, .containerWaiting, .containerOOMKilled, .podFailed, .podNotReady, .podPending,
            .podRestarts, .workloadPodsNotReady:
            .pod
        case .nodeNotReady, .nodePressure, .nodeUnschedulable: .node
        case .warningEvent: .event
        case .probeDown, .probeSlow, .field, .onCallGap: nil
        }
    }
}
