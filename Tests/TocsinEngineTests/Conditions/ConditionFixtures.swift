import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

/// Objects as a real kubelet, scheduler and node controller write them, all around 2026-03-10T12:00:00Z (``now``).
enum ConditionFixtures {
    /// 2026-03-10T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_773_144_000)

    /// An instant on 2026-03-10, UTC.
    static func time(_ hour: Int, _ minute: Int, _ second: Double = 0) -> Date {
        now.addingTimeInterval(Double((hour - 12) * 3600 + minute * 60) + second)
    }

    static func pod(_ json: String) throws -> WatchedPod {
        try #require(WatchedPod(KubeJSON.decode(Pod.self, from: Data(json.utf8))))
    }

    static func node(_ json: String) throws -> WatchedNode {
        try #require(WatchedNode(KubeJSON.decode(Node.self, from: Data(json.utf8))))
    }

    static func event(_ json: String) throws -> WatchedEvent {
        try #require(WatchedEvent(KubeJSON.decode(Event.self, from: Data(json.utf8))))
    }

    static func compile(_ condition: AlertCondition.Typed) throws -> CompiledCondition {
        try CompiledCondition(condition)
    }

    /// A history that has seen `pods` at the instants given, in order.
    static func history(_ observations: (WatchedPod, Date)...) -> PodHistory {
        var history = PodHistory()
        for (pod, instant) in observations { history.record(pod, at: instant) }
        return history
    }

    /// The labels every finding about the crash-looping `api` pod carries.
    static let apiPodLabels = [
        "app": "api", "pod-template-hash": "7d4b9c", "team": "payments", "namespace": "shop",
        "pod": "api-7d4b9c-x2x", "node": "node-a", "workload": "Deployment/api", "workloadKind": "Deployment",
        "workloadName": "api",
    ]

    /// A Deployment's pod crash looping: `app` waits in CrashLoopBackOff after its fifth failed run (exit 1); the
    /// sidecar runs. It carries a `pod` label that the built-in label must override.
    static let crashLooping = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-7d4b9c-x2x","namespace":"shop",
          "uid":"3f5e2a90-6f0b-4c57-9d1e-0c2b9a7e4d11","creationTimestamp":"2026-03-10T11:30:00Z",
          "labels":{"app":"api","pod-template-hash":"7d4b9c","team":"payments","pod":"spoof"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"api-7d4b9c",
            "uid":"8c1d6e4b-2f3a-4b5c-9d8e-7f6a5b4c3d2e","controller":true,"blockOwnerDeletion":true}]},
         "spec":{"nodeName":"node-a","restartPolicy":"Always",
          "containers":[{"name":"app","image":"registry.example.com/shop/api:1.4.2"},{"name":"proxy","image":"envoy:1.29"}]},
         "status":{"phase":"Running","qosClass":"Burstable","podIP":"10.244.1.17","startTime":"2026-03-10T11:30:00Z",
          "conditions":[
            {"type":"PodReadyToStartContainers","status":"True","lastTransitionTime":"2026-03-10T11:30:02Z"},
            {"type":"Initialized","status":"True","lastTransitionTime":"2026-03-10T11:30:00Z"},
            {"type":"Ready","status":"False","reason":"ContainersNotReady",
             "message":"containers with unready status: [app]","lastTransitionTime":"2026-03-10T11:50:00Z"},
            {"type":"ContainersReady","status":"False","reason":"ContainersNotReady",
             "message":"containers with unready status: [app]","lastTransitionTime":"2026-03-10T11:50:00Z"},
            {"type":"PodScheduled","status":"True","lastTransitionTime":"2026-03-10T11:30:00Z"}],
          "containerStatuses":[
            {"name":"app","ready":false,"started":false,"restartCount":5,
             "image":"registry.example.com/shop/api:1.4.2","imageID":"registry.example.com/shop/api@sha256:4b1f",
             "containerID":"containerd://9a8b7c",
             "state":{"waiting":{"reason":"CrashLoopBackOff",
               "message":"back-off 2m40s restarting failed container=app pod=api-7d4b9c-x2x_shop(3f5e2a90-6f0b-4c57-9d1e-0c2b9a7e4d11)"}},
             "lastState":{"terminated":{"exitCode":1,"reason":"Error","startedAt":"2026-03-10T11:54:10Z",
               "finishedAt":"2026-03-10T11:54:40Z","containerID":"containerd://9a8b7c"}}},
            {"name":"proxy","ready":true,"started":true,"restartCount":0,"image":"envoy:1.29",
             "state":{"running":{"startedAt":"2026-03-10T11:30:05Z"}},"lastState":{}}]}}
        """

    /// A pod whose image cannot be pulled.
    static let imagePullBackOff = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-5f6d8-abcde","namespace":"shop",
          "creationTimestamp":"2026-03-10T11:40:00Z","labels":{"app":"web","pod-template-hash":"5f6d8"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5f6d8","uid":"u-web","controller":true}]},
         "spec":{"nodeName":"node-b","containers":[{"name":"web","image":"registry.example.com/shop/web:2.0.0-rc1"}]},
         "status":{"phase":"Pending","startTime":"2026-03-10T11:40:00Z",
          "conditions":[
            {"type":"Ready","status":"False","reason":"ContainersNotReady","message":"containers with unready status: [web]",
             "lastTransitionTime":"2026-03-10T11:40:00Z"},
            {"type":"PodScheduled","status":"True","lastTransitionTime":"2026-03-10T11:40:00Z"}],
          "containerStatuses":[{"name":"web","ready":false,"started":false,"restartCount":0,
            "image":"registry.example.com/shop/web:2.0.0-rc1","imageID":"",
            "state":{"waiting":{"reason":"ImagePullBackOff",
              "message":"Back-off pulling image \\"registry.example.com/shop/web:2.0.0-rc1\\""}},"lastState":{}}]}}
        """

    /// A StatefulSet pod that was OOMKilled at 11:56 and runs again since 11:56:02.
    static let oomKilledThenRunning = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"cache-0","namespace":"shop",
          "creationTimestamp":"2026-03-10T09:00:00Z","labels":{"app":"cache","controller-revision-hash":"cache-6b9f"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"cache","uid":"u-cache","controller":true}]},
         "spec":{"nodeName":"node-a","containers":[{"name":"redis","image":"redis:7.2"}]},
         "status":{"phase":"Running",
          "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-03-10T11:56:12Z"},
            {"type":"PodScheduled","status":"True","lastTransitionTime":"2026-03-10T09:00:00Z"}],
          "containerStatuses":[{"name":"redis","ready":true,"started":true,"restartCount":1,"image":"redis:7.2",
            "state":{"running":{"startedAt":"2026-03-10T11:56:02Z"}},
            "lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","startedAt":"2026-03-10T09:00:03Z",
              "finishedAt":"2026-03-10T11:56:00Z","containerID":"containerd://1c2d3e"}}}]}}
        """

    /// A pod evicted by the kubelet under memory pressure.
    static let evicted = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"worker-6c8d9-qwert","namespace":"batch",
          "creationTimestamp":"2026-03-10T08:00:00Z","labels":{"app":"worker","pod-template-hash":"6c8d9"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"worker-6c8d9","uid":"u-w","controller":true}]},
         "spec":{"nodeName":"node-c","containers":[{"name":"worker","image":"worker:3"}]},
         "status":{"phase":"Failed","reason":"Evicted",
          "message":"The node was low on resource: memory. Threshold quantity: 100Mi, available: 91984Ki. Container worker was using 1788292Ki, request is 512Mi, has larger consumption of memory. ",
          "conditions":[{"type":"Ready","status":"False","reason":"PodFailed","lastTransitionTime":"2026-03-10T11:45:00Z"},
            {"type":"DisruptionTarget","status":"True","reason":"TerminationByKubelet",
             "message":"The node was low on resource: memory.","lastTransitionTime":"2026-03-10T11:44:58Z"}],
          "containerStatuses":[{"name":"worker","ready":false,"restartCount":0,"image":"worker:3",
            "state":{"terminated":{"exitCode":137,"reason":"ContainerStatusUnknown",
              "message":"The container could not be located when the pod was terminated","startedAt":null,"finishedAt":null}},
            "lastState":{}}]}}
        """

    /// A pod the scheduler cannot place.
    static let unschedulable = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"big-0","namespace":"ml",
          "creationTimestamp":"2026-03-10T11:20:00Z","labels":{"app":"big"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"big","uid":"u-big","controller":true}]},
         "spec":{"containers":[{"name":"trainer","image":"trainer:1"}]},
         "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable",
           "message":"0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
           "lastProbeTime":null,"lastTransitionTime":"2026-03-10T11:20:00Z"}],"qosClass":"Burstable"}}
        """

    /// A CronJob's Job pod that completed.
    static let completedJob = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"backup-29012345-7xk2p","namespace":"ops",
          "creationTimestamp":"2026-03-10T11:00:00Z",
          "labels":{"batch.kubernetes.io/job-name":"backup-29012345","job-name":"backup-29012345"},
          "ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"backup-29012345","uid":"u-job","controller":true}]},
         "spec":{"nodeName":"node-b","restartPolicy":"Never","containers":[{"name":"backup","image":"backup:1"}]},
         "status":{"phase":"Succeeded",
          "conditions":[{"type":"Ready","status":"False","reason":"PodCompleted","lastTransitionTime":"2026-03-10T11:03:00Z"},
            {"type":"PodScheduled","status":"True","lastTransitionTime":"2026-03-10T11:00:00Z"}],
          "containerStatuses":[{"name":"backup","ready":false,"restartCount":0,"image":"backup:1",
            "state":{"terminated":{"exitCode":0,"reason":"Completed","startedAt":"2026-03-10T11:00:02Z",
              "finishedAt":"2026-03-10T11:03:00Z"}}}]}}
        """

    /// A pod held back by a scheduling gate.
    static let gated = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"queued-0","namespace":"ml","creationTimestamp":"2026-03-10T10:00:00Z",
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"queued","uid":"u-q","controller":true}]},
         "spec":{"schedulingGates":[{"name":"kueue.x-k8s.io/admission"}],"containers":[{"name":"c","image":"c:1"}]},
         "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated",
           "message":"Scheduling is blocked due to non-empty scheduling gates","lastTransitionTime":"2026-03-10T10:00:00Z"}]}}
        """

    /// A node whose kubelet stopped reporting: the node controller set every condition to Unknown.
    static let nodeStatusUnknown = """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-c","creationTimestamp":"2026-01-05T08:00:00Z",
          "labels":{"kubernetes.io/hostname":"node-c","topology.kubernetes.io/zone":"eu-west-1b","node":"spoof"}},
         "spec":{"podCIDR":"10.244.3.0/24","taints":[{"key":"node.kubernetes.io/unreachable","effect":"NoSchedule",
           "timeAdded":"2026-03-10T11:41:00Z"},{"key":"node.kubernetes.io/unreachable","effect":"NoExecute","timeAdded":"2026-03-10T11:41:05Z"}]},
         "status":{"conditions":[
           {"type":"MemoryPressure","status":"Unknown","lastHeartbeatTime":"2026-03-10T11:39:50Z",
            "lastTransitionTime":"2026-03-10T11:41:00Z","reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status."},
           {"type":"DiskPressure","status":"Unknown","lastHeartbeatTime":"2026-03-10T11:39:50Z",
            "lastTransitionTime":"2026-03-10T11:41:00Z","reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status."},
           {"type":"PIDPressure","status":"Unknown","lastHeartbeatTime":"2026-03-10T11:39:50Z",
            "lastTransitionTime":"2026-03-10T11:41:00Z","reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status."},
           {"type":"Ready","status":"Unknown","lastHeartbeatTime":"2026-03-10T11:39:50Z",
            "lastTransitionTime":"2026-03-10T11:41:00Z","reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status."}]}}
        """

    /// A ready node under disk pressure.
    static let diskPressure = """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-b","labels":{"kubernetes.io/hostname":"node-b"}},
         "spec":{"taints":[{"key":"node.kubernetes.io/disk-pressure","effect":"NoSchedule","timeAdded":"2026-03-10T11:52:00Z"}]},
         "status":{"conditions":[
           {"type":"MemoryPressure","status":"False","reason":"KubeletHasSufficientMemory","message":"kubelet has sufficient memory available",
            "lastHeartbeatTime":"2026-03-10T11:59:00Z","lastTransitionTime":"2026-01-05T08:00:00Z"},
           {"type":"DiskPressure","status":"True","reason":"KubeletHasDiskPressure","message":"kubelet has disk pressure",
            "lastHeartbeatTime":"2026-03-10T11:59:00Z","lastTransitionTime":"2026-03-10T11:52:00Z"},
           {"type":"PIDPressure","status":"False","reason":"KubeletHasSufficientPID","message":"kubelet has sufficient PID available",
            "lastHeartbeatTime":"2026-03-10T11:59:00Z","lastTransitionTime":"2026-01-05T08:00:00Z"},
           {"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status",
            "lastHeartbeatTime":"2026-03-10T11:59:00Z","lastTransitionTime":"2026-01-05T08:00:30Z"}]}}
        """

    /// A ready node cordoned by `kubectl cordon`.
    static let cordoned = """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-a","labels":{"kubernetes.io/hostname":"node-a"}},
         "spec":{"unschedulable":true,"taints":[{"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule",
           "timeAdded":"2026-03-10T11:30:00Z"}]},
         "status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status",
           "lastHeartbeatTime":"2026-03-10T11:59:00Z","lastTransitionTime":"2026-01-05T08:00:30Z"}]}}
        """

    /// A core/v1 Event from the kubelet, repeated 7 times from 11:10 to 11:58.
    static let backOffEvent = """
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"api-7d4b9c-x2x.17c0a3b1f2e4d5c6","namespace":"shop",
          "uid":"e1","resourceVersion":"48211","creationTimestamp":"2026-03-10T11:10:00Z"},
         "involvedObject":{"kind":"Pod","namespace":"shop","name":"api-7d4b9c-x2x","uid":"3f5e2a90-6f0b-4c57-9d1e-0c2b9a7e4d11",
          "apiVersion":"v1","resourceVersion":"48001","fieldPath":"spec.containers{app}"},
         "reason":"BackOff","message":"Back-off restarting failed container app in pod api-7d4b9c-x2x_shop(3f5e2a90-6f0b-4c57-9d1e-0c2b9a7e4d11)",
         "source":{"component":"kubelet","host":"node-a"},"firstTimestamp":"2026-03-10T11:10:00Z",
         "lastTimestamp":"2026-03-10T11:58:00Z","count":7,"type":"Warning","eventTime":null,
         "reportingComponent":"kubelet","reportingInstance":"node-a"}
        """

    /// The scheduler's event written through events.k8s.io: `eventTime` and a `series` instead of `count`.
    static let failedSchedulingSeries = """
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"big-0.17c0a40e5b6a7c8d","namespace":"ml",
          "creationTimestamp":"2026-03-10T11:57:00Z"},
         "involvedObject":{"kind":"Pod","namespace":"ml","name":"big-0","uid":"u-big-0","apiVersion":"v1","resourceVersion":"50100"},
         "reason":"FailedScheduling","message":"0/3 nodes are available: 2 Insufficient memory.",
         "source":{},"firstTimestamp":null,"lastTimestamp":null,"type":"Warning",
         "eventTime":"2026-03-10T11:57:00.123456Z","series":{"count":4,"lastObservedTime":"2026-03-10T11:59:30.654321Z"},
         "action":"Scheduling","reportingComponent":"default-scheduler","reportingInstance":"default-scheduler-control-plane"}
        """
}
