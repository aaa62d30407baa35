import Foundation

extension TemplateRenderer {
    /// Calls a function on evaluated arguments (the piped value last). Never fails: a mismatch warns and gives null.
    mutating func call(_ function: TemplateFunction, _ arguments: [TemplateValue], at position: TemplatePosition)
        -> TemplateValue {
        // The parser checked the arity; this guard only keeps a future mistake from trapping.
        guard function.arity.contains(arguments.count), let last = arguments.last else { return .null }
        let first = arguments[0]
        switch function {
        case .humanize, .humanizeDuration, .humanizePercentage:
            if last == .null { return .null }
            if case .date = last { return mismatch(function, expected: "a number", got: last, at: position) }
            guard let number = last.numberValue else {
                return mismatch(function, expected: "a number", got: last, at: position)
            }
            switch function {
            case .humanize: return .string(TemplateHumanizer.humanize(number))
            case .humanizeDuration: return .string(TemplateHumanizer.humanizeDuration(seconds: number))
            default: return .string(TemplateHumanizer.humanizePercentage(number))
            }
        case .upper, .lower, .title, .trimSpace, .quote:
            guard let text = scalarText(function, last, at: position) else { return .null }
            switch function {
            case .upper: return capped(text.uppercased())
            case .lower: return capped(text.lowercased())
            case .title: return capped(TemplateHumanizer.title(text))
            case .trimSpace: return .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
            default: return capped(TemplateHumanizer.quote(text))
            }
        case .truncate:
            guard let length = first.numberValue, length >= 0, length == length.rounded() else {
                return mismatch(function, expected: "a whole number ≥ 0 as length", got: first, at: position)
            }
            guard let text = scalarText(function, last, at: position) else { return .null }
            return .string(TemplateHumanizer.truncate(text, to: Int(min(length, 1e9))))
        case .replace:
            guard let old = scalarText(function, arguments[0], at: position),
                  let new = scalarText(function, arguments[1], at: position),
                  let text = scalarText(function, last, at: position) else { return .null }
            return .string(TemplateHumanizer.replace(old, with: new, in: text, maxBytes: limits.maxOutputBytes))
        case .default:
            return last.isEmpty ? first : last
        case .join:
            guard let separator = scalarText(function, first, at: position) else { return .null }
            switch last {
            case .null: return .null
            case .list(let items): return join(items, separator: separator)
            default: return mismatch(function, expected: "a list", got: last, at: position)
            }
        case .len:
            switch last {
            case .null: return .number(0)
            case .string(let text): return .number(Double(text.count))
            case .list(let items): return .number(Double(items.count))
            case .map(let entries): return .number(Double(entries.count))
            default: return mismatch(function, expected: "text, a list or a map", got: last, at: position)
            }
        case .index:
            return index(first, keys: arguments.dropFirst(), at: position)
        case .printf:
            return printf(arguments, at: position)
        case .eq:
            return .bool(arguments.dropFirst().contains { TemplateComparison.equals(first, $0) })
        case .ne:
            return .bool(!TemplateComparison.equals(first, last))
        case .lt, .le, .gt, .ge:
            guard let order = TemplateComparison.order(first, last) else {
                warn(position, "\(function.rawValue) cannot compare \(first.kindName) with \(last.kindName)")
                return .bool(false)
            }
            switch function {
            case .lt: return .bool(order < 0)
            case .le: return .bool(order <= 0)
            case .gt: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .not:
            return .bool(!last.isTruthy)
        case .and:
            return arguments.first { !$0.isTruthy } ?? last
        case .or:
            return arguments.first { $0.isTruthy } ?? last
        }
    }

    private mutating func mismatch(_ function: TemplateFunction, expected: String, got value: TemplateValue,
                                   at position: TemplatePosition) -> TemplateValue {
        warn(position, "\(function.rawValue) expects \(expected), got \(value.kindName)")
        return .null
    }

    /// The text of a scalar argument; null reads as empty text, a list or a map is a mismatch.
    private mutating func scalarText(_ function: TemplateFunction, _ value: TemplateValue,
                                     at position: TemplatePosition) -> String? {
        switch value {
        case .list, .map:
            _ = mismatch(function, expected: "text", got: value, at: position)
            return nil
        default:
            return value.text
        }
    }

    private func join(_ items: [TemplateValue], separator: String) -> TemplateValue {
        var result = ""
        for (offset, item) in items.enumerated() {
            if offset > 0 { result += separator }
            result += item.text
            if result.utf8.count > limits.maxOutputBytes { break }
        }
        return capped(result)
    }

    private mutating func index(_ collection: TemplateValue, keys: ArraySlice<TemplateValue>,
                                at position: TemplatePosition) -> TemplateValue {
        var value = collection
        for key in keys {
            switch (value, key) {
            case (.null, _):
                return .null
            case (.map(let entries), .string(let name)):
                value = entries[name] ?? .null
            case (.list(let items), .number(let number)):
                guard number == number.rounded(), number >= 0, number < Double(items.count) else { return .null }
                value = items[Int(number)]
            default:
                warn(position, "index cannot look up \(key.kindName) in \(value.kindName)")
                return .null
            }
        }
        return value
    }

    private mutating func printf(_ arguments: [TemplateValue], at position: TemplatePosition) -> TemplateValue {
        guard case .string(let source) = arguments[0], case .success(let format) = TemplateFormat.parse(source) else {
            return .null
        }
        var values = arguments.dropFirst().makeIterator()
        var result = ""
        for piece in format.pieces {
            switch piece {
            case .literal(let text):
                result += text
            case .verb(let verb):
                let value = values.next() ?? .null
                switch verb {
                case .text, .value:
                    result += value.text
                case .integer, .fixed:
                    guard let number = value.numberValue else {
                        if value != .null {
                            warn(position, "printf expects a number for a numeric verb, got \(value.kindName)")
                        }
                        continue
                    }
                    result += TemplateHumanizer.format(number, verb: verb)
                }
            }
        }
        return capped(result)
    }
}
