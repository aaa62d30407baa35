import Foundation

/// The PEM bytes and switches the HTTP client needs to build its TLS configuration.
///
/// The private key is never printed: `description`, `debugDescription` and `dump` redact it.
public struct TLSMaterial: Sendable, Hashable {
    /// PEM of the certificate authorities to trust (from `certificate-authority` or `certificate-authority-data`).
    public var certificateAuthorityPEM: [UInt8]?
    /// Whether the server certificate is not verified (`insecure-skip-tls-verify`).
    public var insecureSkipTLSVerify: Bool
    /// The name to verify the server certificate against, instead of the host of the server URL (`tls-server-name`).
    public var serverName: String?
    /// PEM of the client certificate chain (from `client-certificate` or `client-certificate-data`).
    public var clientCertificatePEM: [UInt8]?
    /// PEM of the client private key (from `client-key` or `client-key-data`). Never printed.
    public var clientKeyPEM: [UInt8]?

    /// Creates TLS material; by default the system trust store is used and no client certificate is sent.
    public init(
        certificateAuthorityPEM: [UInt8]? = nil,
        insecureSkipTLSVerify: Bool = false,
        serverName: String? = nil,
        clientCertificatePEM: [UInt8]? = nil,
        clientKeyPEM: [UInt8]? = nil
    ) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.serverName = serverName
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }
}

extension TLSMaterial: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A summary that shows sizes, never the private key.
    public var description: String {
        var parts: [String] = []
        parts.append("certificateAuthorityPEM: \(Self.summary(certificateAuthorityPEM))")
        parts.append("insecureSkipTLSVerify: \(insecureSkipTLSVerify)")
        parts.append("serverName: \(serverName ?? "nil")")
        parts.append("clientCertificatePEM: \(Self.summary(clientCertificatePEM))")
        parts.append("clientKeyPEM: \(clientKeyPEM == nil ? "nil" : "<redacted>")")
        return "TLSMaterial(\(parts.joined(separator: ", ")))"
    }

    /// Same as `description`: the private key is redacted.
    public var debugDescription: String { description }

    /// A mirror without the key bytes, so that `dump` does not print them.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "certificateAuthorityPEM": Self.summary(certificateAuthorityPEM),
                "insecureSkipTLSVerify": insecureSkipTLSVerify,
                "serverName": serverName as Any,
                "clientCertificatePEM": Self.summary(clientCertificatePEM),
                "clientKeyPEM": clientKeyPEM == nil ? "nil" : "<redacted>",
            ],
            displayStyle: .struct
        )
    }

    private static func summary(_ bytes: [UInt8]?) -> String {
        bytes.map { "\($0.count) bytes" } ?? "nil"
    }
}
