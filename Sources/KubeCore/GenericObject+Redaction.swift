/// Hiding Secret values before an object is shown to a person.
extension GenericObject {
    /// The placeholder that replaces a hidden value.
    public static let redactedValue = "<redacted>"

    /// Annotations that hold a copy of the object as written by a client, values included:
    /// `kubectl apply`'s last applied configuration.
    public static let copyingAnnotations: Set<String> = ["kubectl.kubernetes.io/last-applied-configuration"]

    /// This object with every Secret value replaced by ``redactedValue``: each value of `data` and `stringData`
    /// (the keys stay visible), and each annotation in ``copyingAnnotations`` (a copy of the whole Secret as
    /// applied, values included).
    public func redactingSecretValues() -> GenericObject {
        var copy = self
        for field in ["data", "stringData"] {
            if let values = copy.content[field]?.objectValue {
                copy.content[field] = .object(values.mapValues { _ in .string(Self.redactedValue) })
            }
        }
        if var annotations = copy.metadata.annotations {
            for key in annotations.keys where Self.copyingAnnotations.contains(key) {
                annotations[key] = Self.redactedValue
            }
            copy.metadata.annotations = annotations
        }
        return copy
    }
}
