import Foundation

/// Stable identities of incident groups and the names of their Incidents.
public enum Fingerprint {
    /// The fingerprint of a group: 16 hex digits of a 64-bit FNV-1a hash over the rule's namespace and name and the
    /// `groupBy` labels (sorted by key). The same rule and label values give the same fingerprint in every process
    /// and version, so it serves as the Opsgenie alias and survives restarts.
    public static func of(ruleNamespace: String, ruleName: String, groupLabels: [String: String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        mix(ruleNamespace)
        mix(ruleName)
        for key in groupLabels.keys.sorted() {
            mix(key)
            mix(groupLabels[key] ?? "")
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The name of the Incident that group `fingerprint` of rule `ruleName` opened at `startTime`:
    /// `<rule>-<first 8 of the fingerprint>-<start in seconds, base 36>`, the rule name cut to 200 characters (a
    /// valid DNS subdomain). Each firing gets its own name; the same firing always gets the same name, so a create
    /// retried after a lost answer meets `AlreadyExists` instead of making a twin.
    public static func incidentName(ruleName: String, fingerprint: String, startTime: Date) -> String {
        let seconds = max(0, Int64(startTime.timeIntervalSince1970.rounded(.down)))
        let rule = String(ruleName.prefix(200)).trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return "\(rule)-\(fingerprint.prefix(8))-\(String(seconds, radix: 36))"
    }
}
