import Foundation

/// Reading of the small files a configuration refers to (certificates, keys, tokens), with errors naming them.
enum ConfigurationFiles {
    /// Reads a whole file.
    /// - Throws: `KubeConfigError` `.fileNotFound` or `.unreadable` naming `path` (described with `role`).
    static func read(_ path: String, role: String, field: String?) throws(KubeConfigError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw KubeConfigError(.fileNotFound, file: path, role: role, field: field, "file does not exist")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError(
                .unreadable, file: path, role: role, field: field,
                "cannot read the file; check its permissions"
            )
        }
        return [UInt8](data)
    }

    /// Reads a token file and trims surrounding whitespace.
    /// - Throws: `KubeConfigError` `.fileNotFound` or `.unreadable` (also when the file is empty).
    static func readToken(_ path: String) throws(KubeConfigError) -> String {
        let bytes = try read(path, role: "token file", field: nil)
        let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw KubeConfigError(.unreadable, file: path, role: "token file", "the token file is empty")
        }
        return token
    }

    /// Resolves `path` against `directory` unless it is absolute.
    static func resolve(_ path: String, relativeTo directory: String) -> String {
        if path.hasPrefix("/") {
            return path
        }
        return URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(path).standardizedFileURL.path
    }
}
