import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinTesting
@testable import TocsinServer

@Suite("Incidents HTTP API")
struct IncidentsAPITests {
    typealias Fixtures = EndpointFixtures

    private struct ErrorBody: Decodable, Equatable {
        struct Detail: Decodable, Equatable {
            var code: String
            var message: String
        }

        var error: Detail
    }

    private func error(_ response: EndpointResponse) throws -> ErrorBody.Detail {
        #expect(response.header("content-type") == "application/json")
        return try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.utf8)).error
    }

    private func names(_ response: EndpointResponse) throws -> [String] {
        try response.decoded(ObjectList<Incident>.self).items.map {
            "\($0.metadata.namespace ?? "")/\($0.metadata.name ?? "")"
        }
    }

    @Test func requestsWithoutAValidBearerTokenAre401() async throws {
        try await withEndpoints { harness in
            let missing = try await harness.api(.GET, "/api/v1/incidents", token: nil)
            #expect(missing.status == 401)
            #expect(missing.header("www-authenticate") == "Bearer realm=\"tocsin\"")
            #expect(try error(missing).code == "Unauthorized")
            let invalid = try await harness.api(.GET, "/api/v1/incidents", token: "mallory-token")
            #expect(invalid.status == 401)
            #expect(try error(invalid) == .init(code: "Unauthorized", message: "the bearer token is not valid for this cluster"))
            #expect(!invalid.body.contains("mallory-token"))
            let basic = try await harness.send(
                .GET, "/api/v1/incidents", headers: [("Authorization", "Basic YWxpY2U6cHc=")])
            #expect(basic.status == 401)
            let post = try await harness.api(.POST, "/api/v1/incidents/shop/x/acknowledge", token: "")
            #expect(post.status == 401)
        }
    }

    @Test func aDeniedSubjectAccessReviewIs403() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")

            let write = try await harness.api(.POST, "/api/v1/incidents/shop/web-down-1/acknowledge", token: "bob-token")
            #expect(write.status == 403)
            #expect(try error(write) == .init(
                code: "Forbidden",
                message: "user \"bob@example.com\" cannot patch incidents.tocsin.dev in namespace \"shop\": ask for an "
                    + "RBAC role that grants it"))
            #expect(try Fixtures.stored(harness.server, name: "web-down-1").status?.phase == .firing)
            #expect(harness.server.accessReviews.last == FakeAPIServer.AccessReviewRequest(
                user: "bob@example.com", groups: ["system:authenticated"], verb: "patch", group: "tocsin.dev",
                resource: "incidents", namespace: "shop", name: "web-down-1"))

            let everywhere = try await harness.api(.GET, "/api/v1/incidents", token: "bob-token")
            #expect(everywhere.status == 403)
            #expect(harness.server.accessReviews.last?.namespace == "")
            #expect(harness.server.accessReviews.last?.verb == "list")
            #expect(try await harness.api(.GET, "/api/v1/incidents?namespace=shop", token: "bob-token").status == 200)
            #expect(try await harness.api(.GET, "/api/v1/incidents/shop/web-down-1", token: "bob-token").status == 200)
            #expect(harness.server.accessReviews.last?.verb == "get")
        }
    }

    @Test func listFiltersByNamespacePhaseAndSeverity() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "a-1", fingerprint: "fp-1", severity: .critical)
            try Fixtures.createIncident(harness.server, name: "b-1", fingerprint: "fp-2", severity: .low, phase: .acknowledged)
            try Fixtures.createIncident(harness.server, name: "c-1", fingerprint: "fp-3", severity: .critical, phase: .resolved)
            try Fixtures.createIncident(harness.server, namespace: "web", name: "d-1", fingerprint: "fp-4", severity: .high)

            let all = try await harness.api(.GET, "/api/v1/incidents")
            #expect(all.status == 200)
            #expect(try names(all) == ["shop/a-1", "shop/b-1", "shop/c-1", "web/d-1"])
            let list = try all.decoded(ObjectList<Incident>.self)
            #expect(list.kind == "IncidentList")
            #expect(list.apiVersion == "tocsin.dev/v1alpha1")
            #expect(list.metadata.continueToken == nil)

            #expect(try names(try await harness.api(.GET, "/api/v1/incidents?namespace=web")) == ["web/d-1"])
            #expect(try names(try await harness.api(.GET, "/api/v1/incidents?phase=Firing,acknowledged"))
                == ["shop/a-1", "shop/b-1", "web/d-1"])
            #expect(try names(try await harness.api(.GET, "/api/v1/incidents?severity=critical")) == ["shop/a-1", "shop/c-1"])
            #expect(try names(try await harness.api(.GET, "/api/v1/incidents?namespace=shop&phase=Firing&severity=critical"))
                == ["shop/a-1"])
        }
    }

    @Test func listPaginatesWithContinueTokensAcrossFilters() async throws {
        try await withEndpoints { harness in
            for index in 0..<7 {
                try Fixtures.createIncident(
                    harness.server, name: "inc-\(index)", fingerprint: "fp-\(index)",
                    phase: index.isMultiple(of: 3) ? .resolved : .firing)
            }
            var seen: [String] = []
            var path = "/api/v1/incidents?phase=Firing&limit=2"
            var pages = 0
            while pages < 10 {
                let response = try await harness.api(.GET, path)
                #expect(response.status == 200)
                let list = try response.decoded(ObjectList<Incident>.self)
                #expect(list.items.count <= 2)
                seen += try names(response)
                pages += 1
                guard let token = list.metadata.continueToken else { break }
                path = "/api/v1/incidents?phase=Firing&limit=2&continue=\(token)"
            }
            #expect(seen == ["shop/inc-1", "shop/inc-2", "shop/inc-4", "shop/inc-5"])
            #expect(pages == 2)
        }
    }

    @Test func listPaginatesAcrossTheWatchedNamespaces() async throws {
        try await withEndpoints(scope: .namespaces(["web", "shop"])) { harness in
            try Fixtures.createIncident(harness.server, name: "a-1", fingerprint: "fp-1")
            try Fixtures.createIncident(harness.server, name: "a-2", fingerprint: "fp-2")
            try Fixtures.createIncident(harness.server, namespace: "web", name: "w-1", fingerprint: "fp-3")
            try Fixtures.createIncident(harness.server, namespace: "default", name: "hidden-1", fingerprint: "fp-4")
            var seen: [String] = []
            var path = "/api/v1/incidents?limit=1"
            for _ in 0..<10 {
                let list = try await harness.api(.GET, path).decoded(ObjectList<Incident>.self)
                seen += list.items.map { "\($0.metadata.namespace ?? "")/\($0.metadata.name ?? "")" }
                guard let token = list.metadata.continueToken else { break }
                path = "/api/v1/incidents?limit=1&continue=\(token)"
            }
            #expect(seen == ["web/w-1", "shop/a-1", "shop/a-2"])
            #expect(try names(try await harness.api(.GET, "/api/v1/incidents?namespace=default")) == [])
            #expect(try await harness.api(.GET, "/api/v1/incidents/default/hidden-1").status == 404)
        }
    }

    @Test(arguments: [
        ("limit=0", "query parameter limit must be a whole number from 1 to 500"),
        ("limit=501", "query parameter limit must be a whole number from 1 to 500"),
        ("limit=ten", "query parameter limit must be a whole number from 1 to 500"),
        ("limit=99999999999999999999", "query parameter limit must be a whole number from 1 to 500"),
        ("phase=Burning", "query parameter phase has an unsupported value \"Burning\": supported values are Firing, Acknowledged, Resolved"),
        ("severity=urgent", "query parameter severity has an unsupported value \"urgent\": supported values are critical, high, moderate, low, info"),
        ("namespace=Not_Valid", "query parameter namespace is not a valid namespace name"),
        ("continue=garbage!", "query parameter continue is not a token this API returned: list again from the start"),
        ("continue=eyJuIjotMSwicyI6MH0", "query parameter continue is not a token this API returned: list again from the start"),
    ])
    func badListParametersAre400(_ query: String, _ message: String) async throws {
        try await withEndpoints { harness in
            let response = try await harness.api(.GET, "/api/v1/incidents?\(query)")
            #expect(response.status == 400)
            #expect(try error(response) == .init(code: "BadRequest", message: message))
        }
    }

    @Test func getAnswersTheIncidentOr404() async throws {
        try await withEndpoints { harness in
            let created = try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            let response = try await harness.api(.GET, "/api/v1/incidents/shop/web-down-1")
            #expect(response.status == 200)
            #expect(try response.decoded(Incident.self) == created)

            let missing = try await harness.api(.GET, "/api/v1/incidents/shop/nope")
            #expect(missing.status == 404)
            #expect(try error(missing) == .init(code: "NotFound", message: "incident \"shop/nope\" not found"))
            #expect(try await harness.api(.GET, "/api/v1/incidents/Shop!/x").status == 400)
        }
    }

    @Test func operationsChangeTheIncidentAsTheTokensUser() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")

            let note = try await harness.api(
                .POST, "/api/v1/incidents/shop/web-down-1/notes", body: #"{"text": "looking into it"}"#)
            #expect(note.status == 200)
            let acknowledged = try await harness.api(.POST, "/api/v1/incidents/shop/web-down-1/acknowledge")
            #expect(acknowledged.status == 200)
            let answer = try acknowledged.decoded(Incident.self)
            #expect(answer.status?.phase == .acknowledged)
            #expect(answer.status?.acknowledgedBy == "alice@example.com")
            #expect(answer == (try Fixtures.stored(harness.server, name: "web-down-1")))
            #expect(answer.status?.timeline?.suffix(2).map(\.type) == [.note, .acknowledged])
            #expect(answer.status?.timeline?.suffix(2).first?.actor == "alice@example.com")
            // Both receivers are told (the API is not a receiver).
            #expect(answer.status?.deliveries?.map { $0.pending?.map(\.action) ?? [] }
                == [[.note, .acknowledge], [.note, .acknowledge]])

            let resolved = try await harness.api(.POST, "/api/v1/incidents/shop/web-down-1/resolve")
            #expect(resolved.status == 200)
            #expect(try resolved.decoded(Incident.self).status?.resolvedBy == "alice@example.com")
        }
    }

    @Test func refusedOperationsAre409() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1", phase: .resolved)
            let response = try await harness.api(.POST, "/api/v1/incidents/shop/web-down-1/acknowledge")
            #expect(response.status == 409)
            #expect(try error(response) == .init(code: "Conflict", message: "the incident is already resolved"))
            let escalate = try await harness.api(.POST, "/api/v1/incidents/shop/web-down-1/escalate")
            #expect(escalate.status == 409)
        }
    }

    @Test func operationsOnMissingIncidentsAre404() async throws {
        try await withEndpoints { harness in
            for operation in ["acknowledge", "resolve", "escalate"] {
                let response = try await harness.api(.POST, "/api/v1/incidents/shop/nope/\(operation)")
                #expect(response.status == 404)
            }
            #expect(try await harness.api(.POST, "/api/v1/incidents/shop/nope/reboot").status == 404)
        }
    }

    @Test(arguments: ["", "{", "[]", #"{"text": 3}"#, #"{"text": "   "}"#, #"{"note": "x"}"#, "\u{FF}"])
    func badNoteBodiesAre400(_ body: String) async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            let response = try await harness.api(.POST, "/api/v1/incidents/shop/web-down-1/notes", body: body)
            #expect(response.status == 400)
            #expect(try error(response).code == "BadRequest")
        }
    }

    @Test func aNoteAbove16KiBIs413() async throws {
        try await withEndpoints { harness in
            let body = #"{"text": ""# + String(repeating: "x", count: 17 * 1024) + #""}"#
            let response = try await harness.api(.POST, "/api/v1/incidents/shop/web-down-1/notes", body: body)
            #expect(response.status == 413)
        }
    }

    @Test func positiveTokenReviewsAreCached() async throws {
        try await withEndpoints { harness in
            for _ in 0..<3 {
                let response = try await harness.api(.GET, "/api/v1/incidents")
                #expect(response.status == 200)
            }
            #expect(harness.server.tokenReviewCount == 1)
            for _ in 0..<2 {
                let response = try await harness.api(.GET, "/api/v1/incidents", token: "eve")
                #expect(response.status == 401)
            }
            #expect(harness.server.tokenReviewCount == 3)
        }
    }

    @Test func theOpenAPIDocumentIsServedWithoutAToken() async throws {
        try await withEndpoints { harness in
            let response = try await harness.api(.GET, "/api/v1/openapi.yaml", token: nil)
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/yaml; charset=utf-8")
            #expect(response.body == IncidentsAPIDocument.yaml)
        }
    }
}
