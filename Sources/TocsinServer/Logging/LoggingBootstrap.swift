import Logging

/// Installs the process-wide swift-log backend. Only the executable calls ``bootstrap(format:level:)``.
///
/// Libraries never touch `LoggingSystem`; they take a `Logger`. Tests build handlers directly with
/// ``makeHandler(label:format:level:sink:metadataProvider:)`` and a collecting ``LogSink``.
public enum LoggingBootstrap {
    /// Makes every `Logger` of the process write `format` lines at `level` and above to standard output.
    ///
    /// Call it once, first thing in `main`: swift-log allows a single bootstrap per process.
    public static func bootstrap(
        format: LogFormat, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil
    ) {
        LoggingSystem.bootstrap(
            { label, provider in
                makeHandler(
                    label: label, format: format, level: level, sink: .standardOutput, metadataProvider: provider)
            },
            metadataProvider: metadataProvider
        )
    }

    /// A handler for the logger `label` writing `format` lines at `level` and above to `sink`.
    public static func makeHandler(
        label: String, format: LogFormat, level: Logger.Level, sink: LogSink = .standardOutput,
        metadataProvider: Logger.MetadataProvider? = nil
    ) -> any LogHandler {
        switch format {
        case .json:
            return LineLogHandler(format: .json, label: label, logLevel: level, sink: sink, metadataProvider: metadataProvider)
        case .text:
            return LineLogHandler(format: .text, label: label, logLevel: level, sink: sink, metadataProvider: metadataProvider)
        }
    }
}
