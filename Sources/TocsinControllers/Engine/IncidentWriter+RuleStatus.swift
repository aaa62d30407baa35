import Foundation
import KubeClient
import KubeCore
import TocsinAPI

extension IncidentWriter {
    /// Writes an AlertRule's `status.firing`, `status.pending` and (when given) `status.lastFiredTime` with a merge
    /// patch of the status subresource, leaving its conditions to the AlertRule reconciler.
    /// - Throws: the client's errors; a rule that no longer exists is not an error.
    func writeCounts(namespace: String, rule: String, firing: Int, pending: Int, lastFired: Date?) async throws {
        var status: [String: JSONValue] = ["firing": .integer(Int64(firing)), "pending": .integer(Int64(pending))]
        if let lastFired { status["lastFiredTime"] = try JSONValue(encoding: Timestamp(lastFired)) }
        do {
            _ = try await client.patch(
                AlertRule.self, name: rule, namespace: namespace, patch: .merge(["status": .object(status)]),
                subresource: "status")
        } catch let error as KubeAPIError where error.isNotFound {}
    }
}
