import Foundation
import Hummingbird
import KubeCore
import Logging
import NIOFoundationCompat
import TocsinAPI
import TocsinControllers

/// The HTTP API for incidents, under `/api/v1` (described by ``IncidentsAPIDocument``, served at
/// `GET /api/v1/openapi.yaml`):
///
/// - `GET /api/v1/incidents?namespace=&phase=&severity=&limit=&continue=`: a page of Incidents.
/// - `GET /api/v1/incidents/{namespace}/{name}`: one Incident.
/// - `POST /api/v1/incidents/{namespace}/{name}/acknowledge`, `/resolve`, `/escalate`: act on it.
/// - `POST /api/v1/incidents/{namespace}/{name}/notes` with `{"text": "…"}`: add a note.
///
/// Every call needs `Authorization: Bearer <token>`, checked with a `TokenReview`; what the user may do is decided
/// by the cluster's RBAC through a `SubjectAccessReview` (`get`/`list` on `incidents.tocsin.dev` to read, `patch`
/// to act). The actor recorded on the Incident is the token's user name. Errors are
/// `{"error": {"code": …, "message": …}}` with 400, 401, 403, 404, 409, 410, 413 or 503.
public struct IncidentsAPI: Sendable {
    /// The largest request body read (a note).
    public static let maximumBodySize = 16 * 1024

    let directory: IncidentDirectory
    let operations: IncidentOperations
    let authenticator: KubernetesTokenAuthenticator
    let authorizer: KubernetesAccessAuthorizer
    let logger: Logger

    /// Creates the API.
    /// - Parameters:
    ///   - directory: which Incidents are visible (and the client reading them).
    ///   - operations: the one place Incidents are changed (origin `.api`).
    ///   - authenticator: checks bearer tokens (TokenReview).
    ///   - authorizer: checks permissions (SubjectAccessReview).
    ///   - logger: the API's logger (never logs tokens).
    public init(
        directory: IncidentDirectory, operations: IncidentOperations, authenticator: KubernetesTokenAuthenticator,
        authorizer: KubernetesAccessAuthorizer, logger: Logger
    ) {
        self.directory = directory
        self.operations = operations
        self.authenticator = authenticator
        self.authorizer = authorizer
        self.logger = logger
    }

    /// Adds the API's routes to `router`.
    public func register(on router: Router<BasicRequestContext>) {
        router.get("/api/v1/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: IncidentsAPIDocument.yaml)))
        }
        router.get("/api/v1/incidents") { request, _ in
            await answer { () throws(IncidentsAPIError) in try await list(request) }
        }
        router.get("/api/v1/incidents/:namespace/:name") { request, context in
            await answer { () throws(IncidentsAPIError) in
                try await get(request, namespace: context.parameters.get("namespace"), name: context.parameters.get("name"))
            }
        }
        router.post("/api/v1/incidents/:namespace/:name/:operation") { request, context in
            await answer { () throws(IncidentsAPIError) in
                try await act(
                    request, namespace: context.parameters.get("namespace"), name: context.parameters.get("name"),
                    operation: context.parameters.get("operation"))
            }
        }
    }

    /// The response of `body`, or of the error it threw.
    func answer(_ body: () async throws(IncidentsAPIError) -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            return error.response
        }
    }

    /// `GET /api/v1/incidents`.
    func list(_ request: Request) async throws(IncidentsAPIError) -> Response {
        let user = try await authenticate(request)
        let parameters = request.uri.queryParameters
        let query = try IncidentListQuery { parameters.get($0) }
        try await authorize(user, verb: "list", namespace: query.namespace)
        let (items, next) = try await page(query)
        let list = ObjectList(
            apiVersion: ResourceType.incidents.apiVersion, kind: ResourceType.incidents.listKind,
            metadata: ListMeta(continueToken: next?.encoded), items: items)
        return try Self.json(list)
    }

    /// `GET /api/v1/incidents/{namespace}/{name}`.
    func get(_ request: Request, namespace: String?, name: String?) async throws(IncidentsAPIError) -> Response {
        let user = try await authenticate(request)
        let (namespace, name) = try Self.validated(namespace: namespace, name: name)
        try await authorize(user, verb: "get", namespace: namespace, name: name)
        let incident: Incident?
        do {
            incident = try await directory.incident(namespace: namespace, name: name)
        } catch {
            logger.error("Could not read an Incident", metadata: ["error": "\(error)"])
            throw .unavailable("could not read the incident from the Kubernetes API; try again later")
        }
        guard let incident else { throw .notFound(namespace: namespace, name: name) }
        return try Self.json(incident)
    }

    /// `POST /api/v1/incidents/{namespace}/{name}/{acknowledge|resolve|escalate|notes}`.
    func act(
        _ request: Request, namespace: String?, name: String?, operation: String?
    ) async throws(IncidentsAPIError) -> Response {
        let user = try await authenticate(request)
        let (namespace, name) = try Self.validated(namespace: namespace, name: name)
        let parsed: IncidentOperations.Operation
        switch operation {
        case "acknowledge": parsed = .acknowledge
        case "resolve": parsed = .resolve
        case "escalate": parsed = .escalate
        case "notes": parsed = .note(try await noteText(request))
        default:
            throw IncidentsAPIError(
                status: 404, code: "NotFound",
                message: "unknown operation: use acknowledge, resolve, escalate or notes")
        }
        try await authorize(user, verb: "patch", namespace: namespace, name: name)
        guard directory.contains(namespace: namespace) else { throw .notFound(namespace: namespace, name: name) }
        let actor = user.username ?? "unknown"
        do {
            let incident = try await operations.perform(parsed, namespace: namespace, name: name, by: actor, origin: .api)
            return try Self.json(incident)
        } catch let failure as IncidentOperations.Failure {
            switch failure {
            case .notFound: throw .notFound(namespace: namespace, name: name)
            case .refused(let refusal):
                throw IncidentsAPIError(status: 409, code: "Conflict", message: refusal.description)
            }
        } catch {
            logger.error(
                "Could not act on an Incident",
                metadata: ["incident.namespace": "\(namespace)", "incident.name": "\(name)", "error": "\(error)"])
            throw .unavailable("could not change the incident through the Kubernetes API; try again later")
        }
    }

    /// The `text` of a notes request body.
    func noteText(_ request: Request) async throws(IncidentsAPIError) -> String {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maximumBodySize)
        } catch {
            throw IncidentsAPIError(
                status: 413, code: "PayloadTooLarge", message: "the body is larger than \(Self.maximumBodySize) bytes")
        }
        struct NoteRequest: Decodable { var text: String }
        guard let note = try? JSONDecoder().decode(NoteRequest.self, from: Data(buffer: body)) else {
            throw .badRequest("the body must be a JSON object with a string field \"text\"")
        }
        guard !note.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .badRequest("the note's text must not be empty")
        }
        return note.text
    }

    /// The user of the request's bearer token.
    func authenticate(_ request: Request) async throws(IncidentsAPIError) -> UserInfo {
        guard let header = request.headers.value(named: "authorization") else {
            throw .unauthorized("missing Authorization header: send \"Authorization: Bearer <token>\"")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .unauthorized("the Authorization header must be \"Bearer <token>\"")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty, token.utf8.count <= 16 * 1024, !token.contains(",") else {
            throw .unauthorized("the Authorization header must be \"Bearer <token>\"")
        }
        return try await authenticator.authenticate(token: token)
    }

    /// Succeeds when `user` may `verb` Incidents there.
    func authorize(
        _ user: UserInfo, verb: String, namespace: String?, name: String? = nil
    ) async throws(IncidentsAPIError) {
        guard try await authorizer.isAllowed(user, verb: verb, namespace: namespace, name: name) else {
            throw .forbidden(user: user.username ?? "unknown", verb: verb, namespace: namespace)
        }
    }

    /// The path's namespace and name, when both are valid.
    static func validated(namespace: String?, name: String?) throws(IncidentsAPIError) -> (String, String) {
        guard let namespace, IncidentDirectory.isValidNamespace(namespace) else {
            throw .badRequest("the namespace in the path is not a valid namespace name")
        }
        guard let name, IncidentDirectory.isValidName(name) else {
            throw .badRequest("the name in the path is not a valid object name")
        }
        return (namespace, name)
    }

    /// A 200 JSON response of `value`, encoded as the Kubernetes API encodes objects.
    static func json(_ value: some Encodable) throws(IncidentsAPIError) -> Response {
        let data: Data
        do {
            data = try KubeJSON.makeEncoder().encode(value)
        } catch {
            throw IncidentsAPIError(status: 500, code: "InternalError", message: "could not encode the answer")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
