import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import Logging

/// `tocsin kube …`: a small kubectl-like check that the Kubernetes client reaches the cluster.
struct KubeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kube",
        abstract: "Talk to the cluster with Tocsin's own client (a connectivity and credentials check).",
        subcommands: [KubeGetCommand.self, KubeWatchCommand.self]
    )
}

/// Which resource a command names: an alias such as `pods`/`po`, or `GROUP/VERSION/PLURAL`.
struct ResourceArgument: ExpressibleByArgument {
    let resourceType: ResourceType

    init?(argument: String) {
        if let known = Self.known[argument.lowercased()] {
            resourceType = known
            return
        }
        let parts = argument.split(separator: "/").map(String.init)
        guard parts.count == 3 || parts.count == 2 else { return nil }
        let group = parts.count == 3 ? parts[0] : ""
        let version = parts[parts.count - 2]
        let plural = parts[parts.count - 1]
        resourceType = ResourceType(
            group: group, version: version, plural: plural, kind: plural, isNamespaced: true)
    }

    static let known: [String: ResourceType] = {
        var table: [String: ResourceType] = [:]
        let entries: [([String], ResourceType)] = [
            (["pods", "pod", "po"], .pods),
            (["nodes", "node", "no"], .nodes),
            (["events", "event", "ev"], .events),
            (["events.events.k8s.io"], .eventsV1),
            (["namespaces", "namespace", "ns"], .namespaces),
            (["configmaps", "configmap", "cm"], .configMaps),
            (["services", "service", "svc"], .services),
            (["leases", "lease"], .leases),
            (["secrets", "secret"], .secrets),
        ]
        for (names, type) in entries {
            for name in names { table[name] = type }
        }
        return table
    }()
}

/// Flags shared by `get` and `watch`.
struct SelectionOptions: ParsableArguments {
    @Argument(help: "Resource: pods, nodes, events, namespaces, configmaps, services, leases, secrets, or GROUP/VERSION/PLURAL.")
    var resource: ResourceArgument

    @Option(name: .shortAndLong, help: "Namespace (default: the context's).")
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List across all namespaces.")
    var allNamespaces = false

    @Option(name: [.customShort("l"), .long], help: "Label selector, e.g. app=web,tier!=db.")
    var selector: String?

    @Option(name: .long, help: "Field selector, e.g. spec.nodeName=node-1.")
    var fieldSelector: String?

    @Flag(name: .long, help: "Treat a GROUP/VERSION/PLURAL resource as cluster-scoped.")
    var clusterScoped = false

    var resourceType: ResourceType {
        var type = resource.resourceType
        if clusterScoped { type.isNamespaced = false }
        return type
    }

    func namespace(default defaultNamespace: String) -> String? {
        allNamespaces ? nil : (namespace ?? defaultNamespace)
    }
}

/// Runs `body` with a client for the selected cluster and always shuts the client down.
func withClient<Result>(
    _ cluster: ClusterOptions, _ body: (KubernetesClient) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "tocsin")
    logger.logLevel = .warning
    let client = try KubernetesClient(configuration: try cluster.clientConfiguration(), logger: logger)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}
