import ArgumentParser
import Foundation
import KubeClient

/// Flags that choose the cluster, shared by every command that talks to one.
struct ClusterOptions: ParsableArguments {
    @Option(name: .long, help: "Path to a kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    var kubeconfig: String?

    @Option(name: .long, help: "The kubeconfig context to use (default: its current-context).")
    var context: String?

    @Flag(name: .long, help: "Use the pod's service account (in-cluster configuration).")
    var inCluster = false

    /// Resolves the flags into a client configuration, in-cluster when asked or when nothing else is found.
    func clientConfiguration() throws -> ClientConfiguration {
        if inCluster {
            return try KubeConfigLoader.inCluster()
        }
        if kubeconfig == nil && context == nil {
            return try KubeConfigLoader.automatic()
        }
        return try KubeConfigLoader.load(paths: kubeconfig.map { [$0] }, context: context)
    }
}
