import Foundation
import Testing
@testable import TocsinEngine

/// Small builders that keep the on-call tests readable: instants are written as ISO 8601 with their
/// UTC offset, so every expectation shows the wall-clock time it means.
enum OnCallFixtures {
    static let amsterdam = "Europe/Amsterdam"
    static let newYork = "America/New_York"

    static func zone(_ identifier: String) throws -> TimeZone {
        try #require(TimeZone(identifier: identifier), "tzdata has no zone \(identifier)")
    }

    static func instant(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return try #require(formatter.date(from: text), "not an ISO 8601 instant: \(text)")
    }

    static func date(_ text: String) throws -> LocalDate {
        try #require(LocalDate(parsing: text), "not a date: \(text)")
    }

    static func time(_ text: String) throws -> TimeOfDay {
        try #require(TimeOfDay(parsing: text), "not a time of day: \(text)")
    }

    /// A layer with one roster.
    static func layer(
        _ name: String,
        _ participants: [String],
        shift: ShiftLength = .days(1),
        handoff: String = "09:00",
        start: String,
        restrictions: [Restriction] = []
    ) throws -> Layer {
        Layer(
            name: name,
            participants: participants,
            shift: shift,
            handoff: try time(handoff),
            start: try date(start),
            restrictions: restrictions
        )
    }

    /// A plan of one layer.
    static func plan(_ zoneIdentifier: String, _ layers: Layer..., layering: Layering = .precedence) throws -> OnCallPlan {
        OnCallPlan(timeZone: try zone(zoneIdentifier), layering: layering, layers: layers)
    }

    /// A restriction window written as `HH:MM`.
    static func window(_ days: Set<Weekday>, _ start: String, _ end: String) throws -> Restriction {
        Restriction(daysOfWeek: days, start: try time(start), end: try time(end))
    }

    static let hour: TimeInterval = 3_600
    static let day: TimeInterval = 86_400
}
