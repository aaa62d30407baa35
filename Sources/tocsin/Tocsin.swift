import ArgumentParser
import KubeClient

/// The `tocsin` command: the operator and its offline tools.
@main
struct Tocsin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tocsin",
        abstract: "Kubernetes-native alerting and on-call: watches Pods, Nodes and Events and pages whoever is on call.",
        version: TocsinVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, CRDsCommand.self, KubeCommand.self, VersionCommand.self]
    )
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
