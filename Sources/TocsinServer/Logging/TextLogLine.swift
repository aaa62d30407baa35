/// Renders a log record as one logfmt-style text line.
enum TextLogLine {
    /// The text line of `record`.
    static func render(_ record: LogRecord) -> String {
        var line = "\(record.time) \(record.level.rawValue) \(record.label): \(escapingNewlines(record.message))"
        for field in record.fields {
            line += " \(field.key)=\(logfmtValue(field.value))"
        }
        return line
    }

    /// The message on one line: a multi-line message must not look like several records.
    private static func escapingNewlines(_ message: String) -> String {
        guard message.contains(where: \.isNewline) else { return message }
        return message.replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
    }

    private static func logfmtValue(_ value: String) -> String {
        let needsQuoting = value.isEmpty || value.unicodeScalars.contains { scalar in
            scalar == " " || scalar == "\"" || scalar == "=" || scalar == "\\" || scalar.value < 0x20
                || scalar.value == 0x7F
        }
        return needsQuoting ? JSONString.quoted(value) : value
    }
}
