/// The text being rendered, bounded in UTF-8 bytes; past the bound it is cut on a character boundary and ends
/// with `…`.
struct TemplateOutput {
    private static let ellipsis = "…"

    private let maxBytes: Int
    private var text = ""
    private var byteCount = 0
    /// Whether something was dropped: rendering can stop, and the text will end with `…`.
    private(set) var isFull = false

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// Appends a piece, or the part of it that fits, whole characters only.
    mutating func append(_ piece: String) {
        guard !isFull else { return }
        let count = piece.utf8.count
        if byteCount + count <= maxBytes {
            text += piece
            byteCount += count
            return
        }
        for character in piece {
            let size = character.utf8.count
            guard byteCount + size <= maxBytes else { break }
            text.append(character)
            byteCount += size
        }
        isFull = true
    }

    /// The text: as appended, or, when something was dropped, cut to leave room for `…` and ended with it.
    func finished() -> String {
        guard isFull else { return text }
        var result = text
        while !result.isEmpty, result.utf8.count + Self.ellipsis.utf8.count > maxBytes {
            result.removeLast()
        }
        return result + Self.ellipsis
    }

    /// Cuts an intermediate text (a function's result) to `maxBytes` on a character boundary, so that chains such
    /// as `quote | quote | quote` cannot grow without bound.
    static func capped(_ text: String, maxBytes: Int) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var output = TemplateOutput(maxBytes: maxBytes)
        output.append(text)
        return output.finished()
    }
}
