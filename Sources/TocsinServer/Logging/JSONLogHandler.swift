import Foundation
import Logging

/// A swift-log handler writing one JSON object per line, the format log collectors (Loki, Elasticsearch,
/// Cloud Logging) ingest without parsing rules.
///
/// Each line is `{"time":"2026-03-05T07:08:09.012Z","level":"info","logger":"tocsin.controller",
/// "msg":"Relisting after 410 Gone", …metadata}`: the four fixed keys first, then the metadata flattened
/// to dotted keys (`["watch": ["resourceVersion": "12"]]` becomes `"watch.resourceVersion":"12"`), sorted
/// by key, every value a string. Values under sensitive keys (see ``LogRedaction``) are written as
/// `<redacted>`. An error attached to the call is written under `error`.
public struct JSONLogHandler: LogHandler {
    /// The logger's label, written as `logger`.
    public let label: String
    /// The minimum level this handler writes.
    public var logLevel: Logger.Level
    /// Metadata added to every record of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Contributes metadata (e.g. task-local request ids) to every record.
    public var metadataProvider: Logger.MetadataProvider?

    private let sink: LogSink
    private let redaction: LogRedaction
    private let now: @Sendable () -> Date

    /// Creates a handler for the logger `label`.
    ///
    /// - Parameters:
    ///   - label: the logger's label.
    ///   - logLevel: the minimum level written.
    ///   - sink: where lines go; standard output by default.
    ///   - redaction: which metadata keys are secret.
    ///   - metadataProvider: contributes metadata to every record.
    ///   - now: the clock stamping records (fixed in tests).
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

    /// Writes `event` as one JSON line to the sink.
    public func log(event: LogEvent) {
        let record = LogRecord(
            event: event, label: label, time: LogTimestamp.string(from: now()), handlerMetadata: metadata,
            metadataProvider: metadataProvider, redaction: redaction)
        sink.write(Self.render(record))
    }

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
