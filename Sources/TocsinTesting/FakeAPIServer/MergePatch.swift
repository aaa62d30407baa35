/// RFC 7386 JSON merge patch.
enum MergePatch {
    /// Applies `patch` to `target`: objects merge recursively, `null` removes, anything else replaces.
    static func apply(_ patch: FakeJSON, to target: FakeJSON) -> FakeJSON {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value == .null {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}
