import Testing

@testable import KubeCore

@Suite("ResourceType")
struct ResourceTypeTests {
    static let alertRules = ResourceType(
        group: "tocsin.dev", version: "v1alpha1", plural: "alertrules", kind: "AlertRule", isNamespaced: true
    )

    @Test(
        "builds paths",
        arguments: [
            (ResourceType.pods, "shop", "web", "status", "/api/v1/namespaces/shop/pods/web/status"),
            (ResourceType.pods, "shop", "web", nil, "/api/v1/namespaces/shop/pods/web"),
            (ResourceType.pods, "shop", nil, nil, "/api/v1/namespaces/shop/pods"),
            (ResourceType.pods, nil, nil, nil, "/api/v1/pods"),
            (ResourceType.leases, "kube-system", nil, nil, "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases"),
            (ResourceType.leases, "ops", "tocsin", nil, "/apis/coordination.k8s.io/v1/namespaces/ops/leases/tocsin"),
            (ResourceType.nodes, nil, "n1", nil, "/api/v1/nodes/n1"),
            (ResourceType.nodes, "ignored", "n1", "status", "/api/v1/nodes/n1/status"),
            (ResourceType.namespaces, nil, nil, nil, "/api/v1/namespaces"),
            (ResourceType.eventsV1, "shop", nil, nil, "/apis/events.k8s.io/v1/namespaces/shop/events"),
            (ResourceType.events, nil, nil, nil, "/api/v1/events"),
            (alertRules, "shop", "crash loop", "status", "/apis/tocsin.dev/v1alpha1/namespaces/shop/alertrules/crash%20loop/status"),
            (ResourceType.configMaps, "a/b", "x?y#z", nil, "/api/v1/namespaces/a%2Fb/configmaps/x%3Fy%23z"),
            (ResourceType.secrets, "ns", "system:node:é", nil, "/api/v1/namespaces/ns/secrets/system:node:%C3%A9"),
        ] as [(ResourceType, String?, String?, String?, String)]
    )
    func paths(type: ResourceType, namespace: String?, name: String?, subresource: String?, expected: String) {
        #expect(type.path(namespace: namespace, name: name, subresource: subresource) == expected)
    }

    @Test(
        "apiVersion and listKind",
        arguments: [
            (ResourceType.pods, "v1", "PodList"), (ResourceType.leases, "coordination.k8s.io/v1", "LeaseList"),
            (ResourceType.eventsV1, "events.k8s.io/v1", "EventList"), (alertRules, "tocsin.dev/v1alpha1", "AlertRuleList"),
        ] as [(ResourceType, String, String)]
    )
    func versions(type: ResourceType, apiVersion: String, listKind: String) {
        #expect(type.apiVersion == apiVersion)
        #expect(type.listKind == listKind)
    }

    @Test("the well-known types")
    func wellKnown() {
        #expect(ResourceType.services == ResourceType(group: "", version: "v1", plural: "services", kind: "Service", isNamespaced: true))
        #expect(ResourceType.configMaps.plural == "configmaps")
        #expect(!ResourceType.nodes.isNamespaced && !ResourceType.namespaces.isNamespaced)
        #expect(Pod.resourceType == .pods && Node.resourceType == .nodes && Event.resourceType == .events)
        #expect(EventsV1Event.resourceType == .eventsV1 && Lease.resourceType == .leases)
        #expect(Secret.resourceType == .secrets && ConfigMap.resourceType == .configMaps)
        #expect(Namespace.resourceType == .namespaces)
    }
}
