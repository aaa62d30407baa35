import Testing
import TocsinAPI

@Suite struct KubeDurationTests {
    @Test(arguments: [
        ("0", Int64(0), "0s"),
        ("0s", 0, "0s"),
        ("250ms", 250, "250ms"),
        ("30s", 30_000, "30s"),
        ("5m", 300_000, "5m"),
        ("90m", 5_400_000, "1h30m"),
        ("1h30m", 5_400_000, "1h30m"),
        ("2h", 7_200_000, "2h"),
        ("24h", 86_400_000, "1d"),
        ("1d12h", 129_600_000, "1d12h"),
        ("1w", 604_800_000, "1w"),
        ("14d", 1_209_600_000, "2w"),
        ("1h0m30s", 3_630_000, "1h30s"),
        ("1m500ms", 60_500, "1m500ms"),
    ])
    func parsesAndFormats(text: String, milliseconds: Int64, canonical: String) throws {
        let duration = try KubeDuration(parsing: text)
        #expect(duration.milliseconds == milliseconds)
        #expect(duration.description == canonical)
        #expect(try KubeDuration(parsing: canonical) == duration)
    }

    @Test(arguments: [
        ("", KubeDuration.ParseError.Code.empty, "invalid duration \"\": empty; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("5", .missingUnit, "invalid duration \"5\": missing unit after 5; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("5 m", .invalidCharacter, "invalid duration \"5 m\": unexpected \" \" at offset 1; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("-5m", .invalidCharacter, "invalid duration \"-5m\": unexpected \"-\" at offset 0; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("1.5h", .invalidCharacter, "invalid duration \"1.5h\": unexpected \".\" at offset 1; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("1y", .unknownUnit, "invalid duration \"1y\": unknown unit \"y\"; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("5M", .unknownUnit, "invalid duration \"5M\": unknown unit \"M\"; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("5m1h", .unitOrder, "invalid duration \"5m1h\": unit \"h\" repeated or out of order (largest units first); write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("1m1m", .unitOrder, "invalid duration \"1m1m\": unit \"m\" repeated or out of order (largest units first); write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("99999999999999999999s", .overflow, "invalid duration \"99999999999999999999s\": too large; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("9999999999999999w", .overflow, "invalid duration \"9999999999999999w\": too large; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
    ])
    func refusesInvalidStrings(text: String, code: KubeDuration.ParseError.Code, message: String) {
        let error = #expect(throws: KubeDuration.ParseError.self) {
            try KubeDuration(parsing: text)
        }
        #expect(error?.code == code)
        #expect(error?.input == text)
        #expect(error?.message == message)
    }

    @Test func convertsToFoundationAndSwiftDurations() throws {
        let duration = try KubeDuration(parsing: "1m500ms")
        #expect(duration.timeInterval == 60.5)
        #expect(duration.duration == .milliseconds(60_500))
        #expect(KubeDuration.days(2).isWholeDays)
        #expect(!KubeDuration.hours(36).isWholeDays)
        #expect(KubeDuration.minutes(5) < .hours(1))
    }
}
