import Foundation
import KubeCore
import Yams

extension OnCallOverride {
    /// The override as one YAML document (`apiVersion`, `kind`, `metadata`, `spec`, in that order), as
    /// `tocsin oncall override --dry-run` prints it.
    /// - Throws: `EncodingError` or `YamlError` when Yams cannot emit the document.
    public func yaml() throws -> String {
        try YAMLEncoder().encode(self)
    }

    /// The default name of an override of `schedule` for `participant` starting at `start`:
    /// `<schedule>-<participant>-<yyyymmdd>-<hhmm>` (UTC), with the participant lowercased and every character
    /// that is not a letter or digit replaced by `-`; at most 253 characters.
    public static func defaultName(schedule: String, participant: String, start: Timestamp) -> String {
        var person = ""
        for character in participant.lowercased() {
            let keep = character.isASCII && (character.isLetter || character.isNumber)
            if keep {
                person.append(character)
            } else if !person.isEmpty, person.last != "-" {
                person.append("-")
            }
        }
        while person.last == "-" { person.removeLast() }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start.date)
        let stamp = String(
            format: "%04d%02d%02d-%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
        let suffix = "-\(person.isEmpty ? "override" : person)-\(stamp)"
        return String(schedule.prefix(max(1, 253 - suffix.count))) + suffix
    }
}
