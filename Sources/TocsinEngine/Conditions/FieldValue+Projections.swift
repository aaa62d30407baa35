import Foundation
import TocsinAPI

// The trees built here and the shapes below must list the same fields: a test checks that every supported path
// resolves on a fully populated projection.

extension FieldValue {
    /// The fields a ``WatchedPod`` keeps, under their Kubernetes names. `status.conditions` holds `Ready` (status
    /// `True` or `False`) and, only while the pod is unschedulable, `PodScheduled` (`False`, `Unschedulable`, the
    /// scheduler's message).
    init(_ pod: WatchedPod) {
        var metadata: [String: FieldValue?] = [
            "name": .string(pod.name), "namespace": .string(pod.namespace),
            "labels": .object(pod.labels.mapValues { .string($0) }),
        ]
        if let owner = pod.owner {
            metadata["ownerReferences"] = .list([
                .fields(["kind": .string(owner.kind), "name": .string(owner.name), "uid": .string(owner.uid)])
            ])
        }
        var conditions: [FieldValue] = [.fields(["type": .string("Ready"), "status": .string(pod.isReady ? "True" : "False")])]
        if pod.isUnschedulable {
            conditions.append(.fields([
                "type": .string("PodScheduled"), "status": .string("False"), "reason": .string("Unschedulable"),
                "message": .optional(pod.schedulingMessage),
            ]))
        }
        let status: [String: FieldValue?] = [
            "phase": .optional(pod.phase), "reason": .optional(pod.reason), "conditions": .list(conditions),
            "containerStatuses": .list(pod.containers.filter { !$0.isInit }.map(FieldValue.init)),
            "initContainerStatuses": .list(pod.containers.filter(\.isInit).map(FieldValue.init)),
        ]
        self = .fields([
            "metadata": .fields(metadata), "spec": .fields(["nodeName": .optional(pod.nodeName)]),
            "status": .fields(status),
        ])
    }

    /// The fields a ``WatchedContainer`` keeps, as a container status.
    init(_ container: WatchedContainer) {
        var state: [String: FieldValue?] = [:]
        if container.waitingReason != nil || container.waitingMessage != nil {
            state["waiting"] = .fields([
                "reason": .optional(container.waitingReason), "message": .optional(container.waitingMessage),
            ])
        }
        if container.terminatedReason != nil || container.terminatedExitCode != nil {
            state["terminated"] = .fields([
                "reason": .optional(container.terminatedReason),
                "exitCode": container.terminatedExitCode.map { .number(Double($0)) },
            ])
        }
        var lastState: [String: FieldValue?] = [:]
        if container.lastTerminatedReason != nil || container.lastTerminatedExitCode != nil {
            lastState["terminated"] = .fields([
                "reason": .optional(container.lastTerminatedReason),
                "exitCode": container.lastTerminatedExitCode.map { .number(Double($0)) },
            ])
        }
        self = .fields([
            "name": .string(container.name), "ready": .bool(container.isReady),
            "restartCount": .number(Double(container.restartCount)), "state": .fields(state),
            "lastState": .fields(lastState),
        ])
    }

    /// The fields a ``WatchedNode`` keeps. `status.conditions` holds `Ready` (when reported) and the pressure
    /// conditions that are `True`.
    init(_ node: WatchedNode) {
        var conditions: [FieldValue] = []
        if let readyStatus = node.readyStatus {
            conditions.append(.fields([
                "type": .string("Ready"), "status": .string(readyStatus), "reason": .optional(node.readyReason),
            ]))
        }
        for pressure in node.pressures {
            conditions.append(.fields(["type": .string(pressure), "status": .string("True")]))
        }
        self = .fields([
            "metadata": .fields(["name": .string(node.name), "labels": .object(node.labels.mapValues { .string($0) })]),
            "spec": .fields(["unschedulable": .bool(node.isUnschedulable)]),
            "status": .fields(["conditions": .list(conditions)]),
        ])
    }

    /// The fields a ``WatchedEvent`` keeps, as a core `v1` Event (`count` is `series.count` when the event has a
    /// series).
    init(_ event: WatchedEvent) {
        let involved = event.involvedObject
        self = .fields([
            "metadata": .fields(["name": .string(event.name), "namespace": .string(event.namespace)]),
            "involvedObject": .fields([
                "kind": .optional(involved.kind), "namespace": .optional(involved.namespace),
                "name": .optional(involved.name),
            ]),
            "reason": .optional(event.reason), "message": .optional(event.message), "type": .optional(event.type),
            "count": .number(Double(event.count)),
        ])
    }
}

extension FieldShape {
    /// The shape of the tree of a `kind` of object.
    static func of(_ kind: WatchedKind) -> FieldShape {
        switch kind {
        case .pod: pod
        case .node: node
        case .event: event
        }
    }

    private static let terminated = FieldShape.object([("reason", .scalar), ("exitCode", .scalar)])

    private static let containerStatus = FieldShape.object([
        ("name", .scalar), ("ready", .scalar), ("restartCount", .scalar),
        ("state", .object([("waiting", .object([("reason", .scalar), ("message", .scalar)])), ("terminated", terminated)])),
        ("lastState", .object([("terminated", terminated)])),
    ])

    private static let pod = FieldShape.object([
        (
            "metadata",
            .object([
                ("name", .scalar), ("namespace", .scalar), ("labels", .map),
                ("ownerReferences", .list(.object([("kind", .scalar), ("name", .scalar), ("uid", .scalar)]))),
            ])
        ),
        ("spec", .object([("nodeName", .scalar)])),
        (
            "status",
            .object([
                ("phase", .scalar), ("reason", .scalar),
                (
                    "conditions",
                    .list(.object([("type", .scalar), ("status", .scalar), ("reason", .scalar), ("message", .scalar)]))
                ),
                ("containerStatuses", .list(containerStatus)), ("initContainerStatuses", .list(containerStatus)),
            ])
        ),
    ])

    private static let node = FieldShape.object([
        ("metadata", .object([("name", .scalar), ("labels", .map)])),
        ("spec", .object([("unschedulable", .scalar)])),
        ("status", .object([("conditions", .list(.object([("type", .scalar), ("status", .scalar), ("reason", .scalar)])))])),
    ])

    private static let event = FieldShape.object([
        ("metadata", .object([("name", .scalar), ("namespace", .scalar)])),
        ("involvedObject", .object([("kind", .scalar), ("namespace", .scalar), ("name", .scalar)])),
        ("reason", .scalar), ("message", .scalar), ("type", .scalar), ("count", .scalar),
    ])
}
