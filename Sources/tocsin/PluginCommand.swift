import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import TocsinAPI

/// The root command when the binary runs as the kubectl plugin `kubectl-tocsin` (`kubectl tocsin …`): Incidents
/// and on-call against the cluster of the current kubeconfig context.
struct PluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubectl tocsin",
        abstract: "Tocsin's kubectl plugin: list, acknowledge and resolve Incidents; see who is on call.",
        version: TocsinVersion.current,
        subcommands: [
            PluginIncidentsCommand.self, PluginAckCommand.self, PluginResolveCommand.self, PluginOnCallCommand.self,
        ]
    )

    /// Whether the program was started as the kubectl plugin (`argv[0]` ends in `kubectl-tocsin`).
    static func isPluginInvocation(_ argument0: String?) -> Bool {
        guard let argument0 else { return false }
        return (argument0 as NSString).lastPathComponent == "kubectl-tocsin"
    }
}

/// `kubectl tocsin incidents [-n NS | -A]`: the open Incidents as a table.
struct PluginIncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents", abstract: "List open Incidents: NAME, PHASE, SEVERITY, SUBJECT, AGE.")

    @OptionGroup var cluster: ClusterOptions

    @Option(name: .shortAndLong, help: "Namespace (default: the context's).")
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List across all namespaces.")
    var allNamespaces = false

    @Flag(name: .long, help: "Include resolved Incidents.")
    var includeResolved = false

    func run() async throws {
        let (incidents, scope): ([Incident], String?) = try await withClient(cluster) { client in
            let scope = allNamespaces ? nil : (namespace ?? client.defaultNamespace)
            return (try await client.listAll(Incident.self, namespace: scope).items, scope)
        }
        let shown = includeResolved ? incidents : incidents.filter { $0.status?.isOpen ?? true }
        print(PluginIncidentTable(incidents: shown, showsNamespace: scope == nil, now: Date()).render(scope: scope),
            terminator: "")
    }
}

/// Flags shared by `ack` and `resolve`.
struct PluginOperationOptions: ParsableArguments {
    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The Incident's name.")
    var name: String

    @Option(name: .shortAndLong, help: "Namespace (default: the context's).")
    var namespace: String?

    @Option(name: .customLong("as-user"), help: "Who acts, recorded in the timeline (default: $USER).")
    var user: String?

    /// The acting user: `--as-user`, else `$USER`.
    /// - Throws: `ValidationError` when neither is set.
    func actor() throws -> String {
        let candidate = user ?? ProcessInfo.processInfo.environment["USER"]
        guard let actor = candidate?.trimmingCharacters(in: .whitespaces), !actor.isEmpty else {
            throw ValidationError("who is acting is unknown: pass --as-user NAME (or set $USER)")
        }
        return actor
    }

    /// Asks the operator for `operation` by annotating the Incident; prints what was requested.
    func request(_ operation: PluginOperation) async throws {
        let actor = try actor()
        let namespace = try await withClient(cluster) { client in
            let namespace = self.namespace ?? client.defaultNamespace
            _ = try await client.patch(
                Incident.self, name: name, namespace: namespace, patch: operation.patch(actor: actor))
            return namespace
        }
        print("incident.tocsin.dev/\(name) in \(namespace): \(operation.rawValue) requested as \(actor)")
    }
}

/// `kubectl tocsin ack NAME`: asks the operator to acknowledge the Incident.
struct PluginAckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Acknowledge an Incident (sets tocsin.dev/acknowledge=<user>; the operator applies it).")

    @OptionGroup var options: PluginOperationOptions

    func run() async throws { try await options.request(.acknowledge) }
}

/// `kubectl tocsin resolve NAME`: asks the operator to resolve the Incident.
struct PluginResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Resolve an Incident (sets tocsin.dev/resolve=<user>; the operator applies it).")

    @OptionGroup var options: PluginOperationOptions

    func run() async throws { try await options.request(.resolve) }
}

/// `kubectl tocsin oncall [SCHEDULE]`: who is on call now, from the OnCallSchedules' status.
struct PluginOnCallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncall", abstract: "Who is on call now (from the OnCallSchedules' status.onCallNow).")

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "One schedule's name (default: every schedule of the namespace).")
    var schedule: String?

    @Option(name: .shortAndLong, help: "Namespace (default: the context's).")
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Every namespace.")
    var allNamespaces = false

    func run() async throws {
        let schedules: [OnCallSchedule] = try await withClient(cluster) { client in
            let scope = allNamespaces ? nil : (namespace ?? client.defaultNamespace)
            if let schedule {
                return [try await client.get(OnCallSchedule.self, name: schedule, namespace: scope)]
            }
            return try await client.listAll(OnCallSchedule.self, namespace: scope).items
        }
        print(PluginOnCallTable(schedules: schedules, showsNamespace: allNamespaces).render(), terminator: "")
    }
}
