/// RFC 3986 percent-encoding of URL path segments and query components.
package enum PercentEncoding {
    /// Bytes kept as-is in a path segment in addition to the unreserved set.
    package static let pathSegmentExtras: Set<UInt8> = [UInt8(ascii: ":"), UInt8(ascii: "@")]

    /// Percent-encodes every byte of the UTF-8 form of `text` outside the unreserved set
    /// (`A-Z a-z 0-9 - . _ ~`) and `extras`, with uppercase hex digits.
    package static func encode(_ text: String, keeping extras: Set<UInt8> = []) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy({ isUnreserved($0) || extras.contains($0) }) {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count * 3)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in utf8 {
            if isUnreserved(byte) || extras.contains(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
