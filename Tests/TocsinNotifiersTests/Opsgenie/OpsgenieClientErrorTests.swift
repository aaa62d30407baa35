import AsyncHTTPClient
import Foundation
import Logging
import Testing
import TocsinAPI
import TocsinNotifiers
import TocsinTesting

@Suite struct OpsgenieClientErrorTests {
    /// Runs `body`, expecting it to throw a ``DeliveryError``, and checks that no message or log line holds the key.
    private func deliveryError<Value>(
        _ recorder: OpsgenieLogRecorder, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws(DeliveryError) -> Value
    ) async throws -> DeliveryError {
        var caught: DeliveryError?
        do {
            _ = try await body()
        } catch {
            caught = error
        }
        let error = try #require(caught, "expected a DeliveryError", sourceLocation: sourceLocation)
        #expect(!error.message.contains(opsgenieTestAPIKey), sourceLocation: sourceLocation)
        #expect(!(error.vendorError ?? "").contains(opsgenieTestAPIKey), sourceLocation: sourceLocation)
        #expect(!error.description.contains(opsgenieTestAPIKey), sourceLocation: sourceLocation)
        #expect(!recorder.all.contains { $0.contains(opsgenieTestAPIKey) }, sourceLocation: sourceLocation)
        #expect(error.receiver == .opsgenie, sourceLocation: sourceLocation)
        return error
    }

    @Test func aRefusedAPIKeyIsUnauthorized() async throws {
        try await withFakeOpsgenie { server, client, recorder in
            let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
                try await client.createAlert(
                    OpsgenieAlert(message: "Pod crash looping", alias: "fp-1"), baseURL: server.baseURL.absoluteString,
                    apiKey: "wrong-key")
            }
            #expect(error.code == .unauthorized)
            #expect(error.httpStatus == 401)
            #expect(!error.isRetryable)
            #expect(
                error.message
                    == "Opsgenie create alert of alert \"fp-1\" failed: HTTP 401 Could not authenticate: check the API key Secret and its integration's permissions"
            )
            #expect(error.vendorError == "Could not authenticate")
            #expect(server.alerts.isEmpty)
        }
    }

    @Test func anOverLimitAlertIsRejectedWithOpsgeniesReasons() async throws {
        try await withFakeOpsgenie { server, client, recorder in
            let alert = OpsgenieAlert(
                message: String(repeating: "m", count: 131), tags: (1...21).map { "t\($0)" }, priority: "P0")
            let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
                try await client.createAlert(alert, baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            }
            #expect(error.code == .rejected)
            #expect(error.httpStatus == 422)
            #expect(!error.isRetryable)
            #expect(
                error.message
                    == "Opsgenie create alert failed: HTTP 422 Request body is not processable. Please check the errors. "
                    + "(message: Message can not be longer than 130 characters.; priority: Priority should be one of "
                    + "[P1, P2, P3, P4, P5].; tags: Tags can not be more than 20.)")
            #expect(error.vendorError == "Request body is not processable. Please check the errors.")
            #expect(server.alerts.isEmpty)
        }
    }

    @Test func aNotFoundAliasActionIsNotFound() async throws {
        try await withFakeOpsgenie { server, client, recorder in
            server.injectFailure(status: 404, message: "Alert does not exist", pathPrefix: "/v2/alerts/fp-9")
            let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
                try await client.close(
                    alias: "fp-9", baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            }
            #expect(error.code == .notFound)
            #expect(error.httpStatus == 404)
            #expect(
                error.message
                    == "Opsgenie close of alert \"fp-9\" failed: HTTP 404 Alert does not exist: no alert has this alias"
            )
        }
    }

    @Test func anUnknownRequestIDIsNotFound() async throws {
        try await withFakeOpsgenie { server, client, recorder in
            let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
                try await client.requestStatus(
                    requestID: "00000000-0000-4000-8000-000000000999", baseURL: server.baseURL.absoluteString,
                    apiKey: opsgenieTestAPIKey)
            }
            #expect(error.code == .notFound)
            #expect(
                error.message.hasSuffix(
                    "HTTP 404 Request does not exist: Opsgenie does not know request 00000000-0000-4000-8000-000000000999"
                ))
        }
    }

    @Test(arguments: [(7, 7), (1_000, 300)])
    func aRateLimitCarriesRetryAfter(sent: Int, expected: Int) async throws {
        try await withFakeOpsgenie { server, client, recorder in
            server.rateLimitNextRequests(1, retryAfter: sent)
            let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
                try await client.acknowledge(
                    alias: "fp-1", baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            }
            #expect(error.code == .rateLimited)
            #expect(error.httpStatus == 429)
            #expect(error.retryAfter == .seconds(expected))
            #expect(error.isRetryable)
            #expect(
                error.message.hasSuffix(
                    "HTTP 429 You are making too many requests! To avoid errors, we recommend you limit requests. (rate limit: INTEGRATION)"
                ))
            let accepted = try await client.acknowledge(
                alias: "fp-1", baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            #expect(!accepted.requestID.isEmpty)
        }
    }

    @Test func aRateLimitWithoutRetryAfterWaitsForItsPeriod() async throws {
        try await withFakeOpsgenie { server, client, recorder in
            server.injectFailure(status: 429, rateLimitPeriod: 60)
            let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
                try await client.createAlert(
                    OpsgenieAlert(message: "x"), baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            }
            #expect(error.code == .rateLimited)
            #expect(error.retryAfter == .seconds(60))
        }
    }

    @Test(arguments: [500, 502, 503])
    func aServerFailureIsRetryable(status: Int) async throws {
        try await withFakeOpsgenie { server, client, recorder in
            server.failNextRequests(2, status: status)
            for _ in 0..<2 {
                let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
                    try await client.createAlert(
                        OpsgenieAlert(message: "x", alias: "fp-5"), baseURL: server.baseURL.absoluteString,
                        apiKey: opsgenieTestAPIKey)
                }
                #expect(error.code == .serverError)
                #expect(error.httpStatus == status)
                #expect(error.isRetryable)
                #expect(error.retryAfter == nil)
            }
            _ = try await client.createAlert(
                OpsgenieAlert(message: "x", alias: "fp-5"), baseURL: server.baseURL.absoluteString,
                apiKey: opsgenieTestAPIKey)
            #expect(server.alerts(alias: "fp-5").count == 1)
        }
    }

    @Test func anAPIKeyEchoedByTheVendorIsRedacted() async throws {
        try await withFakeOpsgenie { server, client, recorder in
            server.injectFailure(status: 400, message: "Key \(opsgenieTestAPIKey) is malformed")
            let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
                try await client.createAlert(
                    OpsgenieAlert(message: "x"), baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            }
            #expect(error.code == .rejected)
            #expect(error.message == "Opsgenie create alert failed: HTTP 400 Key [redacted] is malformed")
            #expect(error.vendorError == "Key [redacted] is malformed")
        }
    }

    @Test func anUnreachableOpsgenieIsATransportError() async throws {
        let server = try await FakeOpsgenieServer.start(apiKey: opsgenieTestAPIKey)
        let baseURL = server.baseURL.absoluteString
        await server.shutdown()
        let recorder = OpsgenieLogRecorder()
        let client = OpsgenieClient(
            httpClient: HTTPClient.shared, logger: Logger(label: "tocsin.test.opsgenie") { _ in recorder },
            timeout: .milliseconds(500))
        let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
            try await client.close(alias: "fp-1", baseURL: baseURL, apiKey: opsgenieTestAPIKey)
        }
        #expect(error.code == .transport)
        #expect(error.isRetryable)
        #expect(error.httpStatus == nil)
        #expect(
            error.message.hasPrefix("Opsgenie close of alert \"fp-1\" failed: could not reach 127.0.0.1: "),
            "\(error.message)")
    }

    @Test(arguments: [
        (
            "http://api.opsgenie.com",
            "Opsgenie create alert failed: the base URL \"http://api.opsgenie.com\" must use https"
        ),
        ("ftp://127.0.0.1", "Opsgenie create alert failed: the base URL \"ftp://127.0.0.1\" must use https"),
        ("api.opsgenie.com", "Opsgenie create alert failed: the base URL \"api.opsgenie.com\" is not an absolute URL"),
        (
            "https://user:pass@api.opsgenie.com",
            "Opsgenie create alert failed: the base URL must not carry credentials, a query or a fragment (set baseURL to e.g. https://api.opsgenie.com)"
        ),
    ])
    func aBadBaseURLIsMisconfigured(baseURL: String, message: String) async throws {
        let recorder = OpsgenieLogRecorder()
        let client = OpsgenieClient(httpClient: HTTPClient.shared, logger: Logger(label: "test") { _ in recorder })
        let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
            try await client.createAlert(OpsgenieAlert(message: "x"), baseURL: baseURL, apiKey: opsgenieTestAPIKey)
        }
        #expect(error.code == .misconfigured)
        #expect(error.message == message)
    }

    @Test(arguments: [
        ("", "Opsgenie close of alert \"fp-1\" failed: the API key is empty (check the API key Secret)"),
        (" \n", "Opsgenie close of alert \"fp-1\" failed: the API key is empty (check the API key Secret)"),
        (
            "abc\r\nX-Injected: 1",
            "Opsgenie close of alert \"fp-1\" failed: the API key holds characters an HTTP header cannot carry (check the API key Secret's value)"
        ),
    ])
    func aBadAPIKeyIsMisconfigured(apiKey: String, message: String) async throws {
        let recorder = OpsgenieLogRecorder()
        let client = OpsgenieClient(httpClient: HTTPClient.shared, logger: Logger(label: "test") { _ in recorder })
        let error = try await deliveryError(recorder) { () async throws(DeliveryError) in
            try await client.close(alias: "fp-1", baseURL: "https://api.opsgenie.com", apiKey: apiKey)
        }
        #expect(error.code == .misconfigured)
        #expect(error.message == message)
    }
}
