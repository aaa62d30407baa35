import Logging

/// One log event with everything resolved: merged, flattened, redacted metadata in key order.
///
/// Both handlers build a record and differ only in how they render it.
struct LogRecord: Equatable {
    /// The keys every record starts with; metadata keys equal to one of them are renamed to `metadata.<key>`.
    static let reservedKeys: Set<String> = ["time", "level", "logger", "msg"]

    var time: String
    var level: Logger.Level
    var label: String
    var message: String
    /// Flattened metadata (`a.b` for nested dictionaries), values as strings, sorted by key.
    var fields: [(key: String, value: String)]

    static func == (lhs: LogRecord, rhs: LogRecord) -> Bool {
        lhs.time == rhs.time && lhs.level == rhs.level && lhs.label == rhs.label && lhs.message == rhs.message
            && lhs.fields.elementsEqual(rhs.fields) { $0.key == $1.key && $0.value == $1.value }
    }

    /// Builds the record of `event`, merging metadata like swift-log does: the handler's metadata, then the
    /// metadata provider's, then the event's (later wins). An attached error is written under `error`.
    init(
        event: LogEvent, label: String, time: String, handlerMetadata: Logger.Metadata,
        metadataProvider: Logger.MetadataProvider?, redaction: LogRedaction
    ) {
        var merged = handlerMetadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, new in new }
        }
        if let metadata = event.metadata, !metadata.isEmpty {
            merged.merge(metadata) { _, new in new }
        }
        if let error = event.error {
            merged["error"] = .string(String(describing: error))
        }
        var flat: [String: String] = [:]
        Self.flatten(merged, prefix: "", redaction: redaction, into: &flat)
        self.time = time
        self.level = event.level
        self.label = label
        self.message = event.message.description
        self.fields = flat.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    /// Adds `metadata` to `flat` with dotted keys; keys are visited in sorted order so a collision such as
    /// `["a.b": 1, "a": ["b": 2]]` resolves the same way on every run.
    private static func flatten(
        _ metadata: Logger.Metadata, prefix: String, redaction: LogRedaction, into flat: inout [String: String]
    ) {
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            var fullKey = prefix.isEmpty ? key : "\(prefix).\(key)"
            if prefix.isEmpty && reservedKeys.contains(fullKey) {
                fullKey = "metadata.\(fullKey)"
            }
            if redaction.isSensitive(key: fullKey) {
                flat[fullKey] = LogRedaction.placeholder
                continue
            }
            switch value {
            case .dictionary(let nested) where !nested.isEmpty:
                flatten(nested, prefix: fullKey, redaction: redaction, into: &flat)
            default:
                flat[fullKey] = render(value, redaction: redaction)
            }
        }
    }

    /// A value as one string; arrays become `[a, b]`, dictionaries inside them `[key: value]`, with sensitive
    /// keys redacted at any depth.
    private static func render(_ value: Logger.MetadataValue, redaction: LogRedaction) -> String {
        switch value {
        case .string(let string):
            return string
        case .stringConvertible(let convertible):
            return convertible.description
        case .array(let elements):
            return "[" + elements.map { render($0, redaction: redaction) }.joined(separator: ", ") + "]"
        case .dictionary(let dictionary) where dictionary.isEmpty:
            return "[:]"
        case .dictionary(let dictionary):
            let entries = dictionary.keys.sorted().map { key -> String in
                guard !redaction.isSensitive(key: key), let nested = dictionary[key] else {
                    return "\(key): \(LogRedaction.placeholder)"
                }
                return "\(key): \(render(nested, redaction: redaction))"
            }
            return "[" + entries.joined(separator: ", ") + "]"
        }
    }
}
