import Logging
import Testing
import TocsinServer

@Suite("Log redaction")
struct LogRedactionTests {
    @Test(arguments: [
        ("token", true), ("slack.botToken", true), ("Authorization", true), ("http.authorization", true),
        ("opsgenie.apiKeyPassword", true), ("PASSWORD", true), ("secret", true), ("clientSecret", true),
        ("resource", false), ("pod.name", false), ("watch.resourceVersion", false), ("alertrule.name", false),
    ])
    func decidesWhichKeysAreSensitive(key: String, isSensitive: Bool) {
        #expect(LogRedaction.standard.isSensitive(key: key) == isSensitive)
    }

    @Test(arguments: [LogFormat.json, .text])
    func neverWritesSecretValues(format: LogFormat) {
        let lines = CollectedLines()
        let logger = Logger(label: "tocsin.notifier") { label in
            LoggingBootstrap.makeHandler(label: label, format: format, level: .info, sink: lines.sink)
        }
        logger.info(
            "Posted Slack message",
            metadata: [
                "slack.token": "xoxb-123-secret-value",
                "Authorization": "Bearer abc.def",
                "credentials": ["apiPassword": "hunter2", "user": "ops"],
                "secret": ["data": "c2VjcmV0"],
                "headers": .array([["authorization": "GenieKey k-1"], "x"]),
                "slack.channel": "#alerts",
            ])
        let line = lines.all.joined()
        for secret in ["xoxb-123-secret-value", "Bearer abc.def", "hunter2", "c2VjcmV0", "GenieKey k-1"] {
            #expect(!line.contains(secret), "the line leaks \(secret): \(line)")
        }
        #expect(line.contains("#alerts"))
        #expect(line.contains("ops"))
    }

    @Test func replacesSensitiveValuesWithThePlaceholderInJSON() throws {
        let lines = CollectedLines()
        jsonLogger(lines).info(
            "Posted Slack message",
            metadata: [
                "slack.token": "xoxb-1", "credentials": ["apiPassword": "hunter2", "user": "ops"],
                "secret": ["data": "c2VjcmV0"], "headers": .array([["authorization": "GenieKey k-1"]]),
            ])
        let object = try decodedSingleLine(lines)
        #expect(object["slack.token"] == "<redacted>")
        #expect(object["credentials.apiPassword"] == "<redacted>")
        #expect(object["credentials.user"] == "ops")
        #expect(object["secret"] == "<redacted>")
        #expect(object["headers"] == "[[authorization: <redacted>]]")
    }

    @Test func customFragmentsReplaceTheStandardOnes() {
        let redaction = LogRedaction(sensitiveKeyFragments: ["APIKEY"])
        #expect(redaction.isSensitive(key: "opsgenie.apiKey"))
        #expect(!redaction.isSensitive(key: "slack.token"))
        #expect(!LogRedaction(sensitiveKeyFragments: []).isSensitive(key: "token"))
    }
}
