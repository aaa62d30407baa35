extension FieldCondition {
    /// One step of a field path.
    public enum PathSegment: Sendable, Hashable {
        /// A field of an object, or a key of a map.
        case field(String)
        /// Every element of a list (`[*]`).
        case anyElement
        /// One element of a list (`[N]`).
        case element(Int)
    }

    /// The segments of ``path``; `nil` when the path is not valid.
    public var pathSegments: [PathSegment]? {
        Self.parsePath(path)
    }

    /// Parses a field path such as `status.containerStatuses[*].restartCount` or
    /// `metadata.labels["app.kubernetes.io/name"]`; `nil` when it is not valid.
    public static func parsePath(_ path: String) -> [PathSegment]? {
        let characters = Array(path)
        var index = 0
        var segments: [PathSegment] = []
        func isNameCharacter(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
        }
        while true {
            let nameStart = index
            while index < characters.count, isNameCharacter(characters[index]) { index += 1 }
            guard index > nameStart else { return nil }
            segments.append(.field(String(characters[nameStart..<index])))
            while index < characters.count, characters[index] == "[" {
                guard let close = characters[index...].firstIndex(of: "]") else { return nil }
                let inner = String(characters[(index + 1)..<close])
                if inner == "*" {
                    segments.append(.anyElement)
                } else if let position = Int(inner), position >= 0, inner.allSatisfy(\.isASCII) {
                    segments.append(.element(position))
                } else if inner.count >= 3, inner.first == "\"", inner.last == "\"" {
                    let key = String(inner.dropFirst().dropLast())
                    guard !key.contains("\"") else { return nil }
                    segments.append(.field(key))
                } else {
                    return nil
                }
                index = close + 1
            }
            if index == characters.count { return segments }
            guard characters[index] == ".", index + 1 < characters.count else { return nil }
            index += 1
        }
    }
}
