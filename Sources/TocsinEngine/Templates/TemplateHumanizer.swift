import Foundation

/// The text transformations behind template functions, as Prometheus and Alertmanager users know them.
enum TemplateHumanizer {
    private static let largePrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"]
    private static let smallPrefixes = ["m", "u", "n", "p", "f", "a", "z", "y"]

    /// Four significant digits, as C's and Go's `%.4g`.
    static func significant(_ number: Double) -> String {
        String(format: "%.4g", number)
    }

    /// `1234567` → `1.235M`, `0.00123` → `1.23m`: SI prefixes and four significant digits.
    static func humanize(_ number: Double) -> String {
        guard number.isFinite, number != 0 else { return number == 0 ? "0" : TemplateValue.format(number) }
        var scaled = number
        var prefix = ""
        if abs(scaled) >= 1 {
            for candidate in largePrefixes where abs(scaled) >= 1000 {
                scaled /= 1000
                prefix = candidate
            }
        } else {
            for candidate in smallPrefixes where abs(scaled) < 1 {
                scaled *= 1000
                prefix = candidate
            }
        }
        return significant(scaled) + prefix
    }

    /// `3903` → `1h 5m 3s`, `90061` → `1d 1h 1m 1s`, `0.25` → `250ms`, `0` → `0s`.
    ///
    /// Whole days, hours and minutes are shown once the duration reaches a minute; below it, seconds (or ms, us,
    /// ns…) with four significant digits.
    static func humanizeDuration(seconds: Double) -> String {
        guard seconds.isFinite else { return TemplateValue.format(seconds) }
        if seconds == 0 { return "0s" }
        let sign = seconds < 0 ? "-" : ""
        let magnitude = abs(seconds)
        guard magnitude >= 1 else {
            var scaled = magnitude
            var prefix = ""
            for candidate in smallPrefixes.prefix(4) where scaled < 1 {
                scaled *= 1000
                prefix = candidate
            }
            return sign + significant(scaled) + prefix + "s"
        }
        let whole = Int64(min(magnitude, 9e15))
        let days = whole / 86_400, hours = (whole / 3600) % 24, minutes = (whole / 60) % 60, rest = whole % 60
        if days > 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(rest)s" }
        if hours > 0 { return "\(sign)\(hours)h \(minutes)m \(rest)s" }
        if minutes > 0 { return "\(sign)\(minutes)m \(rest)s" }
        return sign + significant(magnitude) + "s"
    }

    /// `0.1234` → `12.34%`.
    static func humanizePercentage(_ ratio: Double) -> String {
        significant(ratio * 100) + "%"
    }

    /// The first letter of every word in upper case, the rest unchanged (`crash looping` → `Crash Looping`).
    static func title(_ text: String) -> String {
        var result = ""
        var isWordStart = true
        for character in text {
            result += isWordStart ? character.uppercased() : String(character)
            isWordStart = !(character.isLetter || character.isNumber || character == "'")
        }
        return result
    }

    /// Double-quoted, with `"`, `\` and control characters escaped.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// At most `length` characters: a longer text keeps `length - 1` characters and ends with `…`.
    static func truncate(_ text: String, to length: Int) -> String {
        guard length > 0 else { return "" }
        var count = 0
        var end = text.startIndex
        while end < text.endIndex, count < length {
            end = text.index(after: end)
            count += 1
        }
        guard end < text.endIndex else { return text }
        return String(text[..<text.index(before: end)]) + "…"
    }

    /// Every `old` replaced by `new`, stopping once the result passes `maxBytes` (an empty `old` changes nothing).
    static func replace(_ old: String, with new: String, in text: String, maxBytes: Int) -> String {
        guard !old.isEmpty else { return text }
        var result = ""
        var rest = text[...]
        while let range = rest.range(of: old) {
            result += rest[..<range.lowerBound]
            result += new
            rest = rest[range.upperBound...]
            if result.utf8.count > maxBytes { return TemplateOutput.capped(result, maxBytes: maxBytes) }
        }
        return TemplateOutput.capped(result + rest, maxBytes: maxBytes)
    }

    /// A number printed for `%d` (truncated towards zero) or `%f` / `%.Nf`.
    static func format(_ number: Double, verb: TemplateFormat.Verb) -> String {
        guard number.isFinite else { return TemplateValue.format(number) }
        switch verb {
        case .integer:
            return abs(number) < 9e18 ? String(Int64(number)) : String(format: "%.0f", number.rounded(.towardZero))
        case .fixed(let precision):
            return String(format: "%.\(precision)f", number)
        case .text, .value:
            return TemplateValue.format(number)
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
