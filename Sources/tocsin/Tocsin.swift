import ArgumentParser
import KubeClient

/// The `tocsin` command: the operator and its offline tools.
@main
struct Tocsin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tocsin",
        abstract: "Kubernetes-native alerting and on-call: watches Pods, Nodes and Events and pages whoever is on call.",
        version: TocsinVersion.current,
        subcommands: [
            DemoCommand.self, RunCommand.self, ValidateCommand.self, TestCommand.self, OnCallCommand.self, CRDsCommand.self,
            KubeCommand.self, VersionCommand.self,
        ]
    )

    /// The cluster flags, accepted before the subcommand too (`tocsin --context staging kube get pods`, as the
    /// README shows): ArgumentParser gives one set of values to every `ClusterOptions` group along the command
    /// path, so the subcommand reads them wherever they were written.
    @OptionGroup(title: "Cluster options") var cluster: ClusterOptions

    /// Picks the root command: ``PluginCommand`` when run as `kubectl-tocsin` (by kubectl), else `tocsin`.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if PluginCommand.isPluginInvocation(CommandLine.arguments.first) {
            await execute(PluginCommand.self, arguments)
        } else {
            await execute(Tocsin.self, arguments)
        }
    }

    /// Parses `arguments` with `root` and runs the chosen command, exiting as ArgumentParser does on errors.
    static func execute(_ root: any ParsableCommand.Type, _ arguments: [String]) async {
        do {
            var command = try root.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            root.exit(withError: error)
        }
    }
}

/// `tocsin version`: prints the version.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print Tocsin's version.")

    func run() {
        print("tocsin \(TocsinVersion.current)")
    }
}

/// The version, stamped here and in the User-Agent.
enum TocsinVersion {
    static let current = ClientConfiguration.version
}
