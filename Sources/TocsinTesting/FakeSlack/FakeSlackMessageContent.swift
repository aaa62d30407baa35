/// Slack's refusal of a request: its error string and, for `invalid_blocks`, what was wrong.
struct FakeSlackRefusal: Error {
    var error: String
    var details: [String] = []
}

/// The `text` and `blocks` of a message, checked as Slack checks them.
enum FakeSlackMessageContent {
    /// The longest `text` Slack accepts: longer gets `msg_too_long`.
    static let maximumTextLength = 40_000

    /// `{"text": …, "blocks": […]}` from a request body, or why Slack would refuse it: `invalid_arguments` (a
    /// `text` that is not a string), `invalid_blocks_format` (`blocks` not an array), `no_text` (neither),
    /// `msg_too_long`, `invalid_blocks`.
    static func check(_ body: FakeJSON) -> Result<FakeJSON, FakeSlackRefusal> {
        var content: FakeJSON = [:]
        var hasContent = false
        if let text = body["text"], text != .null {
            guard let string = text.stringValue else { return .failure(FakeSlackRefusal(error: "invalid_arguments")) }
            if string.utf16.count > maximumTextLength { return .failure(FakeSlackRefusal(error: "msg_too_long")) }
            content["text"] = text
            hasContent = hasContent || !string.isEmpty
        }
        if let blocks = body["blocks"], blocks != .null {
            guard let array = blocks.arrayValue else { return .failure(FakeSlackRefusal(error: "invalid_blocks_format")) }
            let errors = FakeSlackBlockValidation.errors(in: array)
            if !errors.isEmpty { return .failure(FakeSlackRefusal(error: "invalid_blocks", details: errors)) }
            content["blocks"] = blocks
            hasContent = hasContent || !array.isEmpty
        }
        guard hasContent else { return .failure(FakeSlackRefusal(error: "no_text")) }
        return .success(content)
    }
}
