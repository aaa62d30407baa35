import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Synchronization
import TocsinAPI
import TocsinNotifiers

/// The identity and resourceVersion of a Secret: all the delivery pipeline's Secret informer keeps (never data).
public struct SecretVersion: Sendable, Hashable {
    /// The Secret's namespace.
    public var namespace: String
    /// The Secret's name.
    public var name: String
    /// The Secret's resourceVersion.
    public var resourceVersion: String

    /// The version of `secret`, or `nil` without a name or namespace.
    public init?(_ secret: Secret) {
        guard let namespace = secret.metadata.namespace, let name = secret.metadata.name else { return nil }
        self.namespace = namespace
        self.name = name
        resourceVersion = secret.metadata.resourceVersion ?? ""
    }
}

/// Credentials read from Secrets, kept in memory only, keyed by namespace/name/key and the Secret's
/// resourceVersion: a Secret that changes (rotation) is read again on its next use.
///
/// The Secret informer's store (name and resourceVersion only) tells whether a cached value is current; a Secret
/// the store does not know yet is read directly. Values never reach a log line, an error or a status.
final class SecretValueCache: Sendable {
    struct Key: Sendable, Hashable {
        var namespace: String
        var name: String
        var key: String
    }

    struct Entry: Sendable {
        var resourceVersion: String?
        var value: String
    }

    let client: KubernetesClient
    let versions: Store<SecretVersion>?
    private let entries = Mutex<[Key: Entry]>([:])

    init(client: KubernetesClient, versions: Store<SecretVersion>?) {
        self.client = client
        self.versions = versions
    }

    /// The value of `selector` in `namespace`, trimmed of surrounding whitespace.
    /// - Throws: ``DeliveryError`` (`misconfigured` when the Secret or key is missing or empty, `transport` when
    ///   it could not be read).
    func value(
        _ selector: SecretKeySelector, namespace: String, receiver: ReceiverDelivery.ReceiverType
    ) async throws(DeliveryError) -> String {
        let key = Key(namespace: namespace, name: selector.name, key: selector.key)
        let current = versions?.object(named: selector.name, in: namespace)?.resourceVersion
        if let cached = entries.withLock({ $0[key] }), current == nil || cached.resourceVersion == current {
            return cached.value
        }
        let secret: Secret
        do {
            secret = try await client.get(Secret.self, name: selector.name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            throw DeliveryError(
                code: .misconfigured, receiver: receiver,
                message: "Secret \(namespace)/\(selector.name) not found: create it with key \(selector.key)")
        } catch {
            throw DeliveryError(
                code: .transport, receiver: receiver,
                message: "could not read Secret \(namespace)/\(selector.name): \(Self.describe(error))")
        }
        guard let data = secret.data?[selector.key] else {
            throw DeliveryError(
                code: .misconfigured, receiver: receiver,
                message: "Secret \(namespace)/\(selector.name) has no key \(selector.key)")
        }
        let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            throw DeliveryError(
                code: .misconfigured, receiver: receiver,
                message: "key \(selector.key) of Secret \(namespace)/\(selector.name) is empty")
        }
        entries.withLock { $0[key] = Entry(resourceVersion: secret.metadata.resourceVersion, value: value) }
        return value
    }

    /// Forgets every value of the Secret `name` in `namespace` (it changed or was deleted).
    func forget(namespace: String, name: String) {
        entries.withLock { entries in entries = entries.filter { $0.key.namespace != namespace || $0.key.name != name } }
    }

    /// A short, secret-free description of a client error (its type and HTTP status when known).
    static func describe(_ error: any Error) -> String {
        if let error = error as? KubeAPIError { return "HTTP \(error.statusCode)" }
        return "\(type(of: error))"
    }
}
