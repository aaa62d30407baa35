import Foundation

/// JSON number validation and conversion over UTF-8 bytes.
enum JSONNumbers {
    /// Validates the number starting at `start` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
    ///
    /// - Returns: one past its last byte.
    /// - Throws: ``JSONSyntaxError`` for a malformed number.
    static func endOfValidNumber(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) throws(JSONSyntaxError) -> Int {
        var index = start
        let count = bytes.count
        if bytes[index] == ASCII.minus {
            index += 1
        }
        guard index < count, ASCII.isDigit(bytes[index]) else {
            throw JSONSyntaxError(offset: index, message: "Invalid number: expected a digit")
        }
        if bytes[index] == ASCII.zero {
            index += 1
        } else {
            while index < count, ASCII.isDigit(bytes[index]) { index += 1 }
        }
        if index < count, bytes[index] == ASCII.period {
            index += 1
            guard index < count, ASCII.isDigit(bytes[index]) else {
                throw JSONSyntaxError(offset: index, message: "Invalid number: expected a digit after '.'")
            }
            while index < count, ASCII.isDigit(bytes[index]) { index += 1 }
        }
        if index < count, bytes[index] == ASCII.lowercaseE || bytes[index] == ASCII.uppercaseE {
            index += 1
            if index < count, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus {
                index += 1
            }
            guard index < count, ASCII.isDigit(bytes[index]) else {
                throw JSONSyntaxError(offset: index, message: "Invalid number: expected a digit in the exponent")
            }
            while index < count, ASCII.isDigit(bytes[index]) { index += 1 }
        }
        if index < count, ASCII.isDigit(bytes[index]) {
            throw JSONSyntaxError(offset: index, message: "Invalid number: leading zeros are not allowed")
        }
        return index
    }

    /// The (validated) number at `location` as `T`; `nil` when it is not a whole number that fits in `T`.
    ///
    /// Like Foundation's `JSONDecoder`, a whole number written with a fraction or an exponent (`1.0`, `1e3`) is
    /// accepted.
    static func integer<T: FixedWidthInteger>(in bytes: UnsafeBufferPointer<UInt8>, location: JSONValueLocation, as type: T.Type) -> T? {
        var index = location.start
        let end = location.end
        let isNegative = bytes[index] == ASCII.minus
        if isNegative { index += 1 }
        var magnitude: UInt64 = 0
        while index < end {
            let digit = bytes[index] &- ASCII.zero
            guard digit < 10 else {
                return integerFromFloatingPoint(in: bytes, location: location, as: T.self)
            }
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else {
                // Too long for UInt64; it may still have a fraction or exponent that makes it fit, but no whole
                // number beyond UInt64 fits in any fixed-width type we decode.
                return containsFloatingPointMarks(in: bytes, location: location)
                    ? integerFromFloatingPoint(in: bytes, location: location, as: T.self) : nil
            }
            magnitude = sum
            index += 1
        }
        if isNegative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            if magnitude == UInt64(Int64.max) + 1 {
                return T(exactly: Int64.min)
            }
            return T(exactly: -Int64(magnitude))
        }
        return T(exactly: magnitude)
    }

    private static func containsFloatingPointMarks(in bytes: UnsafeBufferPointer<UInt8>, location: JSONValueLocation) -> Bool {
        for index in location.start..<location.end {
            let byte = bytes[index]
            if byte == ASCII.period || byte == ASCII.lowercaseE || byte == ASCII.uppercaseE { return true }
        }
        return false
    }

    private static func integerFromFloatingPoint<T: FixedWidthInteger>(in bytes: UnsafeBufferPointer<UInt8>, location: JSONValueLocation, as type: T.Type) -> T? {
        guard let value = double(in: bytes, location: location), value.isFinite, value == value.rounded(.towardZero) else {
            return nil
        }
        return T(exactly: value)
    }

    /// The (validated) number at `location` as a `Double`; `nil` when it is out of range (infinite).
    static func double(in bytes: UnsafeBufferPointer<UInt8>, location: JSONValueLocation) -> Double? {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[location.start..<location.end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The (validated) number at `location` as a `Float`; `nil` when it is out of range (infinite).
    static func float(in bytes: UnsafeBufferPointer<UInt8>, location: JSONValueLocation) -> Float? {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[location.start..<location.end]), as: UTF8.self)
        guard let value = Float(text), value.isFinite else { return nil }
        return value
    }

    /// The (validated) number at `location` as a `Decimal`; `nil` when Foundation cannot represent it.
    static func decimal(in bytes: UnsafeBufferPointer<UInt8>, location: JSONValueLocation) -> Decimal? {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[location.start..<location.end]), as: UTF8.self)
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The text of the number at `location`, for error messages.
    static func text(in bytes: UnsafeBufferPointer<UInt8>, location: JSONValueLocation) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[location.start..<min(location.end, location.start + 64)]), as: UTF8.self)
    }
}
