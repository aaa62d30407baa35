import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("PostingTimes: set times of the on-call summary, on the wall clock")
struct PostingTimesTests {
    static func at(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test func latestAndNextFollowTheListedDaysAndTimes() throws {
        let times = try #require(PostingTimes(
            HandoffPostTimes(times: ["17:00", "09:00"], daysOfWeek: [.monday, .friday]), timeZone: "Europe/Amsterdam"))
        // Wednesday 2026-07-08 12:00 CEST: the last post was Monday 17:00, the next is Friday 09:00.
        let wednesday = try Self.at("2026-07-08T10:00:00Z")
        #expect(times.latest(atOrBefore: wednesday) == (try Self.at("2026-07-06T15:00:00Z")))
        #expect(times.next(after: wednesday) == (try Self.at("2026-07-10T07:00:00Z")))
        // A set time is its own latest, and not its own next.
        let friday = try Self.at("2026-07-10T07:00:00Z")
        #expect(times.latest(atOrBefore: friday) == friday)
        #expect(times.next(after: friday) == (try Self.at("2026-07-10T15:00:00Z")))
    }

    @Test func aTimeInTheSpringForwardGapPostsAtTheEndOfTheGap() throws {
        let times = try #require(PostingTimes(HandoffPostTimes(times: ["02:30"]), timeZone: "Europe/Amsterdam"))
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z); the day before 02:30 CET is 01:30Z.
        #expect(times.next(after: try Self.at("2026-03-28T12:00:00Z")) == (try Self.at("2026-03-29T01:00:00Z")))
        #expect(times.latest(atOrBefore: try Self.at("2026-03-29T00:59:00Z")) == (try Self.at("2026-03-28T01:30:00Z")))
    }

    @Test func aTimeThatHappensTwicePostsOnceAtItsFirstOccurrence() throws {
        let times = try #require(PostingTimes(HandoffPostTimes(times: ["02:30"]), timeZone: "Europe/Amsterdam"))
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens at 00:30Z and again at 01:30Z.
        let first = try Self.at("2026-10-25T00:30:00Z")
        #expect(times.next(after: try Self.at("2026-10-24T12:00:00Z")) == first)
        #expect(times.next(after: first) == (try Self.at("2026-10-26T01:30:00Z")))
    }

    @Test func timesLandingOnTheSameInstantPostOnce() throws {
        let times = try #require(PostingTimes(HandoffPostTimes(times: ["02:15", "02:45"]), timeZone: "Europe/Amsterdam"))
        let gapEnd = try Self.at("2026-03-29T01:00:00Z")
        #expect(times.next(after: try Self.at("2026-03-28T12:00:00Z")) == gapEnd)
        #expect(times.next(after: gapEnd) == (try Self.at("2026-03-30T00:15:00Z")))
    }

    @Test func anUnknownZoneOrNoValidTimeCompilesToNothing() {
        #expect(PostingTimes(HandoffPostTimes(times: ["09:00"]), timeZone: "Mars/Olympus") == nil)
        #expect(PostingTimes(HandoffPostTimes(times: ["9am"]), timeZone: "UTC") == nil)
    }
}
