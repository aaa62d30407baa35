import Crypto
import Foundation
import NIOCore
import Testing
import TocsinNotifiers

@Suite struct SlackRequestVerifierTests {
    static let secret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Ftocsin&text=ack+shop%2Fcrashloop-7f3a"
    static let timestamp = "1700000000"
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    /// Signs as Slack does: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`.
    static func sign(_ body: String, timestamp: String = timestamp, secret: String = secret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("v0:\(timestamp):\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "v0=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    enum Case: String, CaseIterable {
        case valid, validAtFiveMinutesOld, validUppercaseHex, tamperedBody, wrongSecret, staleTimestamp,
            futureTimestamp, missingTimestamp, missingSignature, emptySignature, nonNumericTimestamp,
            negativeTimestamp, signatureWithoutVersion, truncatedSignature, signatureOfAnotherTimestamp
    }

    static func inputs(_ testCase: Case) -> (body: String, timestamp: String?, signature: String?, now: Date) {
        let signature = sign(body)
        switch testCase {
        case .valid: return (body, timestamp, signature, now)
        case .validAtFiveMinutesOld: return (body, timestamp, signature, now.addingTimeInterval(300))
        case .validUppercaseHex: return (body, timestamp, "v0=" + signature.dropFirst(3).uppercased(), now)
        case .tamperedBody: return (body.replacingOccurrences(of: "ack", with: "resolve"), timestamp, signature, now)
        case .wrongSecret: return (body, timestamp, sign(body, secret: "another-secret"), now)
        case .staleTimestamp: return (body, timestamp, signature, now.addingTimeInterval(301))
        case .futureTimestamp: return (body, timestamp, signature, now.addingTimeInterval(-301))
        case .missingTimestamp: return (body, nil, signature, now)
        case .missingSignature: return (body, timestamp, nil, now)
        case .emptySignature: return (body, timestamp, "", now)
        case .nonNumericTimestamp: return (body, "17e8", sign(body, timestamp: "17e8"), now)
        case .negativeTimestamp: return (body, "-1700000000", sign(body, timestamp: "-1700000000"), now)
        case .signatureWithoutVersion: return (body, timestamp, String(signature.dropFirst(3)), now)
        case .truncatedSignature: return (body, timestamp, String(signature.dropLast(2)), now)
        case .signatureOfAnotherTimestamp: return (body, timestamp, sign(body, timestamp: "1700000001"), now)
        }
    }

    static func expectedCode(_ testCase: Case) -> SlackVerificationError.Code? {
        switch testCase {
        case .valid, .validAtFiveMinutesOld, .validUppercaseHex: nil
        case .tamperedBody, .wrongSecret, .signatureOfAnotherTimestamp: .signatureMismatch
        case .staleTimestamp, .futureTimestamp: .timestampOutOfWindow
        case .missingTimestamp: .missingTimestamp
        case .missingSignature, .emptySignature: .missingSignature
        case .nonNumericTimestamp, .negativeTimestamp: .malformedTimestamp
        case .signatureWithoutVersion, .truncatedSignature: .malformedSignature
        }
    }

    @Test(arguments: Case.allCases)
    func verification(testCase: Case) {
        let input = Self.inputs(testCase)
        let verifier = SlackRequestVerifier(signingSecret: Self.secret)
        var thrown: SlackVerificationError?
        do {
            try verifier.verify(
                body: Array(input.body.utf8), timestamp: input.timestamp, signature: input.signature, now: input.now)
        } catch {
            thrown = error
        }
        #expect(thrown?.code == Self.expectedCode(testCase))
        if let thrown {
            #expect(!thrown.message.contains(Self.secret))
            #expect(input.signature.map { $0.count < 10 || !thrown.message.contains($0) } ?? true)
        }
    }

    @Test func byteBufferAndDataBodiesVerify() throws {
        let verifier = SlackRequestVerifier(signingSecret: Self.secret + "\n")
        let signature = Self.sign(Self.body)
        try verifier.verify(body: ByteBuffer(string: Self.body), timestamp: Self.timestamp, signature: signature, now: Self.now)
        try verifier.verify(body: Data(Self.body.utf8), timestamp: Self.timestamp, signature: signature, now: Self.now)
    }

    @Test func staleMessageSaysHowOld() {
        let verifier = SlackRequestVerifier(signingSecret: Self.secret)
        #expect(throws: SlackVerificationError.self) {
            try verifier.verify(
                body: Array(Self.body.utf8), timestamp: Self.timestamp, signature: Self.sign(Self.body),
                now: Self.now.addingTimeInterval(612))
        }
        do {
            try verifier.verify(
                body: Array(Self.body.utf8), timestamp: Self.timestamp, signature: Self.sign(Self.body),
                now: Self.now.addingTimeInterval(-400))
            Issue.record("a timestamp 400 s in the future must be refused")
        } catch {
            #expect(
                error.message == "X-Slack-Request-Timestamp is 400 s in the future, more than 300 s from now: refused "
                    + "as a possible replay; if requests from Slack are refused, check this machine's clock (NTP)")
        }
    }

    @Test func emptySecretRefusesEverything() {
        let verifier = SlackRequestVerifier(signingSecret: " ")
        let signature = Self.sign(Self.body, secret: "")
        do {
            try verifier.verify(body: Array(Self.body.utf8), timestamp: Self.timestamp, signature: signature, now: Self.now)
            Issue.record("an empty signing secret must refuse every request")
        } catch {
            #expect(error.code == .signingSecretMissing)
        }
    }
}
