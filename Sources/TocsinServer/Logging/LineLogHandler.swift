import Foundation
import Logging

/// A swift-log handler writing one line per record, as JSON or as text (see ``LogFormat``).
///
/// JSON lines are `{"time":"2026-03-05T07:08:09.012Z","level":"info","logger":"tocsin.controller",
/// "msg":"Relisting after 410 Gone", …metadata}` — the format log collectors (Loki, Elasticsearch, Cloud Logging)
/// ingest without parsing rules: the four fixed keys first, then the metadata flattened to dotted keys
/// (`["watch": ["resourceVersion": "12"]]` becomes `"watch.resourceVersion":"12"`), sorted by key, every value a
/// string. Text lines are `2026-03-05T07:08:09.012Z info tocsin.controller: Relisting after 410 Gone
/// resource=pods watch.resourceVersion=12`, logfmt-style, values quoted (JSON escaping) when they are empty or
/// contain spaces, quotes, `=` or control characters. In both, values under sensitive keys (see
/// ``LogRedaction``) are written as `<redacted>`, and an error attached to the call is written under `error`.
public struct LineLogHandler: LogHandler {
    /// JSON or text.
    public let format: LogFormat
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
    ///   - format: JSON objects or text lines.
    ///   - label: the logger's label.
    ///   - logLevel: the minimum level written.
    ///   - sink: where lines go; standard output by default.
    ///   - redaction: which metadata keys are secret.
    ///   - metadataProvider: contributes metadata to every record.
    ///   - now: the clock stamping records (fixed in tests).
    public init(
        format: LogFormat,
        label: String,
        logLevel: Logger.Level = .info,
        sink: LogSink = .standardOutput,
        redaction: LogRedaction = .standard,
        metadataProvider: Logger.MetadataProvider? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.format = format
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

    /// Writes `event` as one line to the sink.
    public func log(event: LogEvent) {
        let record = LogRecord(
            event: event, label: label, time: LogTimestamp.string(from: now()), handlerMetadata: metadata,
            metadataProvider: metadataProvider, redaction: redaction)
        switch format {
        case .json: sink.write(JSONLogLine.render(record))
        case .text: sink.write(TextLogLine.render(record))
        }
    }
}
