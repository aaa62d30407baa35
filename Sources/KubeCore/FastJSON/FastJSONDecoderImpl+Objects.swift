import Foundation

/// One member of an indexed object.
struct FastJSONKeyEntry {
    /// The offset of the key's first byte (after the quote).
    var keyStart: Int
    /// The key's length in bytes as written.
    var keyLength: Int
    /// The index of the decoded key in ``FastJSONDecoderImpl/escapedKeys`` when it had escapes, else `-1`.
    var escapedKey: Int
    /// The member's value.
    var value: JSONValueLocation
}

/// An indexed object: its members in ``FastJSONDecoderImpl/entries`` and a filter for quick misses.
struct FastJSONObjectIndex {
    /// The object itself.
    var location: JSONValueLocation
    /// The index of the first member in the entries.
    var firstEntry: Int
    /// How many members.
    var entryCount: Int
    /// Where the next lookup starts (members are usually asked for in the order they are written).
    var hint: Int
    /// One bit per (length, first byte, last byte) class of the keys present.
    var filter: UInt64
    /// Whether some key appears twice (then lookups scan from the start: the first occurrence wins, as in
    /// Foundation's `JSONDecoder`).
    var hasDuplicateKeys: Bool
}

extension FastJSONDecoderImpl {
    @inline(__always)
    static func filterBit(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let first = key.first, let last = key.last else { return 1 }
        return 1 &<< ((UInt64(key.count) &* 7 &+ UInt64(first) &+ UInt64(last) &* 3) & 63)
    }

    /// Indexes the members of the object at `location`.
    ///
    /// - Returns: the index in ``objects``.
    /// - Throws: `DecodingError` when the value is not an object.
    func indexObject(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws -> Int {
        switch reader.firstByte(of: location) {
        case ASCII.openBrace:
            break
        case ASCII.lowercaseN:
            throw DecodingError.valueNotFound(
                [String: Any].self,
                DecodingError.Context(codingPath: path(), debugDescription: "Cannot get keyed decoding container -- found null value instead"))
        default:
            throw typeMismatch([String: Any].self, at: location, path: path())
        }
        let firstEntry = entries.count
        var filter: UInt64 = 0
        var hasDuplicateKeys = false
        let bytes = reader.bytes
        try reader.forEachMember(of: location) { keyStart, keyEnd, keyHasEscapes, value in
            var escapedKey = -1
            let bit: UInt64
            if keyHasEscapes {
                let key: String
                do {
                    key = try JSONStrings.decode(in: bytes, location: JSONValueLocation(start: keyStart - 1, end: keyEnd + 1, span: -1))
                } catch {
                    throw corrupted("The given data was not valid JSON.", path: path(), underlying: error)
                }
                escapedKey = escapedKeys.count
                escapedKeys.append(key)
                var utf8 = key
                bit = utf8.withUTF8 { Self.filterBit($0) }
            } else {
                bit = Self.filterBit(UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]))
            }
            let entry = FastJSONKeyEntry(keyStart: keyStart, keyLength: keyEnd - keyStart, escapedKey: escapedKey, value: value)
            if filter & bit != 0, !hasDuplicateKeys {
                hasDuplicateKeys = entries[firstEntry...].contains { keysEqual($0, entry) }
            }
            filter |= bit
            entries.append(entry)
        }
        objects.append(
            FastJSONObjectIndex(
                location: location, firstEntry: firstEntry, entryCount: entries.count - firstEntry, hint: 0, filter: filter,
                hasDuplicateKeys: hasDuplicateKeys))
        return objects.count - 1
    }

    private func keysEqual(_ lhs: FastJSONKeyEntry, _ rhs: FastJSONKeyEntry) -> Bool {
        guard lhs.escapedKey < 0 else {
            var text = escapedKeys[lhs.escapedKey]
            return text.withUTF8 { matches(rhs, $0) }
        }
        return matches(rhs, UnsafeBufferPointer(rebasing: reader.bytes[lhs.keyStart..<lhs.keyStart + lhs.keyLength]))
    }

    /// The key of `entry` as text.
    func keyText(_ entry: FastJSONKeyEntry) -> String {
        if entry.escapedKey >= 0 {
            return escapedKeys[entry.escapedKey]
        }
        return String(
            decoding: UnsafeBufferPointer(rebasing: reader.bytes[entry.keyStart..<entry.keyStart + entry.keyLength]), as: UTF8.self)
    }

    @inline(__always)
    private func matches(_ entry: FastJSONKeyEntry, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        if entry.escapedKey >= 0 {
            var text = escapedKeys[entry.escapedKey]
            return text.withUTF8 { $0.elementsEqual(key) }
        }
        guard entry.keyLength == key.count else { return false }
        guard let keyBase = key.baseAddress, let inputBase = reader.bytes.baseAddress else { return true }
        return memcmp(inputBase + entry.keyStart, keyBase, key.count) == 0
    }

    /// The value of `key` in the indexed object `object`, or `nil`.
    func lookup(_ key: some CodingKey, in object: Int) -> JSONValueLocation? {
        var name = key.stringValue
        return name.withUTF8 { lookup(utf8: $0, in: object) }
    }

    private func lookup(utf8 key: UnsafeBufferPointer<UInt8>, in object: Int) -> JSONValueLocation? {
        let index = objects[object]
        guard index.filter & Self.filterBit(key) != 0 else { return nil }
        let count = index.entryCount
        if index.hasDuplicateKeys {
            for offset in 0..<count where matches(entries[index.firstEntry + offset], key) {
                return entries[index.firstEntry + offset].value
            }
            return nil
        }
        var offset = index.hint < count ? index.hint : 0
        for _ in 0..<count {
            let entry = entries[index.firstEntry + offset]
            if matches(entry, key) {
                objects[object].hint = offset + 1
                return entry.value
            }
            offset = offset + 1 == count ? 0 : offset + 1
        }
        return nil
    }

    /// Every distinct key of the indexed object `object`, in input order.
    func keys(of object: Int) -> [String] {
        let index = objects[object]
        var keys: [String] = []
        keys.reserveCapacity(index.entryCount)
        for offset in 0..<index.entryCount {
            keys.append(keyText(entries[index.firstEntry + offset]))
        }
        guard index.hasDuplicateKeys else { return keys }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}
