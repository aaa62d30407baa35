/// RFC 6902 JSON patch: add, remove, replace, move, copy, test.
enum JSONPatch {
    /// A failure while applying: 400 for a malformed patch, 422 for an operation that cannot apply.
    static func failure(_ message: String, malformed: Bool) -> FakeAPIError {
        if malformed { return FakeAPIError.badRequest(message) }
        return FakeAPIError(
            code: 422, reason: "Invalid", message: message,
            details: ["causes": [["reason": "FieldValueInvalid", "message": .string(message), "field": "patch"]]])
    }

    /// - Throws: `FakeAPIError` 400 for a malformed patch, 422 when an operation fails (a `test` included).
    static func apply(_ patch: FakeJSON, to target: FakeJSON) throws -> FakeJSON {
        guard let operations = patch.arrayValue else {
            throw failure("json: cannot unmarshal object into Go value of type jsonpatch.Patch", malformed: true)
        }
        var document = target
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw failure("JSON patch operation is missing \"op\" or \"path\": \(operation.jsonString)", malformed: true)
            }
            let pointer = try parse(path)
            switch op {
            case "add": document = try add(operation["value"] ?? .null, at: pointer, in: document)
            case "remove": document = try remove(at: pointer, in: document).document
            case "replace":
                document = try remove(at: pointer, in: document).document
                document = try add(operation["value"] ?? .null, at: pointer, in: document)
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else {
                    throw failure("JSON patch \(op) operation is missing \"from\"", malformed: true)
                }
                let source = try parse(from)
                var value = try get(at: source, in: document, path: from)
                if op == "move" { (document, value) = try remove(at: source, in: document) }
                document = try add(value, at: pointer, in: document)
            case "test":
                let actual = try? get(at: pointer, in: document, path: path)
                if actual != (operation["value"] ?? .null) {
                    throw failure("testing value \(path) failed: test failed", malformed: false)
                }
            default:
                throw failure("Unexpected kind: \(op)", malformed: true)
            }
        }
        return document
    }

    static func parse(_ path: String) throws -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw failure("invalid JSON pointer \"\(path)\"", malformed: true) }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func get(at pointer: [String], in document: FakeJSON, path: String) throws -> FakeJSON {
        var current = document
        for token in pointer {
            if let members = current.objectValue, let next = members[token] {
                current = next
            } else if let elements = current.arrayValue, let index = Int(token), elements.indices.contains(index) {
                current = elements[index]
            } else {
                throw failure("doc is missing path: \"\(path)\"", malformed: false)
            }
        }
        return current
    }

    static func add(_ value: FakeJSON, at pointer: [String], in document: FakeJSON) throws -> FakeJSON {
        guard let token = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        if var members = document.objectValue {
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else {
                    throw failure("doc is missing path: \"/\(pointer.joined(separator: "/"))\"", malformed: false)
                }
                members[token] = try add(value, at: rest, in: child)
            }
            return .object(members)
        }
        if var elements = document.arrayValue {
            if rest.isEmpty {
                if token == "-" {
                    elements.append(value)
                } else if let index = Int(token), index >= 0, index <= elements.count {
                    elements.insert(value, at: index)
                } else {
                    throw failure("add operation does not apply: index \(token) is out of bounds", malformed: false)
                }
            } else {
                guard let index = Int(token), elements.indices.contains(index) else {
                    throw failure("add operation does not apply: index \(token) is out of bounds", malformed: false)
                }
                elements[index] = try add(value, at: rest, in: elements[index])
            }
            return .array(elements)
        }
        throw failure("add operation does not apply: doc is missing path", malformed: false)
    }

    static func remove(at pointer: [String], in document: FakeJSON) throws -> (document: FakeJSON, removed: FakeJSON) {
        guard let token = pointer.first else {
            throw failure("remove operation does not apply: doc is missing path", malformed: false)
        }
        let rest = Array(pointer.dropFirst())
        let missing = failure(
            "remove operation does not apply: doc is missing path: \"/\(pointer.joined(separator: "/"))\"",
            malformed: false)
        if var members = document.objectValue {
            guard let child = members[token] else { throw missing }
            if rest.isEmpty {
                members[token] = nil
                return (.object(members), child)
            }
            let (updated, removed) = try remove(at: rest, in: child)
            members[token] = updated
            return (.object(members), removed)
        }
        if var elements = document.arrayValue, let index = Int(token), elements.indices.contains(index) {
            if rest.isEmpty {
                let removed = elements.remove(at: index)
                return (.array(elements), removed)
            }
            let (updated, removed) = try remove(at: rest, in: elements[index])
            elements[index] = updated
            return (.array(elements), removed)
        }
        throw missing
    }
}
