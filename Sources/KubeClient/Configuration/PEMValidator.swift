import Foundation

/// Checks the shape of PEM data (`-----BEGIN X-----` blocks with a base64 body) without building TLS objects.
enum PEMValidator {
    /// What a PEM field must contain.
    enum Kind: Sendable {
        /// One or more `CERTIFICATE` blocks.
        case certificates
        /// One of `RSA PRIVATE KEY`, `PRIVATE KEY` or `EC PRIVATE KEY`.
        case privateKey

        var expectation: String {
            switch self {
            case .certificates: "a PEM \"CERTIFICATE\" block"
            case .privateKey: "a PEM \"RSA PRIVATE KEY\", \"PRIVATE KEY\" or \"EC PRIVATE KEY\" block"
            }
        }
    }

    static let privateKeyLabels: Set<String> = ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"]

    /// Returns nil when `bytes` is valid PEM of `kind`, else the reason it is not.
    static func problem(in bytes: [UInt8], expecting kind: Kind) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let blocks: [Block]
        do {
            blocks = try parse(text)
        } catch {
            return error.reason
        }
        guard !blocks.isEmpty else {
            return "no \"-----BEGIN\" block; expected \(kind.expectation)"
        }
        switch kind {
        case .certificates:
            if let other = blocks.first(where: { $0.label != "CERTIFICATE" }) {
                return "contains a \"\(other.label)\" block; expected only \"CERTIFICATE\" blocks"
            }
        case .privateKey:
            if blocks.contains(where: { $0.label == "ENCRYPTED PRIVATE KEY" }) {
                return "the private key is encrypted; decrypt it (openssl pkey) and use the unencrypted key"
            }
            if !blocks.contains(where: { privateKeyLabels.contains($0.label) }) {
                return "no private key block; expected \(kind.expectation)"
            }
        }
        return nil
    }

    struct Block {
        var label: String
    }

    struct ParseError: Error {
        var reason: String
    }

    /// Splits PEM text into blocks, checking that BEGIN/END labels match and that each body is base64.
    static func parse(_ text: String) throws(ParseError) -> [Block] {
        var blocks: [Block] = []
        var openLabel: String?
        var body = ""
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let label = Self.label(of: line, marker: "BEGIN") {
                if let openLabel {
                    throw ParseError(reason: "\"BEGIN \(label)\" inside an unterminated \"\(openLabel)\" block")
                }
                openLabel = label
                body = ""
            } else if let label = Self.label(of: line, marker: "END") {
                guard let current = openLabel, current == label else {
                    throw ParseError(reason: "\"END \(label)\" without a matching BEGIN line")
                }
                guard !body.isEmpty, Data(base64Encoded: body) != nil else {
                    throw ParseError(reason: "the body of the \"\(label)\" block is not valid base64")
                }
                blocks.append(Block(label: label))
                openLabel = nil
            } else if openLabel != nil, !line.contains(":") {
                // Lines with a colon are RFC 1421 headers (Proc-Type, DEK-Info); they are not part of the body.
                body += line
            }
        }
        if let openLabel {
            throw ParseError(reason: "the \"\(openLabel)\" block has no END line")
        }
        return blocks
    }

    private static func label(of line: String, marker: String) -> String? {
        let prefix = "-----\(marker) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count > prefix.count + 5 else {
            return nil
        }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }
}
