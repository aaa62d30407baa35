import Foundation

/// Pure syntax checks shared by validation and by the engine.
public enum Syntax {
    /// Whether `value` is a DNS-1123 label: 1–63 of `[a-z0-9-]`, alphanumeric at both ends.
    public static func isDNSLabel(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (1...63).contains(bytes.count), isLowerAlphanumeric(bytes[0]), isLowerAlphanumeric(bytes[bytes.count - 1])
        else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// Whether `value` is a DNS-1123 subdomain as Kubernetes checks object names (`IsDNS1123Subdomain`): 1–253
    /// characters matching `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`. Unlike RFC 1123
    /// hostnames, a dot-separated part may be longer than 63 characters: only the total is bounded.
    public static func isDNSSubdomain(_ value: String) -> Bool {
        guard (1...253).contains(value.utf8.count) else { return false }
        return value.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.first, let last = part.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
            else { return false }
            return part.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// Whether `value` is a Kubernetes label key: `[prefix/]name`, the prefix a DNS subdomain, the name a
    /// qualified name (1–63 of `[A-Za-z0-9-_.]`, alphanumeric at both ends).
    public static func isLabelKey(_ value: String) -> Bool {
        let parts = value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            return isDNSSubdomain(String(parts[0])) && isQualifiedName(String(parts[1]))
        }
        return isQualifiedName(value)
    }

    /// Whether `value` is a Kubernetes label value: empty, or a qualified name.
    public static func isLabelValue(_ value: String) -> Bool {
        value.isEmpty || isQualifiedName(value)
    }

    /// The minutes since midnight of `HH:MM` (two digits each); `24:00` only when `allowsEndOfDay`.
    public static func minutesOfDay(_ value: String, allowsEndOfDay: Bool = false) -> Int? {
        let bytes = Array(value.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            let hour = twoDigits(bytes[0], bytes[1]), let minute = twoDigits(bytes[3], bytes[4]),
            minute <= 59
        else { return nil }
        if hour == 24, minute == 0, allowsEndOfDay { return 1440 }
        return hour <= 23 ? hour * 60 + minute : nil
    }

    /// Whether `value` names a time zone in this system's IANA database (`UTC` included).
    public static func isTimeZone(_ value: String) -> Bool {
        (value == "UTC" || knownTimeZones.contains(value)) && TimeZone(identifier: value) != nil
    }

    /// The IANA names known to this system (abbreviations such as `EST` and offsets such as `GMT+2` are not in it).
    private static let knownTimeZones: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)

    private static func isQualifiedName(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (1...63).contains(bytes.count), isAlphanumeric(bytes[0]), isAlphanumeric(bytes[bytes.count - 1])
        else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func twoDigits(_ first: UInt8, _ second: UInt8) -> Int? {
        let zero = UInt8(ascii: "0")
        guard (zero...zero + 9).contains(first), (zero...zero + 9).contains(second) else { return nil }
        return Int(first - zero) * 10 + Int(second - zero)
    }
}
