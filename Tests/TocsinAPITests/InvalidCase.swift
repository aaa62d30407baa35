import Testing

/// One row of an invalid-spec table: a change that breaks a valid object, and the exact errors expected.
struct InvalidCase<Object: Sendable>: Sendable, CustomTestStringConvertible {
    let name: String
    let change: @Sendable (inout Object) -> Void
    let expected: [String]

    init(_ name: String, _ expected: [String], _ change: @escaping @Sendable (inout Object) -> Void) {
        self.name = name
        self.expected = expected
        self.change = change
    }

    var testDescription: String { name }

    func apply(to object: Object) -> Object {
        var copy = object
        change(&copy)
        return copy
    }
}
