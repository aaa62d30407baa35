/// A JSON object or array found by the validating pass: its byte range and the index of the next container
/// that is not inside it, so that later scans step over it without reading it again.
struct JSONContainerSpan: Sendable {
    /// The offset of `{` or `[`.
    var start: Int
    /// One past the offset of the closing `}` or `]`.
    var end: Int
    /// The index of the first span after this container and everything inside it.
    var next: Int
}

/// A value in the input: its byte range and, for an object or array, its index in the spans.
struct JSONValueLocation: Sendable {
    /// The offset of the value's first byte.
    var start: Int
    /// One past the offset of the value's last byte.
    var end: Int
    /// The index in the spans for an object or array; `-1` for a scalar.
    var span: Int
}

/// A syntax error found by ``JSONValidator``: where and what.
struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    /// The byte offset of the failure.
    var offset: Int
    /// What is wrong.
    var message: String

    var description: String { "\(message) (at byte \(offset))" }
}

/// The kind of a JSON value, from its first byte; used for type-mismatch messages.
enum JSONValueKind: Sendable {
    case null, bool, number, string, object, array

    /// The kind of the value starting with `byte` (input already validated).
    init(firstByte byte: UInt8) {
        switch byte {
        case ASCII.quote: self = .string
        case ASCII.openBrace: self = .object
        case ASCII.openBracket: self = .array
        case ASCII.lowercaseN: self = .null
        case ASCII.lowercaseT, ASCII.lowercaseF: self = .bool
        default: self = .number
        }
    }

    /// How Foundation's `JSONDecoder` names the kind in "Expected to decode X but found … instead."
    var foundDescription: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "a string"
        case .object: "a dictionary"
        case .array: "an array"
        }
    }
}

/// The ASCII bytes the JSON grammar uses.
enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let period = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let lowercaseE = UInt8(ascii: "e")
    static let uppercaseE = UInt8(ascii: "E")
    static let lowercaseN = UInt8(ascii: "n")
    static let lowercaseT = UInt8(ascii: "t")
    static let lowercaseF = UInt8(ascii: "f")
    static let lowercaseU = UInt8(ascii: "u")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// Whether `byte` is JSON whitespace.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == lineFeed || byte == carriageReturn || byte == tab
    }

    /// Whether `byte` is a decimal digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- zero < 10
    }

    /// The value of a hexadecimal digit, or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case zero...nine: UInt32(byte - zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `byte` as text for an error message: `'x'` for printable ASCII, else `0xNN`.
    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return "0x" + (hex.count < 2 ? "0" + hex : hex)
    }
}
