/// An `application/x-www-form-urlencoded` body, as Slack sends interactions and slash commands.
///
/// `+` is a space, `%XX` a byte (a `%` not followed by two hex digits stays as written), bytes are read as UTF-8
/// (invalid sequences become U+FFFD), a pair without `=` has an empty value, and when a name repeats the first value
/// wins.
public struct SlackForm: Sendable, Hashable {
    /// Every field, first value of each name.
    public private(set) var values: [String: String]

    /// Decodes a body.
    public init(decoding body: some Sequence<UInt8>) {
        values = [:]
        let bytes = Array(body)
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decoded(parts[0])
            let value = parts.count > 1 ? Self.decoded(parts[1]) : ""
            if values[name] == nil { values[name] = value }
        }
    }

    /// A form with these fields (a Socket Mode slash command arrives as JSON, not form-encoded).
    public init(values: [String: String]) {
        self.values = values
    }

    /// Decodes a body held as text.
    public init(decoding text: String) {
        self.init(decoding: text.utf8)
    }

    /// The value of `name`, when present.
    public subscript(name: String) -> String? { values[name] }

    /// One name or value with `+` and percent escapes decoded.
    static func decoded(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
                continue
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }
}
