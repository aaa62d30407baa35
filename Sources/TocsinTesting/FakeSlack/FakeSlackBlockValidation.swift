/// Checks Block Kit blocks against Slack's limits, reporting errors as Slack words them:
/// `must be less than 151 characters [json-pointer:/blocks/0/text/text]`.
///
/// Lengths are counted in UTF-16 code units. Known: header, section, context (text and image elements), actions
/// (buttons), divider.
struct FakeSlackBlockValidation {
    private(set) var errors: [String] = []
    private var actionIDs = Set<String>()

    /// Every problem of `blocks`, in order.
    static func errors(in blocks: [FakeJSON]) -> [String] {
        var validation = FakeSlackBlockValidation()
        validation.check(blocks)
        return validation.errors
    }

    private mutating func fail(_ message: String, at pointer: String) {
        errors.append("\(message) [json-pointer:\(pointer)]")
    }

    private mutating func check(_ blocks: [FakeJSON]) {
        if blocks.count > 50 { fail("no more than 50 items allowed", at: "/blocks") }
        for (index, block) in blocks.enumerated() { checkBlock(block, at: "/blocks/\(index)") }
    }

    private mutating func checkBlock(_ block: FakeJSON, at pointer: String) {
        guard let type = block["type"]?.stringValue, block.objectValue != nil else {
            fail("must provide an object with a type", at: pointer)
            return
        }
        if let blockID = block["block_id"] {
            checkString(blockID, maximum: 255, at: pointer + "/block_id")
        }
        switch type {
        case "header":
            checkText(block["text"], maximum: 150, plainOnly: true, at: pointer + "/text")
        case "section":
            if block["text"] == nil, block["fields"] == nil { fail("must provide either text or fields", at: pointer) }
            if let text = block["text"] { checkText(text, maximum: 3_000, at: pointer + "/text") }
            if let fields = block["fields"] {
                guard let items = fields.arrayValue, !items.isEmpty else {
                    fail("must provide an array of at least 1 item", at: pointer + "/fields")
                    return
                }
                if items.count > 10 { fail("no more than 10 items allowed", at: pointer + "/fields") }
                for (index, field) in items.enumerated() {
                    checkText(field, maximum: 2_000, at: pointer + "/fields/\(index)")
                }
            }
        case "context":
            let elements = checkElements(block["elements"], maximum: 10, at: pointer + "/elements")
            for (index, element) in elements.enumerated() {
                let path = pointer + "/elements/\(index)"
                if element["type"]?.stringValue == "image" {
                    checkString(element["image_url"], maximum: 3_000, at: path + "/image_url")
                    checkString(element["alt_text"], maximum: 2_000, at: path + "/alt_text")
                } else {
                    checkText(element, maximum: 3_000, at: path)
                }
            }
        case "actions":
            let elements = checkElements(block["elements"], maximum: 25, at: pointer + "/elements")
            for (index, element) in elements.enumerated() { checkButton(element, at: pointer + "/elements/\(index)") }
        case "divider":
            break
        default:
            fail("unsupported type `\(type)` (the fake knows header, section, context, actions, divider)", at: pointer + "/type")
        }
    }

    private mutating func checkElements(_ value: FakeJSON?, maximum: Int, at pointer: String) -> [FakeJSON] {
        guard let elements = value?.arrayValue, !elements.isEmpty else {
            fail("must provide an array of at least 1 item", at: pointer)
            return []
        }
        if elements.count > maximum { fail("no more than \(maximum) items allowed", at: pointer) }
        return elements
    }

    private mutating func checkButton(_ element: FakeJSON, at pointer: String) {
        guard element["type"]?.stringValue == "button" else {
            fail("unsupported element type (the fake knows button)", at: pointer + "/type")
            return
        }
        checkText(element["text"], maximum: 75, plainOnly: true, at: pointer + "/text")
        if let actionID = element["action_id"] {
            checkString(actionID, maximum: 255, at: pointer + "/action_id")
            if let id = actionID.stringValue, !actionIDs.insert(id).inserted {
                fail("action_id values must be unique within a message", at: pointer + "/action_id")
            }
        }
        if let value = element["value"] { checkString(value, maximum: 2_000, at: pointer + "/value") }
        if let url = element["url"] { checkString(url, maximum: 3_000, at: pointer + "/url") }
        if let style = element["style"], style != "primary", style != "danger" {
            fail("must be one of primary, danger", at: pointer + "/style")
        }
    }

    private mutating func checkText(_ value: FakeJSON?, maximum: Int, plainOnly: Bool = false, at pointer: String) {
        guard let value, let type = value["type"]?.stringValue else {
            fail("must provide a text object", at: pointer)
            return
        }
        switch type {
        case "plain_text":
            break
        case "mrkdwn":
            if plainOnly { fail("must be plain_text", at: pointer + "/type") }
            if value["emoji"] != nil { fail("emoji is only allowed in plain_text", at: pointer + "/emoji") }
        default:
            fail("must be one of plain_text, mrkdwn", at: pointer + "/type")
        }
        checkString(value["text"], maximum: maximum, at: pointer + "/text")
    }

    private mutating func checkString(_ value: FakeJSON?, maximum: Int, at pointer: String) {
        guard let string = value?.stringValue else {
            fail("must be a string", at: pointer)
            return
        }
        if string.isEmpty { fail("must be more than 0 characters", at: pointer) }
        if string.utf16.count > maximum { fail("must be less than \(maximum + 1) characters", at: pointer) }
    }
}
