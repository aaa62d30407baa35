extension KubeDuration {
    /// Why a duration string was refused.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The kind of problem.
        public enum Code: String, Sendable, Hashable {
            /// The string is empty.
            case empty
            /// A character other than a digit or a unit letter, or a term without digits.
            case invalidCharacter
            /// A number without a unit after it.
            case missingUnit
            /// A unit other than `ms`, `s`, `m`, `h`, `d`, `w`.
            case unknownUnit
            /// A unit repeated or out of decreasing order (`5m1h`).
            case unitOrder
            /// The value does not fit in 64-bit milliseconds.
            case overflow
        }

        /// The kind of problem.
        public var code: Code
        /// The refused string.
        public var input: String
        /// A sentence saying what is wrong and how to write a duration.
        public var message: String

        /// The message.
        public var description: String { message }
    }

    /// The units, largest first.
    static let units: [(symbol: String, milliseconds: Int64)] = [
        ("w", 604_800_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    private static let hint = "write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"

    static func parseMilliseconds(_ text: String) throws(ParseError) -> Int64 {
        func failure(_ code: ParseError.Code, _ problem: String) -> ParseError {
            ParseError(code: code, input: text, message: "invalid duration \"\(text.prefix(64))\": \(problem); \(hint)")
        }
        guard !text.isEmpty else { throw failure(.empty, "empty") }
        if text == "0" { return 0 }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var total: Int64 = 0
        var lastUnitIndex = -1
        while index < scalars.count {
            var number: Int64 = 0
            var digitCount = 0
            while index < scalars.count, let digit = asciiDigit(scalars[index]) {
                let (product, overflowMultiply) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflowAdd) = product.addingReportingOverflow(digit)
                guard !overflowMultiply, !overflowAdd else { throw failure(.overflow, "too large") }
                number = sum
                digitCount += 1
                index += 1
            }
            guard digitCount > 0 else {
                throw failure(.invalidCharacter, "unexpected \"\(scalars[index])\" at offset \(index)")
            }
            var symbol = ""
            while index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic {
                symbol.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard !symbol.isEmpty else {
                if index < scalars.count {
                    throw failure(.invalidCharacter, "unexpected \"\(scalars[index])\" at offset \(index)")
                }
                throw failure(.missingUnit, "missing unit after \(number)")
            }
            guard let unitIndex = units.firstIndex(where: { $0.symbol == symbol }) else {
                throw failure(.unknownUnit, "unknown unit \"\(symbol)\"")
            }
            guard unitIndex > lastUnitIndex else {
                throw failure(.unitOrder, "unit \"\(symbol)\" repeated or out of order (largest units first)")
            }
            lastUnitIndex = unitIndex
            let (product, overflowMultiply) = number.multipliedReportingOverflow(by: units[unitIndex].milliseconds)
            let (sum, overflowAdd) = total.addingReportingOverflow(product)
            guard !overflowMultiply, !overflowAdd else { throw failure(.overflow, "too large") }
            total = sum
        }
        return total
    }

    private static func asciiDigit(_ scalar: Unicode.Scalar) -> Int64? {
        guard scalar.value >= 0x30, scalar.value <= 0x39 else { return nil }
        return Int64(scalar.value - 0x30)
    }
}
