import TocsinTesting

extension PodFixture {
    /// The `managedFields` of a Deployment's pod as a real API server returns them: the ReplicaSet
    /// controller's create (`kube-controller-manager`, spec and metadata) and the kubelet's status updates.
    static func managedFields() -> FakeJSON {
        [
            [
                "manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1",
                "time": "2026-11-20T09:58:12Z", "fieldsType": "FieldsV1",
                "fieldsV1": [
                    "f:metadata": [
                        "f:annotations": fields(["kubectl.kubernetes.io/restartedAt", "prometheus.io/port", "prometheus.io/scrape"]),
                        "f:generateName": [:],
                        "f:labels": fields([
                            "app.kubernetes.io/instance", "app.kubernetes.io/name", "app.kubernetes.io/part-of",
                            "pod-template-hash", "security.istio.io/tlsMode",
                        ]),
                        "f:ownerReferences": [".": [:], "k:{\"uid\":\"owner\"}": [:]],
                    ],
                    "f:spec": .object(specFields()),
                ],
            ],
            [
                "manager": "kubelet", "operation": "Update", "apiVersion": "v1", "subresource": "status",
                "time": "2026-11-20T09:58:20Z", "fieldsType": "FieldsV1",
                "fieldsV1": ["f:status": .object(statusFields())],
            ],
        ]
    }

    /// `{"f:a": {}, "f:b": {}, …}`.
    static func fields(_ names: [String], prefix: String = "f:") -> FakeJSON {
        .object(Dictionary(uniqueKeysWithValues: names.map { ("\(prefix)\($0)", FakeJSON.object([:])) }))
    }

    static func specFields() -> [String: FakeJSON] {
        var spec: [String: FakeJSON] = [:]
        var containerFields: [String: FakeJSON] = [".": [:]]
        for container in containers {
            containerFields["k:{\"name\":\"\(container.name)\"}"] = [
                ".": [:], "f:image": [:], "f:imagePullPolicy": [:], "f:name": [:],
                "f:env": [".": [:], "k:{\"name\":\"LOG_LEVEL\"}": fields(["name", "value"]),
                          "k:{\"name\":\"POD_NAME\"}": ["f:name": [:], "f:valueFrom": ["f:fieldRef": [:]]],
                          "k:{\"name\":\"GOMAXPROCS\"}": fields(["name", "value"])],
                "f:ports": [".": [:], "k:{\"containerPort\":\(container.port),\"protocol\":\"TCP\"}": fields(["containerPort", "name", "protocol"])],
                "f:readinessProbe": [".": [:], "f:failureThreshold": [:], "f:httpGet": fields(["path", "port", "scheme"]),
                                     "f:periodSeconds": [:], "f:successThreshold": [:], "f:timeoutSeconds": [:]],
                "f:resources": [".": [:], "f:limits": fields(["memory"]), "f:requests": fields(["cpu", "memory"])],
                "f:terminationMessagePath": [:], "f:terminationMessagePolicy": [:],
            ]
        }
        spec["f:containers"] = .object(containerFields)
        for name in [
            "dnsPolicy", "enableServiceLinks", "restartPolicy", "schedulerName", "serviceAccount",
            "serviceAccountName", "terminationGracePeriodSeconds",
        ] {
            spec["f:\(name)"] = [:]
        }
        spec["f:securityContext"] = fields(["fsGroup", "runAsNonRoot"])
        return spec
    }

    static func statusFields() -> [String: FakeJSON] {
        var conditions: [String: FakeJSON] = [:]
        for type in ["ContainersReady", "Initialized", "PodReadyToStartContainers", "PodScheduled", "Ready"] {
            conditions["k:{\"type\":\"\(type)\"}"] = [
                ".": [:], "f:lastProbeTime": [:], "f:lastTransitionTime": [:], "f:status": [:], "f:type": [:],
            ]
        }
        return [
            "f:conditions": .object(conditions),
            "f:containerStatuses": [:],
            "f:hostIP": [:],
            "f:hostIPs": [:],
            "f:phase": [:],
            "f:podIP": [:],
            "f:podIPs": [".": [:], "k:{\"ip\":\"10.244.0.1\"}": fields(["ip"])],
            "f:startTime": [:],
        ]
    }
}
