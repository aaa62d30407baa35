extension ValidationError {
    /// The error for a structural decoding failure, with the field path of the failure.
    ///
    /// `spec.severity: is required`, `spec.for: invalid duration "5 minutes": …`,
    /// `spec.routes: must be a list`.
    public init(decoding error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: Self.path(context.codingPath + [key]), code: .required, message: "is required")
        case .valueNotFound(_, let context):
            self.init(field: Self.path(context.codingPath), code: .required, message: "must not be null")
        case .typeMismatch(let type, let context):
            self.init(field: Self.path(context.codingPath), code: .typeMismatch, message: "must be \(Self.typeName(type))")
        case .dataCorrupted(let context):
            let code: Code = context.debugDescription.hasPrefix("unsupported value") ? .unsupported : .invalid
            self.init(field: Self.path(context.codingPath), code: code, message: context.debugDescription)
        @unknown default:
            self.init(field: "", code: .invalid, message: "\(error)")
        }
    }

    /// Renders a coding path as `spec.rotations[1].shiftLength`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var path = FieldPath("")
        for key in codingPath {
            if let index = key.intValue, key.stringValue == "\(index)" || key.stringValue.hasPrefix("Index ") {
                path = path.index(index)
            } else if key.stringValue == "super" {
                continue
            } else {
                path = path.child(key.stringValue)
            }
        }
        return path.description
    }

    private static func typeName(_ type: Any.Type) -> String {
        if type is String.Type { return "a string" }
        if type is Bool.Type { return "a boolean" }
        if type is Int.Type || type is Int64.Type || type is Int32.Type { return "an integer" }
        if type is Double.Type { return "a number" }
        let name = String(describing: type)
        if name == "Sequence" { return "a list" }
        if name == "Mapping" { return "a map" }
        if name == "Scalar" { return "a single value" }
        if name.hasPrefix("Array") || (name.hasPrefix("[") && !name.contains(":")) { return "a list" }
        if name.hasPrefix("Dictionary") || name.contains(":") || name.contains("KeyedDecodingContainer") { return "a map" }
        return "of type \(name)"
    }
}
