/// Steps through validated JSON: members of objects, elements of arrays, the end of scalars. Objects and
/// arrays inside are stepped over through their ``JSONContainerSpan``, never rescanned.
///
/// Every method assumes the input passed ``JSONValidator`` and the locations came from this reader.
struct JSONReader {
    /// The input.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The validator's spans (owned by ``FastJSONDecoder`` for the duration of the decode; a pointer, so that
    /// passing the reader around costs no reference counting).
    let spans: UnsafeBufferPointer<JSONContainerSpan>

    /// The first byte of the value at `location`.
    @inline(__always)
    func firstByte(of location: JSONValueLocation) -> UInt8 {
        bytes[location.start]
    }

    /// Whether the value at `location` is `null`.
    @inline(__always)
    func isNull(_ location: JSONValueLocation) -> Bool {
        bytes[location.start] == ASCII.lowercaseN
    }

    @inline(__always)
    func skipWhitespace(from index: Int) -> Int {
        var index = index
        while index < bytes.count, ASCII.isWhitespace(bytes[index]) {
            index += 1
        }
        return index
    }

    /// The value starting at `index`; `nextSpan` is the span of the next object or array at or after `index`,
    /// advanced past this value.
    @inline(__always)
    func value(at index: Int, nextSpan: inout Int) -> JSONValueLocation {
        let byte = bytes[index]
        if byte == ASCII.openBrace || byte == ASCII.openBracket {
            let span = spans[nextSpan]
            assert(span.start == index, "JSONReader: span \(nextSpan) starts at \(span.start), not at \(index)")
            let location = JSONValueLocation(start: index, end: span.end, span: nextSpan)
            nextSpan = span.next
            return location
        }
        if byte == ASCII.quote {
            return JSONValueLocation(start: index, end: JSONStrings.endOfString(in: bytes, openingQuote: index).end, span: -1)
        }
        var end = index + 1
        while end < bytes.count {
            let next = bytes[end]
            if next == ASCII.comma || next == ASCII.closeBrace || next == ASCII.closeBracket || ASCII.isWhitespace(next) {
                break
            }
            end += 1
        }
        return JSONValueLocation(start: index, end: end, span: -1)
    }

    /// Calls `body` with each member of the object at `object`: the key's content range (without quotes),
    /// whether the key has escapes, and the value.
    @inline(__always)
    func forEachMember(
        of object: JSONValueLocation, _ body: (_ keyStart: Int, _ keyEnd: Int, _ keyHasEscapes: Bool, _ value: JSONValueLocation) throws -> Void
    ) rethrows {
        var index = skipWhitespace(from: object.start + 1)
        var nextSpan = object.span + 1
        guard bytes[index] != ASCII.closeBrace else { return }
        while true {
            let (keyEnd, keyHasEscapes) = JSONStrings.endOfString(in: bytes, openingQuote: index)
            let colon = skipWhitespace(from: keyEnd)
            let value = value(at: skipWhitespace(from: colon + 1), nextSpan: &nextSpan)
            try body(index + 1, keyEnd - 1, keyHasEscapes, value)
            index = skipWhitespace(from: value.end)
            guard index < object.end, bytes[index] == ASCII.comma else { return }
            index = skipWhitespace(from: index + 1)
        }
    }

    /// The first element of the array at `array`, or `nil` when it is empty; sets `nextSpan` for ``element(after:nextSpan:)``.
    @inline(__always)
    func firstElement(of array: JSONValueLocation, nextSpan: inout Int) -> JSONValueLocation? {
        let index = skipWhitespace(from: array.start + 1)
        nextSpan = array.span + 1
        guard bytes[index] != ASCII.closeBracket else { return nil }
        return value(at: index, nextSpan: &nextSpan)
    }

    /// The element after `element` in its array, or `nil` after the last.
    @inline(__always)
    func element(after element: JSONValueLocation, nextSpan: inout Int) -> JSONValueLocation? {
        let index = skipWhitespace(from: element.end)
        guard index < bytes.count, bytes[index] == ASCII.comma else { return nil }
        return value(at: skipWhitespace(from: index + 1), nextSpan: &nextSpan)
    }

    /// How many elements the array at `array` has.
    func elementCount(of array: JSONValueLocation) -> Int {
        var nextSpan = 0
        var count = 0
        var element = firstElement(of: array, nextSpan: &nextSpan)
        while let current = element {
            count += 1
            element = self.element(after: current, nextSpan: &nextSpan)
        }
        return count
    }
}
