import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("The generic field condition")
struct FieldConditionTests {
    typealias F = ConditionFixtures
    typealias Op = FieldCondition.Operator

    static func podFinding(_ path: String, _ op: Op, _ value: String? = nil, values: [String]? = nil) throws -> Finding? {
        let condition = try F.compile(.field(FieldCondition(kind: .pod, path: path, operator: op, value: value, values: values)))
        return condition.finding(for: try F.pod(F.crashLooping), history: PodHistory(), now: F.now)
    }

    @Test func restartCountAboveAThresholdMatchesWithTheValue() throws {
        var labels = F.apiPodLabels
        labels["kind"] = "Pod"
        labels["name"] = "api-7d4b9c-x2x"
        #expect(try Self.podFinding("status.containerStatuses[*].restartCount", .greaterThan, "4") == Finding(
            object: AffectedObject(
                kind: "Pod", namespace: "shop", name: "api-7d4b9c-x2x",
                detail: "status.containerStatuses[*].restartCount = 5"),
            labels: labels, value: 5))
    }

    @Test(arguments: [
        ("status.containerStatuses[*].restartCount", Op.greaterThan, "5", nil, false),
        ("status.containerStatuses[*].restartCount", .greaterThanOrEqual, "5", nil, true),
        ("status.containerStatuses[*].restartCount", .lessThan, "1", nil, true),
        ("status.containerStatuses[*].restartCount", .lessThanOrEqual, "-1", nil, false),
        ("status.containerStatuses[1].restartCount", .equal, "0.0", nil, true),
        ("status.containerStatuses[2].restartCount", .equal, "0", nil, false),
        ("status.phase", .equal, "Running", nil, true),
        ("status.phase", .notEqual, "Running", nil, false),
        ("status.reason", .notEqual, "Evicted", nil, false),
        ("status.phase", .in, nil, ["Pending", "Running"], true),
        ("status.phase", .in, nil, ["Pending", "Failed"], false),
        ("metadata.labels[\"app\"]", .equal, "api", nil, true),
        ("metadata.labels.team", .matches, "^pay", nil, true),
        ("metadata.labels.missing", .matches, ".*", nil, false),
        ("metadata.ownerReferences[0].kind", .equal, "ReplicaSet", nil, true),
        ("spec.nodeName", .matches, "node-[ab]", nil, true),
        ("status.containerStatuses[0].ready", .equal, "false", nil, true),
        ("status.containerStatuses[0].ready", .equal, "False", nil, true),
        ("status.containerStatuses[*].ready", .greaterThan, "0", nil, false),
        ("status.containerStatuses[*].state.waiting.reason", .equal, "CrashLoopBackOff", nil, true),
        ("status.containerStatuses[*].state.waiting.message", .matches, "back-off [0-9]+m", nil, true),
        ("status.containerStatuses[*].lastState.terminated.exitCode", .in, nil, ["1", "137"], true),
        ("status.containerStatuses[*].lastState.terminated.reason", .equal, "OOMKilled", nil, false),
        ("status.conditions[*].status", .equal, "False", nil, true),
        ("status.initContainerStatuses[*].name", .matches, ".*", nil, false),
    ] as [(String, Op, String?, [String]?, Bool)])
    func operatorsOnPodFields(path: String, op: Op, value: String?, values: [String]?, matches: Bool) throws {
        #expect((try Self.podFinding(path, op, value, values: values) != nil) == matches)
    }

    @Test(arguments: [
        (F.cordoned, "spec.unschedulable", Op.equal, "true", true),
        (F.diskPressure, "spec.unschedulable", .equal, "true", false),
        (F.diskPressure, "status.conditions[*].type", .equal, "DiskPressure", true),
        (F.nodeStatusUnknown, "status.conditions[*].reason", .equal, "NodeStatusUnknown", true),
        (F.nodeStatusUnknown, "metadata.labels[\"topology.kubernetes.io/zone\"]", .equal, "eu-west-1b", true),
    ])
    func operatorsOnNodeFields(json: String, path: String, op: Op, value: String, matches: Bool) throws {
        let condition = try F.compile(.field(FieldCondition(kind: .node, path: path, operator: op, value: value)))
        #expect(condition.kind == .node)
        let finding = condition.finding(for: try F.node(json), now: F.now)
        #expect((finding != nil) == matches)
        if let finding {
            #expect(finding.labels["kind"] == "Node")
            #expect(finding.labels["namespace"] == nil)
            #expect(finding.labels["name"] == finding.object.name)
        }
    }

    @Test func eventFieldsCompareCountsAsNumbers() throws {
        let event = try F.event(F.backOffEvent)
        var history = EventHistory()
        history.record(event, at: F.now)
        let condition = try F.compile(.field(FieldCondition(kind: .event, path: "count", operator: .greaterThanOrEqual, value: "7")))
        #expect(condition.finding(for: event, history: history, now: F.now) == Finding(
            object: AffectedObject(
                kind: "Event", namespace: "shop", name: "api-7d4b9c-x2x.17c0a3b1f2e4d5c6", detail: "count = 7"),
            labels: [
                "kind": "Event", "namespace": "shop", "name": "api-7d4b9c-x2x.17c0a3b1f2e4d5c6", "reason": "BackOff",
                "object": "Pod/api-7d4b9c-x2x",
            ],
            value: 7))
        let kind = try F.compile(.field(FieldCondition(kind: .event, path: "involvedObject.kind", operator: .equal, value: "Node")))
        #expect(kind.finding(for: event, history: history, now: F.now) == nil)
        // A field condition on events does not evaluate pods.
        #expect(condition.finding(for: try F.pod(F.crashLooping), history: PodHistory(), now: F.now) == nil)
    }

    /// Every path listed as supported resolves on a fully populated projection: the tree and its shape agree.
    @Test(arguments: [WatchedKind.pod, .node, .event])
    func everySupportedPathResolves(kind: WatchedKind) throws {
        let paths = try Self.supportedPaths(kind)
        #expect(paths.count > 5)
        for path in paths {
            let concrete = path.replacingOccurrences(of: "[\"<key>\"]", with: "[\"app\"]")
            let condition = try F.compile(.field(FieldCondition(kind: kind, path: concrete, operator: .matches, value: ".*")))
            #expect(try Self.findingOnFullObject(condition, kind: kind) != nil, "\(concrete) does not resolve")
        }
    }

    /// The supported paths, as the error for an unknown path lists them.
    static func supportedPaths(_ kind: WatchedKind) throws -> [String] {
        do throws(ConditionError) {
            _ = try CompiledCondition(.field(FieldCondition(kind: kind, path: "nope", operator: .equal, value: "x")))
        } catch {
            let marker = "supported \(kind.rawValue) paths: "
            let range = try #require(error.message.range(of: marker))
            return error.message[range.upperBound...].components(separatedBy: ", ")
        }
        Issue.record("an unknown path compiled")
        return []
    }

    static func findingOnFullObject(_ condition: CompiledCondition, kind: WatchedKind) throws -> Finding? {
        switch kind {
        case .pod:
            let container = WatchedContainer(
                name: "c", isReady: true, restartCount: 1, waitingReason: "w", waitingMessage: "m",
                terminatedReason: "t", terminatedExitCode: 1, lastTerminatedReason: "l", lastTerminatedExitCode: 2)
            var initContainer = container
            initContainer.isInit = true
            let pod = WatchedPod(
                namespace: "n", name: "p", phase: "Pending", reason: "r", nodeName: "node", isUnschedulable: true,
                schedulingMessage: "s", labels: ["app": "a"], owner: WatchedOwner(uid: "u", kind: "Job", name: "j"),
                containers: [initContainer, container])
            return condition.finding(for: pod, history: PodHistory(), now: F.now)
        case .node:
            let node = WatchedNode(
                name: "n", readyStatus: "False", readyReason: "r", pressures: ["DiskPressure"], isUnschedulable: true,
                labels: ["app": "a"])
            return condition.finding(for: node, now: F.now)
        case .event:
            var event = try F.event(F.backOffEvent)
            event.involvedObject.namespace = "shop"
            var history = EventHistory()
            history.record(event, at: F.now)
            return condition.finding(for: event, history: history, now: F.now)
        }
    }
}
