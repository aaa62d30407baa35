/// Renders a log record as one JSON object on one line.
enum JSONLogLine {
    /// The JSON object of `record`, on one line.
    static func render(_ record: LogRecord) -> String {
        var line = "{"
        line.reserveCapacity(128 + record.message.utf8.count)
        appendMember("time", record.time, to: &line, isFirst: true)
        appendMember("level", record.level.rawValue, to: &line)
        appendMember("logger", record.label, to: &line)
        appendMember("msg", record.message, to: &line)
        for field in record.fields {
            appendMember(field.key, field.value, to: &line)
        }
        line += "}"
        return line
    }

    private static func appendMember(_ key: String, _ value: String, to line: inout String, isFirst: Bool = false) {
        if !isFirst { line += "," }
        JSONString.appendQuoted(key, to: &line)
        line += ":"
        JSONString.appendQuoted(value, to: &line)
    }
}
