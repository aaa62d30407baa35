import Foundation
import Testing

@testable import KubeCore

@Suite("KubeAPIError")
struct KubeAPIErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var statusCode: Int
        var body: String
        var retryAfterHeader: String?
        var reason: String?
        var predicates: Set<String>
        var retryAfter: Duration?
        var description: String
        var testDescription: String { "\(statusCode) \(reason ?? "-")" }
    }

    static let cases: [Case] = [
        Case(
            statusCode: 404,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"y\" not found","reason":"NotFound","details":{"name":"y","kind":"pods"},"code":404}"#,
            reason: "NotFound", predicates: ["notFound"],
            description: #"GET /api/v1/namespaces/x/pods/y: 404 NotFound: pods "y" not found"#
        ),
        Case(
            statusCode: 409,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on leases.coordination.k8s.io \"tocsin\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"tocsin","group":"coordination.k8s.io","kind":"leases"},"code":409}"#,
            reason: "Conflict", predicates: ["conflict"],
            description: #"GET /api/v1/namespaces/x/pods/y: 409 Conflict: Operation cannot be fulfilled on leases.coordination.k8s.io "tocsin": the object has been modified; please apply your changes to the latest version and try again"#
        ),
        Case(
            statusCode: 409,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"y\" already exists","reason":"AlreadyExists","details":{"name":"y","kind":"pods"},"code":409}"#,
            reason: "AlreadyExists", predicates: ["alreadyExists"],
            description: #"GET /api/v1/namespaces/x/pods/y: 409 AlreadyExists: pods "y" already exists"#
        ),
        Case(
            statusCode: 410,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1000 (483920)","reason":"Expired","code":410}"#,
            reason: "Expired", predicates: ["gone"],
            description: "GET /api/v1/namespaces/x/pods/y: 410 Expired: too old resource version: 1000 (483920)"
        ),
        Case(
            statusCode: 422,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"AlertRule.tocsin.dev \"y\" is invalid: spec.severity: Unsupported value: \"urgent\": supported values: \"critical\", \"high\"","reason":"Invalid","details":{"name":"y","group":"tocsin.dev","kind":"AlertRule","causes":[{"reason":"FieldValueNotSupported","message":"Unsupported value: \"urgent\": supported values: \"critical\", \"high\"","field":"spec.severity"}]},"code":422}"#,
            reason: "Invalid", predicates: ["invalid"],
            description: #"GET /api/v1/namespaces/x/pods/y: 422 Invalid: AlertRule.tocsin.dev "y" is invalid: spec.severity: Unsupported value: "urgent": supported values: "critical", "high""#
        ),
        Case(
            statusCode: 429,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"storage is (re)initializing","reason":"TooManyRequests","details":{"retryAfterSeconds":1},"code":429}"#,
            retryAfterHeader: "3", reason: "TooManyRequests", predicates: ["tooManyRequests"], retryAfter: .seconds(3),
            description: "GET /api/v1/namespaces/x/pods/y: 429 TooManyRequests: storage is (re)initializing"
        ),
        Case(
            statusCode: 429,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too many requests","reason":"TooManyRequests","details":{"retryAfterSeconds":2},"code":429}"#,
            reason: "TooManyRequests", predicates: ["tooManyRequests"], retryAfter: .seconds(2),
            description: "GET /api/v1/namespaces/x/pods/y: 429 TooManyRequests: too many requests"
        ),
        Case(
            statusCode: 502,
            body: "<html><body><h1>502 Bad Gateway</h1></body></html>\n",
            reason: nil, predicates: ["serverError"],
            description: "GET /api/v1/namespaces/x/pods/y: 502: <html><body><h1>502 Bad Gateway</h1></body></html>"
        ),
        Case(
            statusCode: 504,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Timeout: request did not complete within the allotted timeout","reason":"Timeout","details":{"retryAfterSeconds":1},"code":504}"#,
            reason: "Timeout", predicates: ["serverError", "timeout"], retryAfter: .seconds(1),
            description: "GET /api/v1/namespaces/x/pods/y: 504 Timeout: Timeout: request did not complete within the allotted timeout"
        ),
        Case(
            statusCode: 403,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods is forbidden: User \"system:serviceaccount:tocsin:tocsin\" cannot list resource \"pods\" in API group \"\" at the cluster scope","reason":"Forbidden","details":{"kind":"pods"},"code":403}"#,
            reason: "Forbidden", predicates: ["forbidden"],
            description: #"GET /api/v1/namespaces/x/pods/y: 403 Forbidden: pods is forbidden: User "system:serviceaccount:tocsin:tocsin" cannot list resource "pods" in API group "" at the cluster scope"#
        ),
        Case(
            statusCode: 401,
            body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#,
            reason: "Unauthorized", predicates: ["unauthorized"],
            description: "GET /api/v1/namespaces/x/pods/y: 401 Unauthorized: Unauthorized"
        ),
        Case(
            statusCode: 409, body: "", reason: nil, predicates: ["conflict"],
            description: "GET /api/v1/namespaces/x/pods/y: 409"
        ),
    ]

    @Test("errors from real Status bodies", arguments: cases)
    func fromStatus(testCase: Case) {
        let error = KubeAPIError(
            statusCode: testCase.statusCode, body: Data(testCase.body.utf8), method: "GET",
            path: "/api/v1/namespaces/x/pods/y", retryAfterHeader: testCase.retryAfterHeader
        )
        #expect(error.reason == testCase.reason)
        #expect(error.retryAfter == testCase.retryAfter)
        #expect(error.description == testCase.description)
        let predicates: [String: Bool] = [
            "notFound": error.isNotFound, "alreadyExists": error.isAlreadyExists, "conflict": error.isConflict,
            "gone": error.isGone, "forbidden": error.isForbidden, "unauthorized": error.isUnauthorized,
            "invalid": error.isInvalid, "tooManyRequests": error.isTooManyRequests,
            "serverError": error.isServerError, "timeout": error.isTimeout,
        ]
        #expect(Set(predicates.filter(\.value).keys) == testCase.predicates)
    }

    @Test("a 422 keeps its causes")
    func invalidCauses() throws {
        let error = KubeAPIError(
            statusCode: 422, body: Data(Self.cases[4].body.utf8), method: "POST",
            path: "/apis/tocsin.dev/v1alpha1/namespaces/shop/alertrules", retryAfterHeader: nil
        )
        let status = try #require(error.status)
        #expect(status.code == 422 && status.status == "Failure")
        #expect(
            status.details == StatusDetails(
                name: "y", group: "tocsin.dev", kind: "AlertRule",
                causes: [StatusCause(reason: "FieldValueNotSupported",
                                     message: #"Unsupported value: "urgent": supported values: "critical", "high""#,
                                     field: "spec.severity")]
            )
        )
    }

    @Test("a non-JSON body keeps only its first 512 bytes")
    func longNonJSONBody() {
        let body = Data(repeating: UInt8(ascii: "x"), count: 2000)
        let error = KubeAPIError(statusCode: 502, body: body, method: "GET", path: "/api/v1/pods", retryAfterHeader: "soon")
        #expect(error.status == nil)
        #expect(error.bodyExcerpt == String(repeating: "x", count: 512))
        #expect(error.message == error.bodyExcerpt)
        #expect(error.retryAfter == nil)
    }

    @Test("JSON that is not a Status is kept as text")
    func jsonNotStatus() {
        let error = KubeAPIError(statusCode: 500, body: Data(#"{"error":"boom"}"#.utf8), method: "GET", path: "/x", retryAfterHeader: nil)
        #expect(error.status == nil)
        #expect(error.description == #"GET /x: 500: {"error":"boom"}"#)
    }
}
