import Foundation

/// One on-call schedule, already validated, as plain values: the input of the on-call calculator.
///
/// The calculator is pure and clock-free: every answer is a function of the plan and the instant or range
/// asked about (see `OnCallPlan+Queries.swift`). Participants are names; mapping them to Slack or Opsgenie
/// users is the caller's business.
///
/// Who is on call at an instant:
/// 1. If one or more ``Override``s cover the instant, the LAST of them in `overrides` puts its participant
///    on call, replacing everyone from every layer.
/// 2. Otherwise each ``Layer`` contributes at most one participant (nobody before its start, outside its
///    restrictions, or with an empty roster), and `layering` combines them.
/// 3. Nobody on call is a gap.
///
/// Time rules, in short (details on ``ShiftLength``, ``Roster``, ``Restriction``):
/// - Handoffs are anchored to the wall clock of `timeZone`: a 09:00 handoff stays 09:00 across DST, and a
///   daily or weekly shift that spans a clock change is an hour shorter or longer, never skipped or doubled.
///   Hour shifts that divide a day are fixed daily wall-clock slots; other hour lengths are elapsed time.
/// - A handoff time missing on a spring-forward day moves to the first valid instant after the gap (02:30 →
///   03:00 in Europe/Amsterdam); one that happens twice on a fall-back day uses the first occurrence.
/// - The participant of a shift is the number of whole shifts since the roster's anchor, modulo the roster
///   size; a roster change takes effect at a handoff and never reshuffles earlier shifts.
public struct OnCallPlan: Sendable, Hashable {
    /// The IANA zone whose wall clock anchors handoffs and restriction windows.
    public var timeZone: TimeZone
    /// How the layers combine.
    public var layering: Layering
    /// The layers, in order (later layers win under `.precedence`).
    public var layers: [Layer]
    /// Time-bounded replacements that win over every layer.
    public var overrides: [Override]

    /// Creates a plan.
    public init(timeZone: TimeZone, layering: Layering = .precedence, layers: [Layer], overrides: [Override] = []) {
        self.timeZone = timeZone
        self.layering = layering
        self.layers = layers
        self.overrides = overrides
    }
}

/// How the participants of several layers combine into who is on call.
public enum Layering: String, Sendable, Hashable, Codable, CaseIterable {
    /// PagerDuty-style: the last layer in the list that has someone on call wins; earlier layers fill in
    /// only where later ones have nobody (before their start, outside their restrictions).
    case precedence
    /// Opsgenie-style: everyone on call in any layer, in layer order, each person once.
    case cumulative
}
