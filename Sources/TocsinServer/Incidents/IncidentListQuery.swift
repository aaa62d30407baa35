import Foundation
import TocsinAPI

/// The query of `GET /api/v1/incidents`: `namespace`, `phase`, `severity` (each value, or several separated by
/// commas), `limit` (1…500, default 100) and `continue`.
struct IncidentListQuery: Sendable, Equatable {
    static let defaultLimit = 100
    static let maximumLimit = 500

    var namespace: String?
    var phases: Set<IncidentPhase>?
    var severities: Set<Severity>?
    var limit = Self.defaultLimit
    var position: IncidentListToken?

    init(namespace: String? = nil, phases: Set<IncidentPhase>? = nil, severities: Set<Severity>? = nil,
         limit: Int = Self.defaultLimit, position: IncidentListToken? = nil) {
        self.namespace = namespace
        self.phases = phases
        self.severities = severities
        self.limit = limit
        self.position = position
    }

    /// Parses the query parameters, read with `parameter` (the value of a name, percent-decoded).
    /// - Throws: ``IncidentsAPIError`` 400 naming the parameter that is wrong.
    init(parameter parameters: (String) -> String?) throws(IncidentsAPIError) {
        if let namespace = parameters("namespace"), !namespace.isEmpty {
            guard IncidentDirectory.isValidNamespace(namespace) else {
                throw .badRequest("query parameter namespace is not a valid namespace name")
            }
            self.namespace = namespace
        }
        if let text = parameters("phase"), !text.isEmpty {
            phases = try Self.values(of: String(text), parameter: "phase") { value in
                IncidentPhase.allCases.first { $0.rawValue.lowercased() == value.lowercased() }
            }
        }
        if let text = parameters("severity"), !text.isEmpty {
            severities = try Self.values(of: String(text), parameter: "severity") { value in
                Severity(rawValue: value.lowercased())
            }
        }
        if let text = parameters("limit") {
            guard text.count <= 6, let limit = Int(text), (1...Self.maximumLimit).contains(limit) else {
                throw .badRequest("query parameter limit must be a whole number from 1 to \(Self.maximumLimit)")
            }
            self.limit = limit
        }
        if let text = parameters("continue"), !text.isEmpty {
            guard let position = IncidentListToken(encoded: String(text)) else {
                throw .badRequest("query parameter continue is not a token this API returned: list again from the start")
            }
            self.position = position
        }
    }

    private static func values<Value: Hashable>(
        of text: String, parameter: String, parse: (String) -> Value?
    ) throws(IncidentsAPIError) -> Set<Value> {
        var result = Set<Value>()
        for part in text.split(separator: ",").prefix(16) {
            let value = part.trimmingCharacters(in: .whitespaces)
            guard let parsed = parse(value) else {
                let supported = parameter == "phase" ? IncidentPhase.supportedValues : Severity.supportedValues
                throw .badRequest(
                    "query parameter \(parameter) has an unsupported value \"\(value.prefix(32))\": supported values "
                        + "are \(supported)")
            }
            result.insert(parsed)
        }
        return result
    }

    /// Whether `incident` passes the phase and severity filters.
    func matches(_ incident: Incident) -> Bool {
        guard let status = incident.status else { return phases == nil && severities == nil }
        if let phases, !phases.contains(status.phase) { return false }
        if let severities, !severities.contains(status.severity) { return false }
        return true
    }
}

/// Where the next page of `GET /api/v1/incidents` starts: which listed namespace, which Kubernetes page (its
/// `continue` token) and how many items of that page were already returned. Opaque to clients (base64url JSON).
struct IncidentListToken: Codable, Sendable, Equatable {
    /// The index in the namespaces listed (``IncidentDirectory/listedNamespaces`` or the one asked for).
    var namespaceIndex: Int
    /// The Kubernetes continue token of the page; `nil` for the first.
    var kubeToken: String?
    /// How many items of that page were already returned.
    var skip: Int

    enum CodingKeys: String, CodingKey {
        case namespaceIndex = "n"
        case kubeToken = "k"
        case skip = "s"
    }

    init(namespaceIndex: Int, kubeToken: String?, skip: Int) {
        self.namespaceIndex = namespaceIndex
        self.kubeToken = kubeToken
        self.skip = skip
    }

    /// Decodes a token; `nil` unless it is one this API produced.
    init?(encoded: String) {
        guard encoded.utf8.count <= 8_192 else { return nil }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let token = try? JSONDecoder().decode(IncidentListToken.self, from: data),
            token.namespaceIndex >= 0, token.namespaceIndex < 10_000, token.skip >= 0,
            token.skip < IncidentDirectory.pageSize
        else { return nil }
        self = token
    }

    /// The token as sent to clients: base64url without padding.
    var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
