import Foundation
import Logging
import Testing

@testable import TocsinServer

@Suite("JSONLogHandler")
struct JSONLogHandlerTests {
    @Test func writesFixedKeysThenSortedFlattenedMetadataOnOneLine() throws {
        let lines = CollectedLines()
        let logger = jsonLogger(lines, label: "tocsin.controller")
        logger.info(
            "Relisting after 410 Gone",
            metadata: ["resource": "pods", "watch": ["resourceVersion": "12"], "attempt": .stringConvertible(3)])

        #expect(
            lines.all == [
                #"{"time":"2026-03-05T07:08:09.012Z","level":"info","logger":"tocsin.controller","#
                    + #""msg":"Relisting after 410 Gone","attempt":"3","resource":"pods","watch.resourceVersion":"12"}"#
            ])
        #expect(
            try decodedSingleLine(lines) == [
                "time": "2026-03-05T07:08:09.012Z", "level": "info", "logger": "tocsin.controller",
                "msg": "Relisting after 410 Gone", "attempt": "3", "resource": "pods", "watch.resourceVersion": "12",
            ])
    }

    @Test(arguments: [
        (Logger.Level.trace, "trace"), (.debug, "debug"), (.info, "info"), (.notice, "notice"),
        (.warning, "warning"), (.error, "error"), (.critical, "critical"),
    ])
    func writesTheLevelName(level: Logger.Level, name: String) throws {
        let lines = CollectedLines()
        jsonLogger(lines, level: .trace).log(level: level, "message")
        #expect(try decodedSingleLine(lines)["level"] == name)
    }

    @Test func dropsRecordsBelowTheLevel() {
        let lines = CollectedLines()
        let logger = jsonLogger(lines, level: .warning)
        logger.info("Synced informer caches")
        logger.warning("Watch stream ended")
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("Watch stream ended") == true)
    }

    @Test func eventMetadataOverridesProviderOverridesLoggerMetadata() throws {
        let lines = CollectedLines()
        let provider = Logger.MetadataProvider { ["request.id": "from-provider", "trace.id": "t-1"] }
        var logger = jsonLogger(lines, metadataProvider: provider)
        logger[metadataKey: "controller"] = "alertrule"
        logger[metadataKey: "request.id"] = "from-logger"
        logger[metadataKey: "trace.id"] = "from-logger"
        logger.info("Reconciled AlertRule", metadata: ["trace.id": "from-event"])
        let object = try decodedSingleLine(lines)
        #expect(object["controller"] == "alertrule")
        #expect(object["request.id"] == "from-provider")
        #expect(object["trace.id"] == "from-event")
    }

    @Test func writesArraysAsOneStringAndKeepsReservedKeysApart() throws {
        let lines = CollectedLines()
        jsonLogger(lines).info(
            "Evaluated rules",
            metadata: ["rules": ["crash-loop", "node-not-ready"], "msg": "shadow", "empty": [:]])
        let object = try decodedSingleLine(lines)
        #expect(object["rules"] == "[crash-loop, node-not-ready]")
        #expect(object["msg"] == "Evaluated rules")
        #expect(object["metadata.msg"] == "shadow")
        #expect(object["empty"] == "[:]")
    }

    @Test func writesAnAttachedErrorUnderError() throws {
        struct WatchFailed: Error, CustomStringConvertible {
            var description: String { "watch of pods failed: 410 Gone" }
        }
        let lines = CollectedLines()
        jsonLogger(lines).error("Watch failed", error: WatchFailed())
        #expect(try decodedSingleLine(lines)["error"] == "watch of pods failed: 410 Gone")
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        (#"say "hi""#, #""say \"hi\"""#),
        (#"C:\path\"#, #""C:\\path\\""#),
        ("line1\nline2\r\n", #""line1\nline2\r\n""#),
        ("tab\there", #""tab\there""#),
        ("\u{08}\u{0C}", #""\b\f""#),
        ("bell\u{07}nul\u{00}esc\u{1B}del\u{7F}", #""bell\u0007nul\u0000esc\u001bdel\u007f""#),
        ("café ☕️ 漢字 🚨", "\"café ☕️ 漢字 🚨\""),
        ("sep\u{2028}para\u{2029}", #""sep\u2028para\u2029""#),
        ("", #""""#),
    ])
    func escapesStrings(input: String, expected: String) throws {
        #expect(JSONString.quoted(input) == expected)
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(expected)]".utf8)) as? [String]
        #expect(decoded == [input])
    }

    @Test func escapesMessagesKeysAndValuesInTheLine() throws {
        let lines = CollectedLines()
        jsonLogger(lines).info("Pod \"web-0\"\nrestarted", metadata: ["pod\\name": "a\u{01}b"])
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("\n") == false)
        let object = try decodedSingleLine(lines)
        #expect(object["msg"] == "Pod \"web-0\"\nrestarted")
        #expect(object["pod\\name"] == "a\u{01}b")
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_772_694_489.012, "2026-03-05T07:08:09.012Z"),
        (1_709_164_800.999, "2024-02-29T00:00:00.999Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
        (4_102_444_799.0, "2099-12-31T23:59:59.000Z"),
        (-0.001, "1969-12-31T23:59:59.999Z"),
        (-86_400.0, "1969-12-31T00:00:00.000Z"),
    ])
    func formatsRFC3339TimestampsInUTCWithMilliseconds(seconds: Double, expected: String) {
        #expect(LogTimestamp.string(from: Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func timestampsAgreeWithFoundationsISO8601Formatter() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        // Fractions exactly representable in binary, so Foundation's truncation sees the same millisecond.
        let fractions = [0, 0.125, 0.25, 0.5, 0.75, 0.875]
        for step in 0..<500 {
            let seconds = 86_400 * 17.123 * Double(step - 100) + 1_000_000_000.0
            let date = Date(timeIntervalSince1970: seconds.rounded(.down) + fractions[step % fractions.count])
            #expect(LogTimestamp.string(from: date) == date.formatted(style))
        }
    }
}
