import Foundation

/// Where the binaries of a real control plane are: `kube-apiserver` and `etcd`.
///
/// Found the way controller-runtime's envtest finds them: in the folder named by `KUBEBUILDER_ASSETS`; `etcd`
/// may also come from `PATH` (Debian's `etcd-server`).
public struct ControlPlaneAssets: Sendable, Hashable {
    /// The `kube-apiserver` executable.
    public var apiServer: String
    /// The `etcd` executable.
    public var etcd: String

    /// Creates assets from explicit paths.
    public init(apiServer: String, etcd: String) {
        self.apiServer = apiServer
        self.etcd = etcd
    }

    /// The one line printed when the real-server tests cannot run here.
    public static let howToEnable =
        "real-server tests need kube-apiserver and etcd: set KUBEBUILDER_ASSETS to a folder holding both "
        + "(bash hack/test.sh uses ../shared/kube/bin), or install Debian's etcd-server for etcd"

    /// The binaries named by `environment`, or why there are none.
    /// - Returns: the assets, or a message saying what is missing and how to provide it.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Result<ControlPlaneAssets, KubeControlPlaneError> {
        let fileManager = FileManager.default
        guard let folder = environment["KUBEBUILDER_ASSETS"], !folder.isEmpty else {
            return .failure(KubeControlPlaneError("KUBEBUILDER_ASSETS is not set; \(howToEnable)"))
        }
        let apiServer = URL(fileURLWithPath: folder).appendingPathComponent("kube-apiserver").path
        guard fileManager.isExecutableFile(atPath: apiServer) else {
            return .failure(KubeControlPlaneError("no executable kube-apiserver in KUBEBUILDER_ASSETS=\(folder); \(howToEnable)"))
        }
        var etcd = URL(fileURLWithPath: folder).appendingPathComponent("etcd").path
        if !fileManager.isExecutableFile(atPath: etcd) {
            let searchPath = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
            guard let found = searchPath.map({ URL(fileURLWithPath: $0).appendingPathComponent("etcd").path })
                .first(where: fileManager.isExecutableFile(atPath:))
            else {
                return .failure(KubeControlPlaneError("no etcd in KUBEBUILDER_ASSETS=\(folder) or on PATH; \(howToEnable)"))
            }
            etcd = found
        }
        return .success(ControlPlaneAssets(apiServer: apiServer, etcd: etcd))
    }
}

/// A control plane that could not be found, started or used; the message says what failed and what to do.
public struct KubeControlPlaneError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
