import Foundation

/// Splits a watch response body, received in arbitrary chunks, into lines (one JSON event per line).
///
/// Bytes are appended as they arrive; complete lines are taken with ``nextLine()``. A trailing `\r` is removed and
/// blank lines are skipped. The buffer keeps a read index and is compacted only when the consumed prefix is large,
/// so a stream costs linear copying.
public struct WatchLineSplitter: Sendable {
    /// The longest line accepted, in bytes.
    public let maximumLineLength: Int

    private var buffer: [UInt8] = []
    /// Where the next line starts.
    private var readIndex = 0
    /// Where to resume looking for a newline (everything between `readIndex` and here has none).
    private var scanIndex = 0
    /// Whether the rest of an over-long line is being dropped.
    private var isDiscarding = false

    /// Creates a splitter that rejects lines longer than `maximumLineLength` bytes (16 MiB by default).
    public init(maximumLineLength: Int = 16 << 20) {
        self.maximumLineLength = maximumLineLength
    }

    /// The number of buffered bytes not yet returned as lines.
    public var bufferedByteCount: Int {
        buffer.count - readIndex
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        compactIfNeeded()
        buffer.append(contentsOf: bytes)
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: [UInt8]) {
        compactIfNeeded()
        buffer.append(contentsOf: bytes)
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfNeeded()
        buffer.append(contentsOf: bytes)
    }

    /// The next complete, non-blank line without its line terminator, or `nil` until more bytes arrive.
    ///
    /// - Throws: ``KubeDecodingError`` with code `lineTooLong` when a line exceeds ``maximumLineLength``; that line
    ///   is dropped up to its newline and later lines are still returned.
    public mutating func nextLine() throws(KubeDecodingError) -> [UInt8]? {
        while true {
            guard let newline = findNewline() else {
                if !isDiscarding, buffer.count - readIndex > maximumLineLength {
                    let error = tooLong(start: readIndex, byteCount: buffer.count - readIndex)
                    isDiscarding = true
                    readIndex = buffer.count
                    scanIndex = buffer.count
                    throw error
                }
                if isDiscarding {
                    readIndex = buffer.count
                    scanIndex = buffer.count
                }
                return nil
            }
            let start = readIndex
            readIndex = newline + 1
            scanIndex = readIndex
            if isDiscarding {
                isDiscarding = false
                continue
            }
            var end = newline
            if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end - start > maximumLineLength {
                throw tooLong(start: start, byteCount: end - start)
            }
            if isBlank(start..<end) { continue }
            return Array(buffer[start..<end])
        }
    }

    /// At the end of the stream: the last line when it had no newline (blank or dropped lines give `nil`).
    /// The splitter is empty afterwards.
    public mutating func finish() -> [UInt8]? {
        defer {
            buffer.removeAll()
            readIndex = 0
            scanIndex = 0
            isDiscarding = false
        }
        guard !isDiscarding, readIndex < buffer.count else { return nil }
        var end = buffer.count
        if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard !isBlank(readIndex..<end), end - readIndex <= maximumLineLength else { return nil }
        return Array(buffer[readIndex..<end])
    }

    private mutating func findNewline() -> Int? {
        let found = buffer.withUnsafeBufferPointer { pointer -> Int? in
            guard let base = pointer.baseAddress, scanIndex < pointer.count else { return nil }
            // memchr scans a word or a vector at a time: several times faster than a byte loop on 10 KB lines.
            guard let match = memchr(base + scanIndex, Int32(UInt8(ascii: "\n")), pointer.count - scanIndex) else {
                return nil
            }
            return base.distance(to: match.assumingMemoryBound(to: UInt8.self))
        }
        if found == nil { scanIndex = buffer.count }
        return found
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        buffer[range].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }

    private func tooLong(start: Int, byteCount: Int) -> KubeDecodingError {
        KubeDecodingError(
            code: .lineTooLong, typeName: "watch line", excerpt: KubeDecodingError.excerpt(of: buffer[start...]),
            reason: "a watch line of more than \(maximumLineLength) bytes (\(byteCount) bytes) was dropped; "
                + "raise maximumLineLength if objects this large are expected"
        )
    }

    /// Drops consumed bytes once they are at least half the buffer (amortised linear cost).
    private mutating func compactIfNeeded() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if readIndex >= 4096, readIndex >= buffer.count / 2 {
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex -= readIndex
        readIndex = 0
    }
}
