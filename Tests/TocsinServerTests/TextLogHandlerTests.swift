import Logging
import Testing
import TocsinServer

@Suite("TextLogHandler")
struct TextLogHandlerTests {
    @Test func writesTimeLevelLoggerMessageThenSortedLogfmtMetadata() {
        let lines = CollectedLines()
        textLogger(lines, label: "tocsin.controller").info(
            "Relisting after 410 Gone",
            metadata: ["watch": ["resourceVersion": "12"], "resource": "pods", "reason": "too old", "empty": ""])
        #expect(
            lines.all == [
                #"2026-03-05T07:08:09.012Z info tocsin.controller: Relisting after 410 Gone empty="" "#
                    + #"reason="too old" resource=pods watch.resourceVersion=12"#
            ])
    }

    @Test func keepsAMultiLineMessageOnOneLine() {
        let lines = CollectedLines()
        textLogger(lines).warning("first\nsecond", metadata: ["value": "a=b"])
        #expect(lines.all == [#"2026-03-05T07:08:09.012Z warning tocsin.test: first\nsecond value="a=b""#])
    }

    @Test(arguments: [(LogFormat.json, #","msg":"kept"}"#), (.text, " error tocsin: kept")])
    func makeHandlerPicksTheFormat(format: LogFormat, ending: String) {
        let lines = CollectedLines()
        var handler = LoggingBootstrap.makeHandler(label: "tocsin", format: format, level: .info, sink: lines.sink)
        #expect(handler.logLevel == .info)
        handler.logLevel = .error
        let logger = Logger(label: "tocsin") { _ in handler }
        logger.warning("dropped")
        logger.error("kept")
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.hasSuffix(ending) == true)
    }
}
