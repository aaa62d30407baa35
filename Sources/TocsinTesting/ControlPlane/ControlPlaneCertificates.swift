import Crypto
import Foundation
import SwiftASN1
import X509

/// The throwaway key material of one test control plane, generated in memory: a CA, the API server's serving
/// certificate for 127.0.0.1 and localhost, and the ServiceAccount token signing key. P-256 throughout.
struct ControlPlaneCertificates: Sendable {
    /// The CA certificate (PEM), trusted by clients.
    var certificateAuthorityPEM: String
    /// The serving certificate (PEM), signed by the CA.
    var servingCertificatePEM: String
    /// The serving certificate's private key (PKCS#8 PEM).
    var servingKeyPEM: String
    /// The ServiceAccount token signing key (PKCS#8 PEM) and its public half (PKIX PEM).
    var serviceAccountKeyPEM: String
    var serviceAccountPublicKeyPEM: String

    /// Generates fresh material valid from an hour ago for a week.
    static func generate(now: Date = Date()) throws -> ControlPlaneCertificates {
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("tocsin-test-ca") }
        let notBefore = now.addingTimeInterval(-3600)
        let notAfter = now.addingTimeInterval(7 * 86400)
        let caCertificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(caKey.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey))

        let servingKey = P256.Signing.PrivateKey()
        let servingCertificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(servingKey.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: caName, subject: try DistinguishedName { CommonName("kube-apiserver") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([
                    .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                    .dnsName("localhost"), .dnsName("kubernetes"), .dnsName("kubernetes.default"),
                    .dnsName("kubernetes.default.svc"),
                ])
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey))

        let serviceAccountKey = P256.Signing.PrivateKey()
        return ControlPlaneCertificates(
            certificateAuthorityPEM: try caCertificate.serializeAsPEM().pemString,
            servingCertificatePEM: try servingCertificate.serializeAsPEM().pemString,
            servingKeyPEM: servingKey.pemRepresentation,
            serviceAccountKeyPEM: serviceAccountKey.pemRepresentation,
            serviceAccountPublicKeyPEM: serviceAccountKey.publicKey.pemRepresentation)
    }
}
