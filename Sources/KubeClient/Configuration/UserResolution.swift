import Foundation

/// The validated parts of a kubeconfig user: client certificate and credentials.
///
/// Precedence when several are set (as client-go behaves): `token` and `tokenFile` together give `.tokenFile`
/// (the file is re-read and wins); a token (or token file) is used instead of `exec`. Token and basic
/// authentication together are refused, as are a certificate without its key and a field with its `-data` twin.
struct UserResolution {
    static let supportedExecAPIVersions: Set<String> = [
        "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1",
    ]
    static let interactiveModes: Set<String> = ["Never", "IfAvailable", "Always"]

    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
    var credentials: Credentials

    /// - Throws: `KubeConfigError` naming `users[name=...]` and the field.
    init(
        name: String,
        entry: MergedKubeConfig.Sourced<KubeConfigFile.User>,
        cluster: ClusterResolution
    ) throws(KubeConfigError) {
        let user = entry.value
        let field = "users[name=\(name)]"
        if user.authProvider != nil {
            let provider = user.authProvider?.name ?? "unnamed"
            throw KubeConfigError(
                .unsupportedAuthProvider, file: entry.file, field: "\(field).auth-provider",
                "the \"\(provider)\" auth-provider is not supported; use an exec credential plugin instead "
                    + "(for example gke-gcloud-auth-plugin, kubelogin or aws eks get-token)"
            )
        }
        clientCertificatePEM = try PEMSource.load(
            data: user.clientCertificateData, path: user.clientCertificate, kind: .certificates,
            file: entry.file, directory: entry.directory, entry: field, key: "client-certificate"
        )
        clientKeyPEM = try PEMSource.load(
            data: user.clientKeyData, path: user.clientKey, kind: .privateKey,
            file: entry.file, directory: entry.directory, entry: field, key: "client-key"
        )
        if clientCertificatePEM != nil, clientKeyPEM == nil {
            throw KubeConfigError(
                .invalidField, file: entry.file, field: "\(field).client-key",
                "a client certificate is set without its key; set client-key or client-key-data"
            )
        }
        if clientKeyPEM != nil, clientCertificatePEM == nil {
            throw KubeConfigError(
                .invalidField, file: entry.file, field: "\(field).client-certificate",
                "a client key is set without its certificate; set client-certificate or client-certificate-data"
            )
        }
        credentials = try Self.credentials(of: user, entry: entry, field: field, cluster: cluster)
    }

    private static func credentials(
        of user: KubeConfigFile.User,
        entry: MergedKubeConfig.Sourced<KubeConfigFile.User>,
        field: String,
        cluster: ClusterResolution
    ) throws(KubeConfigError) -> Credentials {
        let token = user.token.flatMap { $0.isEmpty ? nil : $0 }
        let tokenFile = user.tokenFile.flatMap { $0.isEmpty ? nil : $0 }
        let username = user.username ?? ""
        let password = user.password ?? ""
        let hasBasic = !username.isEmpty || !password.isEmpty
        if (token != nil || tokenFile != nil), hasBasic {
            throw KubeConfigError(
                .conflictingFields, file: entry.file, field: "\(field).username",
                "both a token and username/password are set; only one authentication method is allowed"
            )
        }
        if let tokenFile {
            let path = ConfigurationFiles.resolve(tokenFile, relativeTo: entry.directory)
            guard FileManager.default.fileExists(atPath: path) else {
                throw KubeConfigError(.fileNotFound, file: entry.file, field: "\(field).tokenFile", "\(path) does not exist")
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw KubeConfigError(
                    .unreadable, file: entry.file, field: "\(field).tokenFile",
                    "cannot read \(path); check its permissions"
                )
            }
            return .tokenFile(path)
        }
        if let token {
            return .token(token)
        }
        if hasBasic {
            return .basic(username: username, password: password)
        }
        if let exec = user.exec {
            return .exec(try execConfig(exec, entry: entry, field: "\(field).exec", cluster: cluster))
        }
        return .none
    }

    private static func execConfig(
        _ exec: KubeConfigFile.Exec,
        entry: MergedKubeConfig.Sourced<KubeConfigFile.User>,
        field: String,
        cluster: ClusterResolution
    ) throws(KubeConfigError) -> ExecConfig {
        guard let command = exec.command, !command.isEmpty else {
            throw KubeConfigError(
                .invalidField, file: entry.file, field: "\(field).command",
                "the exec plugin has no command"
            )
        }
        guard let apiVersion = exec.apiVersion, supportedExecAPIVersions.contains(apiVersion) else {
            throw KubeConfigError(
                .invalidField, file: entry.file, field: "\(field).apiVersion",
                "\"\(exec.apiVersion ?? "")\" is not supported; use client.authentication.k8s.io/v1 or v1beta1"
            )
        }
        // client-go requires interactiveMode for v1; this client is never interactive, so a missing value is
        // treated as IfAvailable for both versions.
        let interactiveMode = exec.interactiveMode.flatMap { $0.isEmpty ? nil : $0 } ?? "IfAvailable"
        guard interactiveModes.contains(interactiveMode) else {
            throw KubeConfigError(
                .invalidField, file: entry.file, field: "\(field).interactiveMode",
                "\"\(interactiveMode)\" is not one of Never, IfAvailable, Always"
            )
        }
        var variables: [ExecConfig.EnvironmentVariable] = []
        for (index, variable) in (exec.env ?? []).enumerated() {
            guard let name = variable.name, !name.isEmpty else {
                throw KubeConfigError(
                    .invalidField, file: entry.file, field: "\(field).env[\(index)].name",
                    "an environment variable has no name"
                )
            }
            variables.append(.init(name: name, value: variable.value ?? ""))
        }
        // A command with a path separator is a path, relative to the kubeconfig; otherwise it is looked up in PATH.
        let resolvedCommand =
            command.contains("/") ? ConfigurationFiles.resolve(command, relativeTo: entry.directory) : command
        let provideClusterInfo = exec.provideClusterInfo ?? false
        return ExecConfig(
            apiVersion: apiVersion,
            command: resolvedCommand,
            args: exec.args ?? [],
            env: variables,
            installHint: exec.installHint.flatMap { $0.isEmpty ? nil : $0 },
            provideClusterInfo: provideClusterInfo,
            interactiveMode: interactiveMode,
            cluster: provideClusterInfo ? cluster.execClusterInfo : nil
        )
    }
}
