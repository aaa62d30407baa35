import KubeClient
import KubeCore
import TocsinAPI

/// Asks the Kubernetes API whether a user may read or act on Incidents (`SubjectAccessReview`), so that RBAC
/// decides: `get`/`list` on `incidents.tocsin.dev` to read, `patch` on `incidents.tocsin.dev` to acknowledge,
/// resolve, escalate or add a note — the same verb `kubectl annotate` needs to act through annotations.
public struct KubernetesAccessAuthorizer: Sendable {
    private let review: @Sendable (SubjectAccessReview) async throws -> SubjectAccessReview

    /// Creates an authorizer asking `client`'s API server.
    public init(client: KubernetesClient) {
        self.init(review: { try await client.create($0) })
    }

    /// Creates an authorizer with its own review call (tests).
    init(review: @escaping @Sendable (SubjectAccessReview) async throws -> SubjectAccessReview) {
        self.review = review
    }

    /// Whether `user` may `verb` Incidents in `namespace` (`nil`: all namespaces), or the one named `name`.
    /// - Throws: ``IncidentsAPIError`` 503 when the API server cannot be asked.
    public func isAllowed(
        _ user: UserInfo, verb: String, namespace: String?, name: String? = nil
    ) async throws(IncidentsAPIError) -> Bool {
        let attributes = ResourceAttributes(
            namespace: namespace ?? "", verb: verb, group: ResourceType.incidents.group,
            version: ResourceType.incidents.version, resource: ResourceType.incidents.plural, name: name)
        let answer: SubjectAccessReview
        do {
            let spec = SubjectAccessReviewSpec(resourceAttributes: attributes, for: user)
            answer = try await review(SubjectAccessReview(spec: spec))
        } catch {
            throw .unavailable(
                "could not check permissions with the Kubernetes API (SubjectAccessReview failed: "
                    + "\(KubernetesTokenAuthenticator.describe(error))); try again later")
        }
        return answer.status?.allowed == true
    }
}
