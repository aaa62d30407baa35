/// JSON string scanning and unescaping over UTF-8 bytes.
enum JSONStrings {
    /// Validates the string whose opening quote is at `openingQuote`: escapes (including `\uXXXX` surrogate
    /// pairs), no raw control characters, well-formed UTF-8.
    ///
    /// - Returns: one past the closing quote.
    /// - Throws: ``JSONSyntaxError`` at the first fault.
    static func endOfValidString(in bytes: UnsafeBufferPointer<UInt8>, openingQuote: Int) throws(JSONSyntaxError) -> Int {
        var index = openingQuote + 1
        let count = bytes.count
        while index < count {
            index = endOfPlainRun(in: bytes, from: index)
            guard index < count else { break }
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x80, byte != ASCII.quote, byte != ASCII.backslash {
                index += 1
                continue
            }
            switch byte {
            case ASCII.quote:
                return index + 1
            case ASCII.backslash:
                index = try escape(in: bytes, at: index).end
            case 0x80...:
                index = try endOfUTF8Sequence(in: bytes, at: index)
            default:
                throw JSONSyntaxError(
                    offset: index, message: "Unescaped control character \(ASCII.describe(byte)) in a string")
            }
        }
        throw JSONSyntaxError(offset: openingQuote, message: "Unterminated string")
    }

    /// The first offset from `index` on, in steps of eight bytes, whose eight bytes are not all plain string
    /// content (a quote, a backslash, a control character or a non-ASCII byte may be among them).
    @inline(__always)
    static func endOfPlainRun(in bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        guard let base = bytes.baseAddress else { return index }
        var index = index
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while index &+ 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quotes = word ^ (ones &* UInt64(ASCII.quote))
            let backslashes = word ^ (ones &* UInt64(ASCII.backslash))
            let special =
                ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word) | word
            if special & highs != 0 { break }
            index &+= 8
        }
        return index
    }

    /// The escape sequence starting with the backslash at `index`: the scalar it stands for and one past its end.
    ///
    /// - Throws: ``JSONSyntaxError`` for an unknown escape, bad hexadecimal digits or an unpaired surrogate.
    static func escape(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(JSONSyntaxError) -> (scalar: Unicode.Scalar, end: Int) {
        guard index + 1 < bytes.count else {
            throw JSONSyntaxError(offset: index, message: "Unterminated escape sequence in a string")
        }
        let scalar: Unicode.Scalar
        switch bytes[index + 1] {
        case ASCII.quote: scalar = "\""
        case ASCII.backslash: scalar = "\\"
        case ASCII.slash: scalar = "/"
        case UInt8(ascii: "b"): scalar = "\u{08}"
        case UInt8(ascii: "f"): scalar = "\u{0C}"
        case UInt8(ascii: "n"): scalar = "\n"
        case UInt8(ascii: "r"): scalar = "\r"
        case UInt8(ascii: "t"): scalar = "\t"
        case ASCII.lowercaseU:
            return try unicodeEscape(in: bytes, at: index)
        case let other:
            let shown = other >= 0x21 && other < 0x7F ? String(Character(Unicode.Scalar(other))) : ASCII.describe(other)
            throw JSONSyntaxError(offset: index, message: "Invalid escape sequence \\\(shown) in a string")
        }
        return (scalar, index + 2)
    }

    private static func hexQuad(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw JSONSyntaxError(offset: index, message: "Invalid \\u escape: expected four hexadecimal digits")
        }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = ASCII.hexValue(bytes[index + offset]) else {
                throw JSONSyntaxError(offset: index + offset, message: "Invalid \\u escape: expected four hexadecimal digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func unicodeEscape(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(JSONSyntaxError) -> (scalar: Unicode.Scalar, end: Int) {
        let first = try hexQuad(in: bytes, at: index + 2)
        switch first {
        case 0xD800...0xDBFF:
            let next = index + 6
            guard next + 1 < bytes.count, bytes[next] == ASCII.backslash, bytes[next + 1] == ASCII.lowercaseU else {
                throw JSONSyntaxError(offset: index, message: "Unpaired high surrogate \\u\(String(first, radix: 16)) in a string")
            }
            let second = try hexQuad(in: bytes, at: next + 2)
            guard (0xDC00...0xDFFF).contains(second),
                let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            else {
                throw JSONSyntaxError(offset: next, message: "Unpaired high surrogate \\u\(String(first, radix: 16)) in a string")
            }
            return (scalar, next + 6)
        case 0xDC00...0xDFFF:
            throw JSONSyntaxError(offset: index, message: "Unpaired low surrogate \\u\(String(first, radix: 16)) in a string")
        default:
            guard let scalar = Unicode.Scalar(first) else {
                throw JSONSyntaxError(offset: index, message: "Invalid \\u escape in a string")
            }
            return (scalar, index + 6)
        }
    }

    /// Validates the multi-byte UTF-8 sequence whose lead byte is at `index`; returns one past its end.
    private static func endOfUTF8Sequence(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(JSONSyntaxError) -> Int {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default:
            throw JSONSyntaxError(offset: index, message: "Invalid UTF-8 byte \(ASCII.describe(lead)) in a string")
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else {
            throw JSONSyntaxError(offset: index, message: "Invalid UTF-8 sequence in a string")
        }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            throw JSONSyntaxError(offset: index + offset, message: "Invalid UTF-8 sequence in a string")
        }
        return index + length
    }

    /// One past the closing quote of the (validated) string opening at `openingQuote`, and whether it has escapes.
    @inline(__always)
    static func endOfString(in bytes: UnsafeBufferPointer<UInt8>, openingQuote: Int) -> (end: Int, hasEscapes: Bool) {
        var index = openingQuote + 1
        var hasEscapes = false
        while index < bytes.count {
            index = endOfPlainRun(in: bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == ASCII.quote {
                return (index + 1, hasEscapes)
            }
            if byte == ASCII.backslash {
                hasEscapes = true
                index += 2
            } else {
                index += 1
            }
        }
        return (bytes.count, hasEscapes)
    }

    /// The text of the (validated) string at `location`, quotes included in the location.
    ///
    /// - Throws: ``JSONSyntaxError`` only if the input changed its mind about being valid (defensive).
    static func decode(in bytes: UnsafeBufferPointer<UInt8>, location: JSONValueLocation) throws(JSONSyntaxError) -> String {
        let contentStart = location.start + 1
        let contentEnd = location.end - 1
        guard contentStart <= contentEnd else { return "" }
        var index = contentStart
        while index < contentEnd, bytes[index] != ASCII.backslash {
            index += 1
        }
        let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd])
        if index == contentEnd {
            return String(decoding: content, as: UTF8.self)
        }
        return try unescape(in: bytes, from: contentStart, to: contentEnd)
    }

    /// Decodes string content with escapes; the result is never longer than the escaped bytes.
    private static func unescape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(JSONSyntaxError) -> String {
        var failure: JSONSyntaxError?
        let text = String(unsafeUninitializedCapacity: end - start) { output in
            var written = 0
            var index = start
            while index < end {
                let byte = bytes[index]
                guard byte == ASCII.backslash else {
                    output[written] = byte
                    written += 1
                    index += 1
                    continue
                }
                do throws(JSONSyntaxError) {
                    let (scalar, next) = try escape(in: bytes, at: index)
                    for unit in scalar.utf8 {
                        output[written] = unit
                        written += 1
                    }
                    index = next
                } catch {
                    failure = error
                    return 0
                }
            }
            return written
        }
        if let failure { throw failure }
        return text
    }
}
