import Foundation
import TocsinTesting

/// Nodes as a real API server sends them: labels, taints, addresses, capacity, the kubelet's five conditions,
/// node info and a list of cached images (the bulk of a real node object), with `managedFields`. About 6 KB each.
enum NodeFixture {
    static func name(of index: Int) -> String { "ip-10-\(index / 250)-\(index % 250)-17.eu-west-1.compute.internal" }

    static func node(_ index: Int) -> FakeJSON {
        let name = name(of: index)
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": [
                "name": .string(name), "uid": .string(PodFixture.uid(0x0de0, index)), "resourceVersion": "1",
                "creationTimestamp": "2026-11-01T08:00:00Z",
                "labels": [
                    "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/instance-type": "m6i.2xlarge",
                    "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": .string(name),
                    "kubernetes.io/os": "linux", "node.kubernetes.io/instance-type": "m6i.2xlarge",
                    "topology.kubernetes.io/region": "eu-west-1", "topology.kubernetes.io/zone": .string("eu-west-1\(["a", "b", "c"][index % 3])"),
                    "eks.amazonaws.com/nodegroup": "general-purpose",
                ],
                "annotations": [
                    "alpha.kubernetes.io/provided-node-ip": .string("10.\(index / 250).\(index % 250).17"),
                    "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true",
                ],
                "managedFields": [
                    [
                        "manager": "kubelet", "operation": "Update", "apiVersion": "v1", "time": "2026-11-01T08:00:00Z",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": ["f:metadata": ["f:labels": [".": [:], "f:kubernetes.io/hostname": [:]]], "f:spec": ["f:providerID": [:]]],
                    ],
                    [
                        "manager": "kubelet", "operation": "Update", "apiVersion": "v1", "subresource": "status",
                        "time": "2026-11-20T09:58:20Z", "fieldsType": "FieldsV1",
                        "fieldsV1": ["f:status": ["f:conditions": ["k:{\"type\":\"Ready\"}": ["f:lastHeartbeatTime": [:], "f:status": [:]]], "f:images": [:]]],
                    ],
                ],
            ],
            "spec": [
                "providerID": .string("aws:///eu-west-1a/i-0\(String(index, radix: 16))f3c2a1b"),
                "taints": index % 10 == 0 ? [["key": "dedicated", "value": "batch", "effect": "NoSchedule"]] : [],
            ],
            "status": [
                "capacity": ["cpu": "8", "memory": "32386704Ki", "pods": "58", "ephemeral-storage": "104845292Ki"],
                "allocatable": ["cpu": "7910m", "memory": "31369872Ki", "pods": "58", "ephemeral-storage": "95551679124"],
                "conditions": .array(conditions()),
                "addresses": [
                    ["type": "InternalIP", "address": .string("10.\(index / 250).\(index % 250).17")],
                    ["type": "Hostname", "address": .string(name)],
                    ["type": "InternalDNS", "address": .string(name)],
                ],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": [
                    "machineID": "ec2a4c5e7f0d4b3a9c8e1f2d3b4a5c6d", "systemUUID": "ec2a4c5e-7f0d-4b3a-9c8e-1f2d3b4a5c6d",
                    "bootID": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", "kernelVersion": "6.1.112-124.190.amzn2023.x86_64",
                    "osImage": "Amazon Linux 2023.6.20241031", "containerRuntimeVersion": "containerd://1.7.22",
                    "kubeletVersion": "v1.31.2-eks-94953ac", "kubeProxyVersion": "v1.31.2-eks-94953ac",
                    "operatingSystem": "linux", "architecture": "amd64",
                ],
                "images": .array(images()),
            ],
        ]
    }

    static func conditions() -> [FakeJSON] {
        [
            ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ].map { type, status, reason, message in
            [
                "type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
                "lastHeartbeatTime": "2026-11-20T09:58:20Z", "lastTransitionTime": "2026-11-01T08:01:10Z",
            ]
        }
    }

    static func images() -> [FakeJSON] {
        (0..<12).map { image in
            [
                "names": [
                    .string("registry.example.com/platform/image-\(image)@sha256:\(String(repeating: "ab12cd34", count: 8))"),
                    .string("registry.example.com/platform/image-\(image):v\(image).4.1"),
                ],
                "sizeBytes": .number(Double(40_000_000 + image * 3_100_000)),
            ]
        }
    }
}

/// Kubernetes Events (core/v1) as the kubelet and controllers write them: a pod's Pulled/Created/Started/BackOff
/// and a few warnings, with `managedFields`. About 1.1 KB each.
enum EventFixture {
    static let reasons: [(type: String, reason: String, message: String)] = [
        ("Normal", "Pulled", "Container image \"registry.example.com/shop/checkout:1.42.3\" already present on machine"),
        ("Normal", "Created", "Created container app"),
        ("Normal", "Started", "Started container app"),
        ("Warning", "BackOff", "Back-off restarting failed container app in pod"),
        ("Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503"),
    ]

    static func event(_ index: Int) -> FakeJSON {
        let pod = index % 10_000
        let podName = PodFixture.name(of: pod)
        let namespace = PodFixture.namespace(of: pod)
        let kind = reasons[index % reasons.count]
        return [
            "apiVersion": "v1", "kind": "Event",
            "metadata": [
                "name": .string("\(podName).\(String(0x17a2b3c4d5e6 + index, radix: 16))"), "namespace": .string(namespace),
                "uid": .string(PodFixture.uid(0x0e0e, index)), "resourceVersion": "1",
                "creationTimestamp": "2026-11-20T09:58:20Z",
                "managedFields": [[
                    "manager": "kubelet", "operation": "Update", "apiVersion": "v1", "time": "2026-11-20T09:58:20Z",
                    "fieldsType": "FieldsV1",
                    "fieldsV1": [
                        "f:count": [:], "f:firstTimestamp": [:], "f:involvedObject": [:], "f:lastTimestamp": [:],
                        "f:message": [:], "f:reason": [:], "f:reportingComponent": [:], "f:reportingInstance": [:],
                        "f:source": ["f:component": [:], "f:host": [:]], "f:type": [:],
                    ],
                ]],
            ],
            "involvedObject": [
                "apiVersion": "v1", "kind": "Pod", "name": .string(podName), "namespace": .string(namespace),
                "uid": .string(PodFixture.uid(0x90d0, pod)), "resourceVersion": "1", "fieldPath": "spec.containers{app}",
            ],
            "reason": .string(kind.reason), "message": .string(kind.message), "type": .string(kind.type),
            "source": ["component": "kubelet", "host": .string(NodeFixture.name(of: pod % 1_000))],
            "firstTimestamp": "2026-11-20T09:50:00Z", "lastTimestamp": "2026-11-20T09:58:20Z",
            "count": .number(Double(1 + index % 7)), "eventTime": .null,
            "reportingComponent": "kubelet", "reportingInstance": .string(NodeFixture.name(of: pod % 1_000)),
        ]
    }
}
