/// The one validating pass over a JSON document: checks the whole grammar (strings with their escapes and
/// UTF-8, numbers, literals, nesting, nothing after the value) and records every object and array as a
/// ``JSONContainerSpan``, so that decoding later steps over unread values without scanning them again.
struct JSONValidator {
    /// The deepest nesting accepted (Foundation's `JSONDecoder` has the same limit).
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    /// Every object and array, in the order they open.
    private(set) var spans: [JSONContainerSpan] = []

    /// Prepares to validate `bytes`.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        spans.reserveCapacity(bytes.count / 48 + 4)
    }

    /// Validates the whole input: optional whitespace, one value, optional whitespace.
    ///
    /// - Returns: the location of the value.
    /// - Throws: ``JSONSyntaxError`` at the first fault.
    mutating func validateDocument() throws(JSONSyntaxError) -> JSONValueLocation {
        let start = skipWhitespace(from: 0)
        guard start < bytes.count else {
            throw JSONSyntaxError(offset: start, message: "The input is empty: expected a JSON value")
        }
        let isContainer = bytes[start] == ASCII.openBrace || bytes[start] == ASCII.openBracket
        let end = try value(at: start, depth: 0)
        let rest = skipWhitespace(from: end)
        guard rest == bytes.count else {
            throw JSONSyntaxError(offset: rest, message: "Unexpected \(ASCII.describe(bytes[rest])) after the JSON value")
        }
        return JSONValueLocation(start: start, end: end, span: isContainer ? 0 : -1)
    }

    private func skipWhitespace(from index: Int) -> Int {
        var index = index
        while index < bytes.count, ASCII.isWhitespace(bytes[index]) {
            index += 1
        }
        return index
    }

    /// Validates the value starting at `start` (not whitespace, in bounds); returns one past its end.
    private mutating func value(at start: Int, depth: Int) throws(JSONSyntaxError) -> Int {
        switch bytes[start] {
        case ASCII.quote:
            return try JSONStrings.endOfValidString(in: bytes, openingQuote: start)
        case ASCII.openBrace:
            return try object(at: start, depth: depth + 1)
        case ASCII.openBracket:
            return try array(at: start, depth: depth + 1)
        case ASCII.lowercaseT:
            return try literal("true", at: start)
        case ASCII.lowercaseF:
            return try literal("false", at: start)
        case ASCII.lowercaseN:
            return try literal("null", at: start)
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return try JSONNumbers.endOfValidNumber(in: bytes, at: start)
        default:
            throw JSONSyntaxError(offset: start, message: "Unexpected \(ASCII.describe(bytes[start])): expected a JSON value")
        }
    }

    private func literal(_ word: StaticString, at start: Int) throws(JSONSyntaxError) -> Int {
        let count = word.utf8CodeUnitCount
        guard start + count <= bytes.count else {
            throw JSONSyntaxError(offset: start, message: "Invalid literal: the input ends inside it (expected \(word))")
        }
        let expected = word.utf8Start
        for offset in 0..<count where bytes[start + offset] != expected[offset] {
            throw JSONSyntaxError(offset: start + offset, message: "Invalid literal (expected \(word))")
        }
        return start + count
    }

    private func unexpectedEnd(_ index: Int, inside what: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: index, message: "Unexpected end of input inside \(what)")
    }

    private mutating func object(at start: Int, depth: Int) throws(JSONSyntaxError) -> Int {
        let slot = try openContainer(at: start, depth: depth)
        var index = skipWhitespace(from: start + 1)
        guard index < bytes.count else { throw unexpectedEnd(index, inside: "an object") }
        if bytes[index] == ASCII.closeBrace {
            index += 1
        } else {
            while true {
                guard bytes[index] == ASCII.quote else {
                    throw JSONSyntaxError(offset: index, message: "Unexpected \(ASCII.describe(bytes[index])): expected a string key")
                }
                let keyEnd = try JSONStrings.endOfValidString(in: bytes, openingQuote: index)
                index = skipWhitespace(from: keyEnd)
                guard index < bytes.count else { throw unexpectedEnd(index, inside: "an object") }
                guard bytes[index] == ASCII.colon else {
                    throw JSONSyntaxError(offset: index, message: "Unexpected \(ASCII.describe(bytes[index])): expected ':' after a key")
                }
                index = skipWhitespace(from: index + 1)
                guard index < bytes.count else { throw unexpectedEnd(index, inside: "an object") }
                // Two statements: `afterMember(endingAt: try value(…), …)` would copy `self` (and share `spans`) before the
                // mutating call, making every append copy the array.
                let end = try value(at: index, depth: depth)
                let next = try afterMember(endingAt: end, closer: ASCII.closeBrace, inside: "an object")
                index = next.index
                if next.closed { break }
            }
        }
        closeContainer(slot, at: index)
        return index
    }

    private mutating func array(at start: Int, depth: Int) throws(JSONSyntaxError) -> Int {
        let slot = try openContainer(at: start, depth: depth)
        var index = skipWhitespace(from: start + 1)
        guard index < bytes.count else { throw unexpectedEnd(index, inside: "an array") }
        if bytes[index] == ASCII.closeBracket {
            index += 1
        } else {
            while true {
                // Two statements: `afterMember(endingAt: try value(…), …)` would copy `self` (and share `spans`) before the
                // mutating call, making every append copy the array.
                let end = try value(at: index, depth: depth)
                let next = try afterMember(endingAt: end, closer: ASCII.closeBracket, inside: "an array")
                index = next.index
                if next.closed { break }
            }
        }
        closeContainer(slot, at: index)
        return index
    }

    /// Checks the nesting depth and records a container opening at `start`; returns its span's slot.
    @inline(__always)
    private mutating func openContainer(at start: Int, depth: Int) throws(JSONSyntaxError) -> Int {
        guard depth <= Self.maximumDepth else {
            throw JSONSyntaxError(offset: start, message: "Too deeply nested (more than \(Self.maximumDepth) levels)")
        }
        let slot = spans.count
        spans.append(JSONContainerSpan(start: start, end: start, next: slot + 1))
        return slot
    }

    /// Records that the container of `slot` ends at `end` and what follows it in the span list.
    @inline(__always)
    private mutating func closeContainer(_ slot: Int, at end: Int) {
        spans[slot].end = end
        spans[slot].next = spans.count
    }

    /// After a member's value that ends at `end`: the start of the next member (`closed` false), or the index past
    /// `closer` (`closed` true).
    @inline(__always)
    private func afterMember(
        endingAt end: Int, closer: UInt8, inside container: String
    ) throws(JSONSyntaxError) -> (index: Int, closed: Bool) {
        var index = skipWhitespace(from: end)
        guard index < bytes.count else { throw unexpectedEnd(index, inside: container) }
        if bytes[index] == ASCII.comma {
            index = skipWhitespace(from: index + 1)
            guard index < bytes.count else { throw unexpectedEnd(index, inside: container) }
            return (index, false)
        }
        guard bytes[index] == closer else {
            let expected = closer == ASCII.closeBrace ? "}" : "]"
            throw JSONSyntaxError(
                offset: index, message: "Unexpected \(ASCII.describe(bytes[index])): expected ',' or '\(expected)'")
        }
        return (index + 1, true)
    }
}
