/// How bad an incident is. Ordered: `critical` > `high` > `moderate` > `low` > `info`.
public enum Severity: String, APIEnum, Comparable {
    /// Wakes people up (Opsgenie P1).
    case critical
    /// Needs attention soon (P2).
    case high
    /// Needs attention in working hours (P3).
    case moderate
    /// Worth a look (P4).
    case low
    /// For the record (P5).
    case info

    /// The Opsgenie priority: `P1` for critical through `P5` for info.
    public var opsgeniePriority: String {
        "P\(rank)"
    }

    /// 1 for critical through 5 for info.
    public var rank: Int {
        switch self {
        case .critical: 1
        case .high: 2
        case .moderate: 3
        case .low: 4
        case .info: 5
        }
    }

    /// The next higher severity; `critical` stays `critical`.
    public var raised: Severity {
        switch self {
        case .critical, .high: .critical
        case .moderate: .high
        case .low: .moderate
        case .info: .low
        }
    }

    /// Whether `lhs` is less severe than `rhs`.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank > rhs.rank
    }
}
