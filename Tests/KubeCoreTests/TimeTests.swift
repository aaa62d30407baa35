import Foundation
import Testing

@testable import KubeCore

@Suite("RFC 3339 times")
struct TimeTests {
    /// 2024-05-01T12:00:00Z as seconds since 1970.
    static let noon: Double = 1_714_564_800

    @Test(
        "decodes RFC 3339 variants",
        arguments: [
            ("2024-05-01T12:00:00Z", noon),
            ("2024-05-01T12:00:00z", noon),
            ("2024-05-01t12:00:00Z", noon),
            ("2024-05-01 12:00:00Z", noon),
            ("2024-05-01T12:00:00.5Z", noon + 0.5),
            ("2024-05-01T12:00:00.123456Z", noon + 0.123456),
            ("2024-05-01T12:00:00.123456789Z", noon + 0.123456789),
            ("2024-05-01T14:00:00+02:00", noon),
            ("2024-05-01T06:30:00-05:30", noon),
            ("2024-05-01T12:00:00.250+00:00", noon + 0.25),
            ("1970-01-01T00:00:00Z", 0),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("1969-12-31T23:59:59Z", -1),
        ] as [(String, Double)]
    )
    func decodesVariants(text: String, seconds: Double) throws {
        let date = try KubeJSON.makeDecoder().decode(Date.self, from: Data("\"\(text)\"".utf8))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test(
        "rejects invalid timestamps",
        arguments: [
            "", "2024-05-01", "2024-05-01T12:00:00", "2024-05-01T12:00Z", "2024-13-01T12:00:00Z",
            "2023-02-29T12:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z", "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00+0200", "2024-05-01T12:00:00Zjunk", "2024/05/01T12:00:00Z", "not a time",
        ]
    )
    func rejectsInvalid(text: String) {
        #expect(RFC3339.parse(text) == nil)
        #expect(throws: DecodingError.self) {
            try KubeJSON.makeDecoder().decode(Date.self, from: Data("\"\(text)\"".utf8))
        }
    }

    @Test("metav1.Time encodes in UTC with whole seconds, truncating")
    func encodesWholeSeconds() throws {
        let date = Date(timeIntervalSince1970: Self.noon + 0.9)
        let data = try KubeJSON.makeEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-05-01T12:00:00Z"]"#)
    }

    @Test(
        "formats dates far from the epoch",
        arguments: [
            (0.0, "1970-01-01T00:00:00Z"), (-1.0, "1969-12-31T23:59:59Z"), (951_782_400, "2000-02-29T00:00:00Z"),
            (4_102_444_799, "2099-12-31T23:59:59Z"),
        ] as [(Double, String)]
    )
    func formatsDates(seconds: Double, text: String) {
        #expect(RFC3339.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test("MicroTime encodes exactly six fractional digits and round-trips")
    func microTimeRoundTrip() throws {
        let input = #"["2024-05-01T12:00:00.123456Z","2024-05-01T14:00:00+02:00","2024-05-01T12:00:00.9999996Z"]"#
        let times = try KubeJSON.makeDecoder().decode([MicroTime].self, from: Data(input.utf8))
        let output = String(decoding: try KubeJSON.makeEncoder().encode(times), as: UTF8.self)
        #expect(output == #"["2024-05-01T12:00:00.123456Z","2024-05-01T12:00:00.000000Z","2024-05-01T12:00:01.000000Z"]"#)
    }

    @Test("MicroTime rejects a non-RFC 3339 string")
    func microTimeRejectsGarbage() {
        #expect(throws: DecodingError.self) {
            try KubeJSON.makeDecoder().decode(MicroTime.self, from: Data(#""yesterday""#.utf8))
        }
    }
}
