/// How log records are written: one JSON object per line (for log collectors) or human-readable text.
public enum LogFormat: String, Sendable, CaseIterable, Hashable {
    /// One JSON object per line: `{"time":…,"level":…,"logger":…,"msg":…, metadata…}`.
    case json
    /// One line per record: `<time> <level> <logger>: <msg> key=value …` (logfmt-style metadata).
    case text
}

/// Where a log handler writes its lines.
///
/// A sink receives one complete record per call, without the trailing newline. Sinks must be safe to call
/// from any thread; the standard ones write each line with a single `write(2)` under a lock, so records from
/// concurrent tasks never interleave.
public struct LogSink: Sendable {
    private let writeLine: @Sendable (String) -> Void

    /// Creates a sink that hands every line to `writeLine` (tests collect lines this way).
    public init(_ writeLine: @escaping @Sendable (String) -> Void) {
        self.writeLine = writeLine
    }

    /// Writes one record (without its newline).
    public func write(_ line: String) {
        writeLine(line)
    }

    /// The process's standard output: where container runtimes collect logs.
    public static let standardOutput = LogSink(FileDescriptorLineWriter(fileDescriptor: 1).write)

    /// The process's standard error.
    public static let standardError = LogSink(FileDescriptorLineWriter(fileDescriptor: 2).write)
}
