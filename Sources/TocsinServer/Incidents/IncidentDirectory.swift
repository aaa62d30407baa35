import Foundation
import KubeClient
import KubeCore
import TocsinAPI
import TocsinEngine

/// Reads the Incidents and OnCallSchedules the HTTP endpoints may show: those in the namespaces the operator
/// watches, straight from the Kubernetes API (no cache, so an answer reflects the latest write).
public struct IncidentDirectory: Sendable {
    /// Which namespaces are visible.
    public enum Scope: Sendable, Hashable {
        /// Every namespace (the operator watches the whole cluster).
        case allNamespaces
        /// Only these namespaces.
        case namespaces([String])
    }

    /// The page size of the Kubernetes lists behind every read. Fixed, so that offsets within a page stay valid
    /// across requests of the incidents API's pagination.
    static let pageSize = 500

    let client: KubernetesClient
    /// Which namespaces are visible.
    public let scope: Scope

    /// Creates a directory reading through `client`.
    public init(client: KubernetesClient, scope: Scope = .allNamespaces) {
        self.client = client
        self.scope = scope
    }

    /// Whether Incidents in `namespace` are visible.
    public func contains(namespace: String) -> Bool {
        switch scope {
        case .allNamespaces: true
        case .namespaces(let names): names.contains(namespace)
        }
    }

    /// What one list covers: `[nil]` (all namespaces) or the scope's namespaces, in order.
    var listedNamespaces: [String?] {
        switch scope {
        case .allNamespaces: [nil]
        case .namespaces(let names): names.map { $0 }
        }
    }

    /// The open (firing or acknowledged) Incidents, most severe first, then newest first.
    /// - Throws: the client's errors (`KubeAPIError`, `KubeTransportError`, `KubeDecodingError`).
    public func openIncidents() async throws -> [Incident] {
        try await incidents().filter { $0.status?.isOpen == true }.sorted(by: Self.mostUrgentFirst)
    }

    /// Every visible Incident matching the selectors.
    /// - Throws: the client's errors.
    func incidents(labelSelector: String? = nil, fieldSelector: String? = nil) async throws -> [Incident] {
        var result: [Incident] = []
        for namespace in listedNamespaces {
            let options = ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector)
            result += try await client.listAll(
                Incident.self, namespace: namespace, options: options, pageSize: Self.pageSize
            ).items
        }
        return result
    }

    /// The Incident `namespace/name`; `nil` when it does not exist or its namespace is not visible.
    /// - Throws: the client's errors other than not found.
    public func incident(namespace: String, name: String) async throws -> Incident? {
        guard contains(namespace: namespace) else { return nil }
        do {
            return try await client.get(Incident.self, name: name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    /// Every visible Incident named `name`, in any namespace.
    /// - Throws: the client's errors.
    public func incidents(named name: String) async throws -> [Incident] {
        guard Self.isValidName(name) else { return [] }
        return try await incidents(fieldSelector: "metadata.name=\(name)")
    }

    /// The visible Incidents of group `fingerprint` (label `tocsin.dev/fingerprint`), open ones first, then newest
    /// first. Empty when the fingerprint cannot be a label value.
    /// - Throws: the client's errors.
    public func incidents(fingerprint: String) async throws -> [Incident] {
        guard Self.isValidLabelValue(fingerprint) else { return [] }
        let found = try await incidents(labelSelector: "\(CompiledRule.fingerprintLabel)=\(fingerprint)")
        return found.sorted { left, right in
            let (leftOpen, rightOpen) = (left.status?.isOpen == true, right.status?.isOpen == true)
            if leftOpen != rightOpen { return leftOpen }
            return (left.status?.startTime.date ?? .distantPast) > (right.status?.startTime.date ?? .distantPast)
        }
    }

    /// The visible OnCallSchedules, by namespace and name.
    /// - Throws: the client's errors.
    public func schedules() async throws -> [OnCallSchedule] {
        var result: [OnCallSchedule] = []
        for namespace in listedNamespaces {
            result += try await client.listAll(OnCallSchedule.self, namespace: namespace, pageSize: Self.pageSize).items
        }
        return result.sorted {
            ($0.metadata.namespace ?? "", $0.metadata.name ?? "") < ($1.metadata.namespace ?? "", $1.metadata.name ?? "")
        }
    }

    /// Most severe first, then the newest.
    static func mostUrgentFirst(_ left: Incident, _ right: Incident) -> Bool {
        let leftSeverity = left.status?.severity ?? .info
        let rightSeverity = right.status?.severity ?? .info
        if leftSeverity != rightSeverity { return leftSeverity > rightSeverity }
        return (left.status?.startTime.date ?? .distantPast) > (right.status?.startTime.date ?? .distantPast)
    }

    /// Whether `name` is a valid object name (a DNS subdomain: at most 253 lower-case letters, digits, `-` and `.`,
    /// starting and ending with a letter or digit).
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 253, let first = bytes.first, let last = bytes.last,
            isLowerAlphanumeric(first), isLowerAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// Whether `name` is a valid namespace name (a DNS label: at most 63 lower-case letters, digits and `-`).
    public static func isValidNamespace(_ name: String) -> Bool {
        name.utf8.count <= 63 && isValidName(name) && !name.contains(".")
    }

    /// Whether `value` can be a label value (at most 63 letters, digits, `-`, `_`, `.`, alphanumeric at both ends).
    static func isValidLabelValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 63, let first = bytes.first, let last = bytes.last,
            isAlphanumeric(first), isAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (0x41...0x5A).contains(byte)
    }
}

extension IncidentDirectory {
    /// Creates `override` (the Slack `override` command).
    /// - Throws: the client's errors (`AlreadyExists`, `Forbidden`, …).
    func create(_ override: OnCallOverride) async throws {
        _ = try await client.create(override)
    }
}
