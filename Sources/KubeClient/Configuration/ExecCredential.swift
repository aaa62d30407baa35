import Foundation

/// The `ExecCredential` object exchanged with exec plugins (`client.authentication.k8s.io/v1` and `v1beta1`).
struct ExecCredential: Codable, Sendable {
    var apiVersion: String?
    var kind: String?
    var spec: Spec?
    var status: Status?

    /// What the client tells the plugin, in `KUBERNETES_EXEC_INFO`.
    struct Spec: Codable, Sendable {
        var interactive: Bool
        var cluster: Cluster?
    }

    /// `spec.cluster`, sent when `provideClusterInfo` is true.
    struct Cluster: Codable, Sendable {
        var server: String
        var tlsServerName: String?
        var insecureSkipTLSVerify: Bool?
        var certificateAuthorityData: String?
        var proxyURL: String?
        var disableCompression: Bool?

        enum CodingKeys: String, CodingKey {
            case server
            case tlsServerName = "tls-server-name"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case certificateAuthorityData = "certificate-authority-data"
            case proxyURL = "proxy-url"
            case disableCompression = "disable-compression"
        }
    }

    /// What the plugin answers.
    struct Status: Codable, Sendable {
        var token: String?
        var expirationTimestamp: String?
        var clientCertificateData: String?
        var clientKeyData: String?
    }
}

/// A credential obtained from an exec plugin, ready to use.
struct ExecIssuedCredential: Sendable, Equatable {
    var token: String?
    var expiration: Date?
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
}

extension ExecCredential {
    /// The JSON put in `KUBERNETES_EXEC_INFO` for `config`.
    static func environmentValue(for config: ExecConfig) -> String {
        var cluster: Cluster?
        if config.provideClusterInfo, let info = config.cluster {
            cluster = Cluster(
                server: info.server,
                tlsServerName: info.tlsServerName,
                insecureSkipTLSVerify: info.insecureSkipTLSVerify ? true : nil,
                certificateAuthorityData: info.certificateAuthorityPEM.map { Data($0).base64EncodedString() },
                proxyURL: info.proxyURL,
                disableCompression: info.disableCompression ? true : nil
            )
        }
        let request = ExecCredential(
            apiVersion: config.apiVersion,
            kind: "ExecCredential",
            spec: Spec(interactive: false, cluster: cluster),
            status: nil
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(request) else {
            return "{\"apiVersion\":\"\(config.apiVersion)\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses and validates a plugin's standard output.
    /// - Throws: `KubeConfigError` `.execInvalidOutput` saying what is wrong (never echoing a token).
    static func parse(_ output: [UInt8], config: ExecConfig) throws(KubeConfigError) -> ExecIssuedCredential {
        func invalid(_ reason: String) -> KubeConfigError {
            KubeConfigError(.execInvalidOutput, file: config.command, role: "exec plugin", "\(reason)")
        }
        let credential: ExecCredential
        do {
            credential = try JSONDecoder().decode(ExecCredential.self, from: Data(output))
        } catch {
            throw invalid("standard output is not an ExecCredential JSON object (\(output.count) bytes)")
        }
        guard credential.kind == "ExecCredential" else {
            throw invalid("returned kind \"\(credential.kind ?? "")\", expected ExecCredential")
        }
        guard credential.apiVersion == config.apiVersion else {
            throw invalid(
                "returned apiVersion \"\(credential.apiVersion ?? "")\" but the kubeconfig configures \"\(config.apiVersion)\"; "
                    + "make exec.apiVersion match the plugin")
        }
        guard let status = credential.status else {
            throw invalid("returned no status")
        }
        var issued = ExecIssuedCredential()
        if let token = status.token, !token.isEmpty {
            issued.token = token
        }
        if let timestamp = status.expirationTimestamp, !timestamp.isEmpty {
            guard let date = RFC3339.date(from: timestamp) else {
                throw invalid("status.expirationTimestamp \"\(timestamp)\" is not an RFC 3339 time")
            }
            issued.expiration = date
        }
        let certificate = status.clientCertificateData.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        let key = status.clientKeyData.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        guard (certificate == nil) == (key == nil) else {
            throw invalid("returned only one of status.clientCertificateData and status.clientKeyData; both are needed")
        }
        if let certificate, let key {
            if let problem = PEMValidator.problem(in: certificate, expecting: .certificates) {
                throw invalid("status.clientCertificateData is not valid PEM: \(problem)")
            }
            if let problem = PEMValidator.problem(in: key, expecting: .privateKey) {
                throw invalid("status.clientKeyData is not valid PEM: \(problem)")
            }
            issued.clientCertificatePEM = certificate
            issued.clientKeyPEM = key
        }
        guard issued.token != nil || issued.clientCertificatePEM != nil else {
            throw invalid("returned neither status.token nor status.clientCertificateData/clientKeyData")
        }
        return issued
    }
}

/// Parsing of RFC 3339 timestamps as Kubernetes writes them (with or without fractional seconds).
enum RFC3339 {
    static func date(from text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) {
            return date
        }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
