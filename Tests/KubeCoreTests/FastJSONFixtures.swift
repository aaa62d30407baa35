import Foundation

/// JSON documents for the FastJSON tests, written the way kube-apiserver writes them (field order, `null`s,
/// escaped characters, large `managedFields`).
enum FastJSONFixtures {
    static let containerNames = ["api", "sidecar-proxy", "metrics-exporter"]

    /// `{"f:a":{},"f:b":{}}` for the names.
    static func fieldSet(_ names: [String]) -> String {
        "{" + names.map { #""f:\#($0)":{}"# }.joined(separator: ",") + "}"
    }

    static func containerFields(_ name: String, port: Int) -> String {
        #""k:{\"name\":\"\#(name)\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:args":{},"#
            + #""f:env":{".":{},"k:{\"name\":\"POD_IP\"}":{".":{},"f:name":{},"f:valueFrom":{".":{},"f:fieldRef":{}}},"#
            + #""k:{\"name\":\"MODE\"}":\#(fieldSet([".", "name", "value"]))},"#
            + #""f:ports":{".":{},"k:{\"containerPort\":\#(port),\"protocol\":\"TCP\"}":\#(fieldSet([".", "containerPort", "name", "protocol"]))},"#
            + #""f:livenessProbe":{".":{},"f:failureThreshold":{},"f:httpGet":\#(fieldSet([".", "path", "port", "scheme"])),"f:periodSeconds":{}},"#
            + #""f:resources":{".":{},"f:limits":\#(fieldSet([".", "cpu", "memory"])),"f:requests":\#(fieldSet([".", "cpu", "memory"]))},"#
            + #""f:securityContext":\#(fieldSet([".", "allowPrivilegeEscalation", "readOnlyRootFilesystem", "runAsUser"])),"#
            + #""f:terminationMessagePath":{},"f:terminationMessagePolicy":{},"f:volumeMounts":{".":{},"k:{\"mountPath\":\"/var/run/config\"}":{}}}"#
    }

    static func statusFields(_ name: String) -> String {
        #""k:{\"type\":\"\#(name)\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}}"#
    }

    static func managedFields() -> String {
        let containers = containerNames.enumerated().map { containerFields($1, port: 8080 + $0) }.joined(separator: ",")
        let conditions = ["ContainersReady", "Initialized", "PodReadyToStartContainers", "PodScheduled", "Ready"]
            .map(statusFields).joined(separator: ",")
        return #"[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"v1","time":"2026-03-02T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:generateName":{},"f:labels":\#(fieldSet([".", "app.kubernetes.io/name", "app.kubernetes.io/instance", "pod-template-hash", "team"])),"f:ownerReferences":{".":{},"k:{\"uid\":\"5a1d2c3e-0000-4000-8000-00000000abcd\"}":{}}},"f:spec":{"f:containers":{\#(containers)},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:serviceAccount":{},"f:serviceAccountName":{},"f:terminationGracePeriodSeconds":{},"f:volumes":{".":{},"k:{\"name\":\"config\"}":{".":{},"f:configMap":{".":{},"f:defaultMode":{},"f:name":{}},"f:name":{}}}}}},{"manager":"kubelet","operation":"Update","apiVersion":"v1","time":"2026-03-02T10:00:09Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{\#(conditions)},"f:containerStatuses":{},"f:hostIP":{},"f:hostIPs":{},"f:phase":{},"f:podIP":{},"f:podIPs":{".":{},"k:{\"ip\":\"10.244.1.23\"}":{".":{},"f:ip":{}}},"f:startTime":{}}},"subresource":"status"}]"#
    }

    static func container(_ name: String, port: Int) -> String {
        #"{"name":"\#(name)","image":"registry.example.com/payments/\#(name):2.7.1","args":["--listen=:\#(port)","--log-format=json","--quote=\"x\\y\""],"ports":[{"name":"http","containerPort":\#(port),"protocol":"TCP"}],"env":[{"name":"POD_IP","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"status.podIP"}}},{"name":"MODE","value":"live"}],"resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"50m","memory":"64Mi"}},"volumeMounts":[{"name":"config","readOnly":true,"mountPath":"/var/run/config"}],"livenessProbe":{"httpGet":{"path":"/healthz","port":\#(port),"scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent","securityContext":{"runAsUser":10001,"readOnlyRootFilesystem":true,"allowPrivilegeEscalation":false}}"#
    }

    static func containerStatus(_ name: String, restarts: Int) -> String {
        #"{"name":"\#(name)","state":{"running":{"startedAt":"2026-03-02T10:00:07Z"}},"lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","message":"memory \u00e9t\u00e9 \ud83d\udd25 exceeded","startedAt":"2026-03-02T09:50:00.123456Z","finishedAt":"2026-03-02T10:00:06+01:00","containerID":"containerd://0d3f"}},"ready":true,"restartCount":\#(restarts),"image":"registry.example.com/payments/\#(name):2.7.1","imageID":"registry.example.com/payments/\#(name)@sha256:9f86d081884c7d659a2feaa0c55ad015","containerID":"containerd://1a2b3c","started":true}"#
    }

    /// A Deployment's pod with three containers, statuses and the managedFields a real API server sends (~9 KB).
    static func pod(_ index: Int, restarts: Int = 2) -> String {
        let containers = containerNames.enumerated().map { container($1, port: 8080 + $0) }.joined(separator: ",")
        let statuses = containerNames.map { containerStatus($0, restarts: restarts) }.joined(separator: ",")
        return #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"payments-6b7c9d-\#(index)","generateName":"payments-6b7c9d-","namespace":"team-\#(index % 7)","uid":"0c1d2e3f-\#(index)-4a5b-8c7d-112233445566","resourceVersion":"\#(7_000_000 + index)","creationTimestamp":"2026-03-02T10:00:00Z","labels":{"app.kubernetes.io/name":"payments","app.kubernetes.io/instance":"payments-live","pod-template-hash":"6b7c9d","team":"pay\/ments"},"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-03-01T08:00:00Z","note":"line one\nline \"two\"\ttabbed \\ end"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"payments-6b7c9d","uid":"5a1d2c3e-0000-4000-8000-00000000abcd","controller":true,"blockOwnerDeletion":true}],"managedFields":\#(managedFields())},"spec":{"volumes":[{"name":"config","configMap":{"name":"payments-config","defaultMode":420}}],"containers":[\#(containers)],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"payments","serviceAccount":"payments","nodeName":"worker-\#(index % 3)","securityContext":{},"schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},"status":{"phase":"Running","conditions":[{"type":"PodReadyToStartContainers","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-03-02T10:00:05Z"},{"type":"Initialized","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-03-02T10:00:01Z"},{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-03-02T10:00:09Z"},{"type":"ContainersReady","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-03-02T10:00:09Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-03-02T10:00:00Z"}],"hostIP":"10.0.0.\#(index % 3 + 10)","hostIPs":[{"ip":"10.0.0.\#(index % 3 + 10)"}],"podIP":"10.244.1.23","podIPs":[{"ip":"10.244.1.23"}],"startTime":"2026-03-02T10:00:00Z","containerStatuses":[\#(statuses)],"qosClass":"Burstable"}}"#
    }

    /// A list page of `count` pods.
    static func podList(_ count: Int) -> String {
        let items = (0..<count).map { pod($0) }.joined(separator: ",")
        return #"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7100000","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NzEwMDAwMH0","remainingItemCount":1200},"items":[\#(items)]}"#
    }
}
