import Testing
import TocsinNotifiers

@Suite struct OpsgenieWebhookVerifierTests {
    static let secret = "s3cr3t-d0-n0t-l0g-7c1e"

    /// A header value, the refusal it gets (`nil`: accepted), and a description that does not show the secret.
    struct SecretCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var value: String?
        var expected: OpsgenieWebhookError.Code?
    }

    static let secretCases: [SecretCase] = [
        SecretCase(testDescription: "the secret", value: secret, expected: nil),
        SecretCase(testDescription: "the secret between spaces", value: " \(secret) ", expected: nil),
        SecretCase(testDescription: "no header", value: nil, expected: .missingSecret),
        SecretCase(testDescription: "an empty header", value: "", expected: .missingSecret),
        SecretCase(testDescription: "a prefix", value: String(secret.dropLast()), expected: .wrongSecret),
        SecretCase(testDescription: "a longer value", value: secret + "e", expected: .wrongSecret),
        SecretCase(testDescription: "another case", value: secret.uppercased(), expected: .wrongSecret),
        SecretCase(testDescription: "a bearer token", value: "Bearer \(secret)", expected: .wrongSecret),
    ]

    @Test(arguments: secretCases)
    func verifiesTheSharedSecret(secretCase: SecretCase) throws {
        let verifier = try OpsgenieWebhookVerifier(secret: Self.secret + "\n")
        do {
            try verifier.verify(headerValue: secretCase.value)
            #expect(secretCase.expected == nil)
        } catch {
            #expect(error.code == secretCase.expected)
            #expect(error.httpStatus == 401)
            #expect(!error.message.contains(Self.secret))
            if let value = secretCase.value, !value.isEmpty { #expect(!error.message.contains(value)) }
        }
    }

    @Test func findsTheHeaderWhateverItsCase() throws {
        let verifier = try OpsgenieWebhookVerifier(secret: Self.secret, headerName: "X-Opsgenie-Secret")
        #expect(verifier.headerName == "X-Opsgenie-Secret")
        try verifier.verify(headers: [
            (name: "content-type", value: "application/json"), (name: "x-opsgenie-secret", value: Self.secret),
        ])
        #expect(
            throws: OpsgenieWebhookError(
                code: .missingSecret,
                message:
                    "Opsgenie webhook refused: header X-Opsgenie-Secret is missing (add it as a custom header of the Opsgenie Webhook integration)"
            )
        ) {
            try verifier.verify(headers: [(name: "X-Tocsin-Webhook-Secret", value: Self.secret)])
        }
        #expect(
            throws: OpsgenieWebhookError(
                code: .wrongSecret, message: "Opsgenie webhook refused: header X-Opsgenie-Secret is repeated")
        ) {
            try verifier.verify(headers: [
                (name: "X-Opsgenie-Secret", value: Self.secret), (name: "x-opsgenie-secret", value: "other"),
            ])
        }
    }

    @Test func usesTheDefaultHeaderName() throws {
        let verifier = try OpsgenieWebhookVerifier(secret: Self.secret)
        #expect(verifier.headerName == "X-Tocsin-Webhook-Secret")
        try verifier.verify(headers: [(name: "x-tocsin-webhook-secret", value: Self.secret)])
    }

    @Test(arguments: [
        (
            "", OpsgenieWebhookVerifier.defaultHeaderName,
            "Opsgenie webhook secret is empty: set a non-empty value in its Secret"
        ),
        (
            " \n", OpsgenieWebhookVerifier.defaultHeaderName,
            "Opsgenie webhook secret is empty: set a non-empty value in its Secret"
        ),
        ("secret", "X Secret", "Opsgenie webhook header name \"X Secret\" is not a valid HTTP header name"),
        ("secret", "", "Opsgenie webhook header name \"\" is not a valid HTTP header name"),
    ])
    func refusesAnUnusableConfiguration(secret: String, headerName: String, message: String) {
        #expect(throws: OpsgenieWebhookError(code: .misconfigured, message: message)) {
            try OpsgenieWebhookVerifier(secret: secret, headerName: headerName)
        }
        #expect(OpsgenieWebhookError(code: .misconfigured, message: message).httpStatus == 500)
    }
}
