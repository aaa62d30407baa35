import Testing

@testable import KubeCore

@Suite("WatchLineSplitter")
struct WatchLineSplitterTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Feeds `chunks`, collecting every line available after each chunk, then the trailing line.
    static func lines(_ chunks: [String], maximumLineLength: Int = 1 << 20) throws -> [String] {
        var splitter = WatchLineSplitter(maximumLineLength: maximumLineLength)
        var lines: [String] = []
        for chunk in chunks {
            splitter.append(bytes(chunk))
            while let line = try splitter.nextLine() {
                lines.append(String(decoding: line, as: UTF8.self))
            }
        }
        if let last = splitter.finish() { lines.append(String(decoding: last, as: UTF8.self)) }
        return lines
    }

    static let event = #"{"type":"ADDED","object":{"metadata":{"name":"a"}}}"#

    @Test(
        "splits chunks into lines",
        arguments: [
            ("one event split over 3 chunks", [String(event.prefix(10)), String(event.dropFirst(10).prefix(20)), String(event.dropFirst(30)) + "\n"], [event]),
            ("3 events in one chunk", ["\(event)\n{\"n\":2}\n{\"n\":3}\n"], [event, #"{"n":2}"#, #"{"n":3}"#]),
            ("CRLF line ends", ["{\"n\":1}\r\n{\"n\"", ":2}\r", "\n"], [#"{"n":1}"#, #"{"n":2}"#]),
            ("trailing line without newline", ["{\"n\":1}\n{\"n\":2}"], [#"{"n":1}"#, #"{"n":2}"#]),
            ("blank lines skipped", ["\n\r\n  \n{\"n\":1}\n\t\n", "  \r\n"], [#"{"n":1}"#]),
            ("newline as its own chunk", ["{\"n\":1}", "\n", "", "{\"n\":2}", "\n"], [#"{"n":1}"#, #"{"n":2}"#]),
            ("nothing", [], []),
        ] as [(String, [String], [String])]
    )
    func splits(name: String, chunks: [String], expected: [String]) throws {
        #expect(try Self.lines(chunks) == expected, "\(name)")
    }

    @Test("no line is returned before its newline arrives")
    func waitsForNewline() throws {
        var splitter = WatchLineSplitter()
        splitter.append(Self.bytes(#"{"n":1"#))
        #expect(try splitter.nextLine() == nil)
        #expect(splitter.bufferedByteCount == 6)
        splitter.append(Self.bytes("}\n"))
        #expect(try splitter.nextLine() == Self.bytes(#"{"n":1}"#))
        #expect(try splitter.nextLine() == nil)
        #expect(splitter.bufferedByteCount == 0)
    }

    @Test("an over-long line throws, is dropped, and later lines still come")
    func overLongLine() throws {
        var splitter = WatchLineSplitter(maximumLineLength: 8)
        splitter.append(Self.bytes("0123456789"))
        #expect {
            _ = try splitter.nextLine()
        } throws: { error in
            (error as? KubeDecodingError)?.code == .lineTooLong && (error as? KubeDecodingError)?.excerpt == "0123456789"
        }
        splitter.append(Self.bytes("more of the long line\n{\"n\":1}\n"))
        #expect(try splitter.nextLine() == Self.bytes(#"{"n":1}"#))
        #expect(try splitter.nextLine() == nil)
    }

    @Test("an over-long line that arrives whole throws too")
    func overLongCompleteLine() throws {
        var splitter = WatchLineSplitter(maximumLineLength: 4)
        splitter.append(Self.bytes("123456\nab\n"))
        #expect(throws: KubeDecodingError.self) { _ = try splitter.nextLine() }
        #expect(try splitter.nextLine() == Self.bytes("ab"))
    }

    @Test("a long stream in small chunks yields every line exactly once")
    func longStream() throws {
        var splitter = WatchLineSplitter()
        var expected: [[UInt8]] = []
        var stream: [UInt8] = []
        for index in 0..<2000 {
            let line = Self.bytes(#"{"type":"MODIFIED","object":{"metadata":{"resourceVersion":"\#(index)"}}}"#)
            expected.append(line)
            stream += line + [UInt8(ascii: "\n")]
        }
        var received: [[UInt8]] = []
        var offset = 0
        var chunkSize = 1
        while offset < stream.count {
            let end = min(offset + chunkSize, stream.count)
            stream[offset..<end].withUnsafeBytes { splitter.append($0) }
            while let line = try splitter.nextLine() { received.append(line) }
            offset = end
            chunkSize = chunkSize % 997 + 13
        }
        #expect(splitter.finish() == nil)
        #expect(received == expected)
    }
}
