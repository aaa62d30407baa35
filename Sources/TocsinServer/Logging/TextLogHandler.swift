import Foundation
import Logging

/// A swift-log handler writing human-readable lines, for a terminal or `kubectl logs` read by eye.
///
/// Each line is `2026-03-05T07:08:09.012Z info tocsin.controller: Relisting after 410 Gone resource=pods
/// watch.resourceVersion=12`: metadata flattened and sorted as in ``JSONLogHandler``, logfmt-style, with
/// values quoted (JSON escaping) when they are empty or contain spaces, quotes, `=` or control characters.
/// Sensitive values are redacted exactly as in ``JSONLogHandler``.
public struct TextLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The minimum level this handler writes.
    public var logLevel: Logger.Level
    /// Metadata added to every record of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Contributes metadata to every record.
    public var metadataProvider: Logger.MetadataProvider?

    private let sink: LogSink
    private let redaction: LogRedaction
    private let now: @Sendable () -> Date

    /// Creates a handler for the logger `label` writing `logLevel` and above to `sink`, stamped by `now`.
    public init(
        label: String,
        logLevel: Logger.Level = .info,
        sink: LogSink = .standardOutput,
        redaction: LogRedaction = .standard,
        metadataProvider: Logger.MetadataProvider? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.logLevel = logLevel
        self.sink = sink
        self.redaction = redaction
        self.metadataProvider = metadataProvider
        self.now = now
    }

    /// Gets or sets one metadata value of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` as one text line to the sink.
    public func log(event: LogEvent) {
        let record = LogRecord(
            event: event, label: label, time: LogTimestamp.string(from: now()), handlerMetadata: metadata,
            metadataProvider: metadataProvider, redaction: redaction)
        sink.write(Self.render(record))
    }

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
