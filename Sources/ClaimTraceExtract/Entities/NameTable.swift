/// An open-addressing hash table for names, hashed by `NameHash` instead of the general
/// dictionary's seeded SipHash.
///
/// Every candidate name is looked up in the shared readings, the curated table and the gazetteer;
/// hashing each key with SipHash, and rehashing every key each time the readings grew, was most of
/// the cost of those look-ups. Callers hash a key once and pass the hash to each look-up, and the
/// table keeps the hashes so growing it hashes nothing again.
struct NameTable<Key: Equatable, Value> {
    /// Per slot, one byte: 0 for an empty slot, else the top bits of its key's hash with the high
    /// bit set. A probe reads these bytes and looks at an entry only when they agree: the
    /// gazetteer's index has hundreds of thousands of names, and most names looked up are not in
    /// it, so most look-ups touch this array alone, which is small enough to stay in the cache.
    private var tags: [UInt8]
    /// Per slot, the index of its entry in `keys` and `values`.
    private var slotEntries: [Int32]
    private(set) var keys: [Key] = []
    /// Changed in place by entry index (see `entry(of:hash:orAdding:)`).
    var values: [Value] = []
    private var hashes: [Int] = []

    init(minimumCapacity: Int = 8) {
        var size = 16
        while size * 3 < minimumCapacity * 4 { size <<= 1 }
        tags = [UInt8](repeating: 0, count: size)
        slotEntries = [Int32](repeating: 0, count: size)
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
        hashes.reserveCapacity(minimumCapacity)
    }

    var count: Int { keys.count }

    @inline(__always) private static func tag(_ hash: Int) -> UInt8 { UInt8(truncatingIfNeeded: UInt(bitPattern: hash) >> 57) | 0x80 }

    /// The entry of `key`, whose `NameHash` is `hash`; nil when the table has none.
    @inline(__always) func entry(of key: Key, hash: Int) -> Int? {
        let mask = tags.count - 1
        let tag = Self.tag(hash)
        var slot = hash & mask
        while true {
            let found = tags[slot]
            if found == 0 { return nil }
            if found == tag {
                let entry = Int(slotEntries[slot])
                if keys[entry] == key { return entry }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The value stored for `key`, nil when there is none.
    @inline(__always) func value(for key: Key, hash: Int) -> Value? {
        entry(of: key, hash: hash).map { values[$0] }
    }

    /// The entry of `key`, added with `value` when the table has none.
    mutating func entry(of key: Key, hash: Int, orAdding value: @autoclosure () -> Value) -> Int {
        if let entry = entry(of: key, hash: hash) { return entry }
        return add(key, value(), hash: hash)
    }

    /// Stores `value` for `key`, replacing any value it had.
    mutating func set(_ value: Value, for key: Key, hash: Int) {
        if let entry = entry(of: key, hash: hash) { values[entry] = value } else { add(key, value, hash: hash) }
    }

    mutating func removeAll() {
        for slot in tags.indices { tags[slot] = 0 }
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
    }

    @discardableResult private mutating func add(_ key: Key, _ value: Value, hash: Int) -> Int {
        keys.append(key)
        values.append(value)
        hashes.append(hash)
        // Kept at most three quarters full; a probe past a slot of another name reads one more byte.
        if keys.count * 4 > tags.count * 3 {
            tags = [UInt8](repeating: 0, count: tags.count * 2)
            slotEntries = [Int32](repeating: 0, count: tags.count)
            for entry in hashes.indices { place(entry) }
        } else {
            place(keys.count - 1)
        }
        return keys.count - 1
    }

    private mutating func place(_ entry: Int) {
        let hash = hashes[entry]
        let mask = tags.count - 1
        var slot = hash & mask
        while tags[slot] != 0 { slot = (slot + 1) & mask }
        tags[slot] = Self.tag(hash)
        slotEntries[slot] = Int32(truncatingIfNeeded: entry)
    }
}

extension NameTable: Sendable where Key: Sendable, Value: Sendable {}

extension NameTable where Key == String {
    /// The value stored for a name, hashing it here (for callers that look a name up once).
    @inline(__always) func value(for name: String) -> Value? { value(for: name, hash: NameHash.of(name)) }

    /// Stores `value` for a name, hashing it here.
    mutating func set(_ value: Value, for name: String) { set(value, for: name, hash: NameHash.of(name)) }
}

/// FNV-1a over a name's bytes, finished so that its low bits (the slot) and high bits (the tag
/// a probe compares) both depend on every byte.
///
/// Keys are compared as Swift compares strings, by canonical equivalence, so equal strings must
/// hash alike even when their bytes differ. ASCII names (nearly all) are hashed from their bytes.
/// A name with other scalars is equal to an ASCII one only when those scalars are the three that
/// decompose to ASCII (the Kelvin sign, the Greek question mark and the Greek varia): such a name
/// is hashed as its ASCII equal; any other is hashed by the standard library, which hashes
/// equivalent strings alike.
struct NameHash {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) mutating func add(_ byte: UInt8) { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }

    var value: Int {
        var h = state
        h ^= h >> 32
        h = h &* 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    static func of(_ name: String) -> Int {
        // The bytes are read in place: iterating a string's UTF-8 view byte by byte cost hundreds
        // of instructions a name.
        let ascii = name.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var hash = NameHash()
            for byte in bytes {
                guard byte < 128 else { return nil }
                hash.add(byte)
            }
            return hash.value
        }
        if let ascii, let hash = ascii { return hash }
        if ascii == nil {
            // Not stored as contiguous UTF-8 (bridged text): read through the view.
            var hash = NameHash()
            for byte in name.utf8 {
                guard byte < 128 else { return ofUnicode(name) }
                hash.add(byte)
            }
            return hash.value
        }
        return ofUnicode(name)
    }

    /// The hash of a name with facts that are part of its key (see `ReadingCache.Key`).
    static func of(_ name: String, facts: UInt8) -> Int {
        var hash = NameHash()
        hash.state = UInt64(truncatingIfNeeded: of(name))
        hash.add(facts)
        return hash.value
    }

    private static func ofUnicode(_ name: String) -> Int {
        var hash = NameHash()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\u{212A}": hash.add(UInt8(ascii: "K"))
            case "\u{037E}": hash.add(UInt8(ascii: ";"))
            case "\u{1FEF}": hash.add(UInt8(ascii: "`"))
            default:
                guard scalar.isASCII else { return name.hashValue }
                hash.add(UInt8(truncatingIfNeeded: scalar.value))
            }
        }
        return hash.value
    }
}

/// A Bloom filter over names' hashes, two bits per name in one 64-bit word: a name it says is
/// absent is absent.
///
/// Most names looked up in the gazetteer (people, bodies) are not in it. Its index is too large
/// to stay in the cache, and reading it for each such name was a memory stall every time; this
/// filter, at about six bits a name, mostly stays in the cache and turns away nine absent names
/// in ten from one word.
struct NameFilter: Sendable {
    private var words: [UInt64]

    /// A filter for about `count` names.
    init(count: Int) {
        var size = 64
        while size < count / 16 { size <<= 1 }
        words = [UInt64](repeating: 0, count: size)
    }

    @inline(__always) private func position(_ hash: Int) -> (word: Int, bits: UInt64) {
        let h = UInt(bitPattern: hash)
        return (Int(truncatingIfNeeded: h >> 12) & (words.count - 1), 1 << (h & 63) | 1 << ((h >> 6) & 63))
    }

    mutating func insert(hash: Int) {
        let (word, bits) = position(hash)
        words[word] |= bits
    }

    @inline(__always) func mayContain(hash: Int) -> Bool {
        let (word, bits) = position(hash)
        return words[word] & bits == bits
    }
}
