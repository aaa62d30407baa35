import Foundation
import TocsinTesting

/// Pods as a real API server stores and sends them: a Deployment's pod with three containers, their
/// statuses, labels, an owner reference to its ReplicaSet, a projected service-account volume and the
/// `managedFields` written by kube-controller-manager and the kubelet. About 10.6 KB per watch line.
enum PodFixture {
    /// The namespaces the pods are spread over.
    static let namespaces = (0..<10).map { "bench-\($0)" }

    /// How many pods share one ReplicaSet.
    static let podsPerReplicaSet = 20

    /// The containers of every pod: name, image, port.
    static let containers: [(name: String, image: String, port: Int64)] = [
        ("app", "registry.example.com/shop/checkout:1.42.3", 8080),
        ("envoy", "docker.io/envoyproxy/envoy:v1.31.2", 15001),
        ("log-shipper", "cr.fluentbit.io/fluent/fluent-bit:3.1.9", 2020),
    ]

    static func namespace(of index: Int) -> String { namespaces[index % namespaces.count] }

    static func replicaSet(of index: Int) -> Int { index / podsPerReplicaSet }

    static func name(of index: Int) -> String {
        "checkout-\(replicaSet(of: index))-7d9f8c6b5-\(String(index, radix: 36))"
    }

    /// A deterministic UUID-shaped string.
    static func uid(_ kind: UInt32, _ index: Int) -> String {
        let value = UInt64(truncatingIfNeeded: index)
        let high = String(format: "%08x", kind)
        let low = String(format: "%012llx", value &* 2_654_435_761 & 0xffff_ffff_ffff)
        return "\(high)-\(String(format: "%04x", index & 0xffff))-4\(String(format: "%03x", index & 0xfff))-8a1c-\(low)"
    }

    /// The full pod, with server-set fields (uid, resourceVersion, creationTimestamp) filled in as the
    /// server would send them; the fake overwrites those on create.
    static func pod(_ index: Int, restarts: Int64 = 0, resourceVersion: Int = 1) -> FakeJSON {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": metadata(index, resourceVersion: resourceVersion),
            "spec": spec(index),
            "status": status(index, restarts: restarts),
        ]
    }

    /// The body of a status update (as the kubelet's `PUT …/status`) that sets the first container's
    /// restart count.
    static func statusUpdate(_ index: Int, restarts: Int64) -> FakeJSON {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name(of: index)), "namespace": .string(namespace(of: index))],
            "status": status(index, restarts: restarts),
        ]
    }

    static func metadata(_ index: Int, resourceVersion: Int) -> FakeJSON {
        let replicaSetName = "checkout-\(replicaSet(of: index))-7d9f8c6b5"
        return [
            "name": .string(name(of: index)),
            "generateName": .string("\(replicaSetName)-"),
            "namespace": .string(namespace(of: index)),
            "uid": .string(uid(0x70d, index)),
            "resourceVersion": .string(String(resourceVersion)),
            "creationTimestamp": "2026-11-20T09:58:12Z",
            "labels": [
                "app.kubernetes.io/name": "checkout",
                "app.kubernetes.io/instance": .string("checkout-\(replicaSet(of: index))"),
                "app.kubernetes.io/part-of": "shop",
                "pod-template-hash": "7d9f8c6b5",
                "security.istio.io/tlsMode": "istio",
            ],
            "annotations": [
                "kubectl.kubernetes.io/restartedAt": "2026-11-19T16:02:44Z",
                "prometheus.io/scrape": "true",
                "prometheus.io/port": "2020",
            ],
            "ownerReferences": [
                [
                    "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": .string(replicaSetName),
                    "uid": .string(uid(0x5e7, replicaSet(of: index))), "controller": true,
                    "blockOwnerDeletion": true,
                ]
            ],
            "managedFields": managedFields(),
        ]
    }

    static func spec(_ index: Int) -> FakeJSON {
        [
            "nodeName": .string("node-\(index % 100)"),
            "serviceAccountName": "checkout",
            "restartPolicy": "Always",
            "dnsPolicy": "ClusterFirst",
            "schedulerName": "default-scheduler",
            "terminationGracePeriodSeconds": 30,
            "priority": 0,
            "enableServiceLinks": true,
            "preemptionPolicy": "PreemptLowerPriority",
            "securityContext": ["runAsNonRoot": true, "fsGroup": 2000],
            "tolerations": [
                ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
                ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
            ],
            "volumes": [
                [
                    "name": "kube-api-access-x7q2m",
                    "projected": [
                        "defaultMode": 420,
                        "sources": [
                            ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                            ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]],
                            ["downwardAPI": ["items": [["path": "namespace", "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"]]]]],
                        ],
                    ],
                ]
            ],
            "containers": .array(containers.map(containerSpec)),
        ]
    }

    static func containerSpec(_ container: (name: String, image: String, port: Int64)) -> FakeJSON {
        [
            "name": .string(container.name),
            "image": .string(container.image),
            "imagePullPolicy": "IfNotPresent",
            "ports": [["name": "http", "containerPort": .integer(container.port), "protocol": "TCP"]],
            "env": [
                ["name": "LOG_LEVEL", "value": "info"],
                ["name": "POD_NAME", "valueFrom": ["fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.name"]]],
                ["name": "GOMAXPROCS", "value": "2"],
            ],
            "resources": ["requests": ["cpu": "100m", "memory": "128Mi"], "limits": ["memory": "256Mi"]],
            "readinessProbe": [
                "httpGet": ["path": "/ready", "port": .integer(container.port), "scheme": "HTTP"],
                "periodSeconds": 10, "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3,
            ],
            "volumeMounts": [
                ["name": "kube-api-access-x7q2m", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true]
            ],
            "terminationMessagePath": "/dev/termination-log",
            "terminationMessagePolicy": "File",
        ]
    }

    static func status(_ index: Int, restarts: Int64) -> FakeJSON {
        let conditions: [FakeJSON] = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]
            .map { ["type": .string($0), "status": "True", "lastProbeTime": .null, "lastTransitionTime": "2026-11-20T09:58:20Z"] }
        let statuses: [FakeJSON] = containers.enumerated().map { offset, container in
            let count = offset == 0 ? restarts : 0
            var lastState: FakeJSON = [:]
            if count > 0 {
                lastState = [
                    "terminated": [
                        "exitCode": 137, "reason": "OOMKilled", "startedAt": "2026-11-20T09:58:19Z",
                        "finishedAt": "2026-11-20T10:12:03Z",
                        "containerID": .string("containerd://\(String(repeating: "5c", count: 32))"),
                    ]
                ]
            }
            return [
                "name": .string(container.name), "ready": true, "started": true, "restartCount": .integer(count),
                "image": .string(container.image),
                "imageID": .string("\(container.image)@sha256:\(String(repeating: "9f3b", count: 16))"),
                "containerID": .string("containerd://\(String(repeating: String(format: "%02x", (index + offset) & 0xff), count: 32))"),
                "state": ["running": ["startedAt": "2026-11-20T09:58:19Z"]],
                "lastState": lastState,
                "volumeMounts": [
                    ["name": "kube-api-access-x7q2m", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true, "recursiveReadOnly": "Disabled"]
                ],
            ]
        }
        return [
            "phase": "Running",
            "conditions": .array(conditions),
            "hostIP": .string("10.0.\(index % 100).\(10 + index % 200)"),
            "hostIPs": [["ip": .string("10.0.\(index % 100).\(10 + index % 200)")]],
            "podIP": .string("10.244.\(index / 250 % 250).\(index % 250)"),
            "podIPs": [["ip": .string("10.244.\(index / 250 % 250).\(index % 250)")]],
            "startTime": "2026-11-20T09:58:12Z",
            "qosClass": "Burstable",
            "containerStatuses": .array(statuses),
        ]
    }
}
