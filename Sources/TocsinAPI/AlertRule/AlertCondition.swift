/// The condition of an AlertRule: exactly one member is set (a Kubernetes-style union).
///
/// Swift code reads it through ``typed`` (an enum with the parameters) or ``type``.
public struct AlertCondition: Codable, Sendable, Hashable {
    /// A container of a pod is in `CrashLoopBackOff` at any time within `lookback`.
    public var podCrashLooping: PodCrashLoopingCondition?
    /// A container is waiting with one of the given reasons (`ImagePullBackOff`, …).
    public var containerWaiting: ContainerWaitingCondition?
    /// A container was killed for running out of memory (`OOMKilled` in `state` or `lastState`).
    public var containerOOMKilled: ContainerOOMKilledCondition?
    /// A pod is in phase `Failed`.
    public var podFailed: PodFailedCondition?
    /// A running pod is not ready (pods of Jobs, completed and scheduling-gated pods excluded).
    public var podNotReady: PodNotReadyCondition?
    /// A pod is `Pending` (e.g. unschedulable).
    public var podPending: PodPendingCondition?
    /// A pod's containers restarted at least `count` times within `window`.
    public var podRestarts: PodRestartsCondition?
    /// A node's `Ready` condition is not `True`.
    public var nodeNotReady: NodeNotReadyCondition?
    /// A node reports one of the given pressure conditions.
    public var nodePressure: NodePressureCondition?
    /// A node is cordoned (`spec.unschedulable`).
    public var nodeUnschedulable: NodeUnschedulableCondition?
    /// Warning events matching reasons or patterns occurred at least `minCount` times within `window`.
    public var warningEvent: WarningEventCondition?
    /// At least `percent` % of a workload's pods are not ready.
    public var workloadPodsNotReady: WorkloadPodsNotReadyCondition?
    /// A probe failed `consecutiveFailures` times in a row.
    public var probeDown: ProbeDownCondition?
    /// A probe answered slower than `threshold`.
    public var probeSlow: ProbeSlowCondition?
    /// A field of an object compared with a value.
    public var field: FieldCondition?
    /// An OnCallSchedule of the rule's namespace has nobody on call now or within `within` (default 24h).
    public var onCallGap: OnCallGapCondition?

    /// Creates an empty union; set exactly one member (or use ``init(_:)``).
    public init() {}

    /// Creates the union with the member of `typed` set.
    public init(_ typed: Typed) {
        switch typed {
        case .podCrashLooping(let value): podCrashLooping = value
        case .containerWaiting(let value): containerWaiting = value
        case .containerOOMKilled(let value): containerOOMKilled = value
        case .podFailed(let value): podFailed = value
        case .podNotReady(let value): podNotReady = value
        case .podPending(let value): podPending = value
        case .podRestarts(let value): podRestarts = value
        case .nodeNotReady(let value): nodeNotReady = value
        case .nodePressure(let value): nodePressure = value
        case .nodeUnschedulable(let value): nodeUnschedulable = value
        case .warningEvent(let value): warningEvent = value
        case .workloadPodsNotReady(let value): workloadPodsNotReady = value
        case .probeDown(let value): probeDown = value
        case .probeSlow(let value): probeSlow = value
        case .field(let value): field = value
        case .onCallGap(let value): onCallGap = value
        }
    }

    /// The condition as an enum, when exactly one member is set; `nil` when none or several are.
    public var typed: Typed? {
        let members = setMembers
        return members.count == 1 ? members[0] : nil
    }

    /// The condition type, when exactly one member is set.
    public var type: AlertConditionType? { typed?.type }

    /// The types of every member set, in catalogue order.
    public var setTypes: [AlertConditionType] { setMembers.map(\.type) }

    private var setMembers: [Typed] {
        var members: [Typed] = []
        if let podCrashLooping { members.append(.podCrashLooping(podCrashLooping)) }
        if let containerWaiting { members.append(.containerWaiting(containerWaiting)) }
        if let containerOOMKilled { members.append(.containerOOMKilled(containerOOMKilled)) }
        if let podFailed { members.append(.podFailed(podFailed)) }
        if let podNotReady { members.append(.podNotReady(podNotReady)) }
        if let podPending { members.append(.podPending(podPending)) }
        if let podRestarts { members.append(.podRestarts(podRestarts)) }
        if let nodeNotReady { members.append(.nodeNotReady(nodeNotReady)) }
        if let nodePressure { members.append(.nodePressure(nodePressure)) }
        if let nodeUnschedulable { members.append(.nodeUnschedulable(nodeUnschedulable)) }
        if let warningEvent { members.append(.warningEvent(warningEvent)) }
        if let workloadPodsNotReady { members.append(.workloadPodsNotReady(workloadPodsNotReady)) }
        if let probeDown { members.append(.probeDown(probeDown)) }
        if let probeSlow { members.append(.probeSlow(probeSlow)) }
        if let field { members.append(.field(field)) }
        if let onCallGap { members.append(.onCallGap(onCallGap)) }
        return members
    }

    /// One condition with its parameters.
    public enum Typed: Sendable, Hashable {
        /// See ``AlertCondition/podCrashLooping``.
        case podCrashLooping(PodCrashLoopingCondition)
        /// See ``AlertCondition/containerWaiting``.
        case containerWaiting(ContainerWaitingCondition)
        /// See ``AlertCondition/containerOOMKilled``.
        case containerOOMKilled(ContainerOOMKilledCondition)
        /// See ``AlertCondition/podFailed``.
        case podFailed(PodFailedCondition)
        /// See ``AlertCondition/podNotReady``.
        case podNotReady(PodNotReadyCondition)
        /// See ``AlertCondition/podPending``.
        case podPending(PodPendingCondition)
        /// See ``AlertCondition/podRestarts``.
        case podRestarts(PodRestartsCondition)
        /// See ``AlertCondition/nodeNotReady``.
        case nodeNotReady(NodeNotReadyCondition)
        /// See ``AlertCondition/nodePressure``.
        case nodePressure(NodePressureCondition)
        /// See ``AlertCondition/nodeUnschedulable``.
        case nodeUnschedulable(NodeUnschedulableCondition)
        /// See ``AlertCondition/warningEvent``.
        case warningEvent(WarningEventCondition)
        /// See ``AlertCondition/workloadPodsNotReady``.
        case workloadPodsNotReady(WorkloadPodsNotReadyCondition)
        /// See ``AlertCondition/probeDown``.
        case probeDown(ProbeDownCondition)
        /// See ``AlertCondition/probeSlow``.
        case probeSlow(ProbeSlowCondition)
        /// See ``AlertCondition/field``.
        case field(FieldCondition)
        /// See ``AlertCondition/onCallGap``.
        case onCallGap(OnCallGapCondition)

        /// The condition's type.
        public var type: AlertConditionType {
            switch self {
            case .podCrashLooping: .podCrashLooping
            case .containerWaiting: .containerWaiting
            case .containerOOMKilled: .containerOOMKilled
            case .podFailed: .podFailed
            case .podNotReady: .podNotReady
            case .podPending: .podPending
            case .podRestarts: .podRestarts
            case .nodeNotReady: .nodeNotReady
            case .nodePressure: .nodePressure
            case .nodeUnschedulable: .nodeUnschedulable
            case .warningEvent: .warningEvent
            case .workloadPodsNotReady: .workloadPodsNotReady
            case .probeDown: .probeDown
            case .probeSlow: .probeSlow
            case .field: .field
            case .onCallGap: .onCallGap
            }
        }
    }
}
