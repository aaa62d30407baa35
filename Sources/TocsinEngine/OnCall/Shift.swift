import Foundation

/// A stretch of time during which the same people are on call: an answer of ``OnCallPlan/shifts(in:)``.
public struct Shift: Sendable, Hashable {
    /// What put the participants on call.
    public enum Source: Sendable, Hashable {
        /// The named layer.
        case layer(String)
        /// An override.
        case override
    }

    /// Who is on call, never empty (stretches with nobody are gaps, see ``OnCallPlan/gaps(in:)``).
    public var participants: [String]
    /// The first instant of the shift (clipped to the range asked about).
    public var start: Date
    /// The first instant after the shift (clipped to the range asked about).
    public var end: Date
    /// What put them on call during the shift, in order of first appearance, each once; a merged shift
    /// may have several (layer "primary" then an override for the same person).
    public var sources: [Source]

    /// Creates a shift.
    public init(participants: [String], start: Date, end: Date, sources: [Source]) {
        self.participants = participants
        self.start = start
        self.end = end
        self.sources = sources
    }

    /// How long the shift lasts, in seconds of elapsed time.
    public var duration: TimeInterval {
        end.timeIntervalSince(start)
    }
}
