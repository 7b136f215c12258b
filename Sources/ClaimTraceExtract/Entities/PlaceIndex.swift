import ClaimTraceCore

/// The gazetteer's places by strict name key, laid out so that a look-up reads few cache lines.
///
/// The index holds some 660,000 names, far more than the cache. Kept as a general `NameTable`
/// of strings to arrays, a name found in it cost about seven dependent reads from memory (filter,
/// tag byte, slot's entry, key string, value array, its buffer, the places), each a likely miss.
/// Here a slot holds its key's hash and where the key's record starts, and the record holds the
/// key's bytes followed by its places' indices, mostly in one cache line: a name found reads the
/// filter, one slot and one record before the places themselves, and a name that is no place
/// (most of them) mostly reads the filter alone. (Extraction 1.5–2% faster on the benchmark and
/// generated corpora.)
final class PlaceIndex: Sendable {
    let places: [Place]
    /// Per slot, 0 when empty; else the top bits of its key's `NameHash` (low bit set, so never
    /// 0) in the high half and the offset of the key's record in `records` in the low half.
    private let slots: [UInt64]
    /// Per key, one after another: its UTF-8 length in bytes, its number of places, its bytes
    /// packed four to a word, then its places (indices into `places`, with `ownNameBit` and
    /// `largeBit`).
    private let records: [UInt32]
    /// The keys' hashes, asked first: most names looked up are not places.
    private let filter: NameFilter

    /// Set in a place's index under a key when the key is that place's own name's key, not only
    /// an alternate name's.
    static let ownNameBit: UInt32 = 1 << 31
    /// Set in a place's index when the place has at least `largePopulation` people.
    static let largeBit: UInt32 = 1 << 30
    /// The bits of a place's index that say which place it is.
    static let placeBits: UInt32 = largeBit - 1
    /// The population from which a place's name stands on its own (see `EntityFinder`).
    static let largePopulation = 100_000

    init(places: [Place], builder: Builder) {
        self.places = places
        // Each key's record, in the order keys were first met; then its places in the order added.
        var records: [UInt32] = []
        var recordStart = [UInt32](repeating: 0, count: builder.keyCount)
        var next = [Int](repeating: 0, count: builder.keyCount)
        var placeCount = [UInt32](repeating: 0, count: builder.keyCount)
        for (key, _) in builder.pairs { placeCount[Int(key)] += 1 }
        builder.keyBytes.withUnsafeBufferPointer { keyBytes in
            for key in 0..<builder.keyCount {
                precondition(records.count < 1 << 32, "gazetteer index too large")
                recordStart[key] = UInt32(records.count)
                let bytes = keyBytes[Int(builder.keyStarts[key])..<Int(builder.keyStarts[key + 1])]
                records.append(UInt32(bytes.count))
                records.append(placeCount[key])
                var word: UInt32 = 0
                for (n, byte) in bytes.enumerated() {
                    word |= UInt32(byte) << (8 * (n % 4))
                    if n % 4 == 3 { records.append(word); word = 0 }
                }
                if bytes.count % 4 != 0 { records.append(word) }
                next[key] = records.count
                records.append(contentsOf: repeatElement(0, count: Int(placeCount[key])))
            }
        }
        for (key, place) in builder.pairs {
            records[next[Int(key)]] = place
            next[Int(key)] += 1
        }
        // The builder's slots already hold each key where a probe finds it: only what they point to
        // changes, from a key's number to its record.
        slots = builder.slots.map { $0 == 0 ? 0 : ($0 >> 32) << 32 | UInt64(recordStart[Int($0 & 0xffff_ffff) - 1]) }
        self.records = records
        var filter = NameFilter(count: builder.keyCount)
        for hash in builder.hashes { filter.insert(hash: hash) }
        self.filter = filter
    }

    @inline(__always) fileprivate static func tag(_ hash: Int) -> UInt64 { UInt64(UInt(bitPattern: hash) >> 32) | 1 }

    /// The places under `key`, whose `NameHash` is `hash`, most populous first.
    @inline(__always) func matches(key: String, hash: Int) -> PlaceMatches {
        guard filter.mayContain(hash: hash), let record = record(of: key, hash: hash) else {
            return PlaceMatches(index: self, start: 0, count: 0)
        }
        let words = (Int(records[record]) + 3) >> 2
        return PlaceMatches(index: self, start: record + 2 + words, count: Int(records[record + 1]))
    }

    /// The offset of `key`'s record, nil when the index has none.
    private func record(of key: String, hash: Int) -> Int? {
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var slot = hash & mask
        while true {
            let found = slots[slot]
            if found == 0 { return nil }
            if found >> 32 == tag {
                let record = Int(truncatingIfNeeded: found & 0xffff_ffff)
                let hasKey = records.withUnsafeBytes { records in
                    Self.isKey(key, UnsafeRawBufferPointer(rebasing: records[(record + 2) * 4 ..< (record + 2) * 4 + Int(self.records[record])]))
                }
                if hasKey { return record }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `bytes` are those of a string equal to `key` as Swift compares strings.
    fileprivate static func isKey(_ key: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        // Same bytes: same string. Otherwise the strings may still be canonically equivalent (only
        // when one is not ASCII) or their hashes' tags merely agree: both rare, so the stored key
        // is then decoded and compared as Swift compares strings.
        let sameBytes = key.utf8.withContiguousStorageIfAvailable { key in
            key.count == bytes.count && key.indices.allSatisfy { key[$0] == bytes[$0] }
        }
        return sameBytes == true || String(decoding: bytes, as: UTF8.self) == key
    }

    /// The place word at `offset` in `records`.
    @inline(__always) fileprivate func placeWord(_ offset: Int) -> UInt32 { records[offset] }

    /// The index while the gazetteer is read: keys are numbered as they are first met, and each
    /// place under a key is noted as a pair of numbers.
    ///
    /// (Built in a few large arrays rather than a table of strings to arrays: freeing hundreds of
    /// thousands of small strings and arrays once the index was laid out left the heap in pieces,
    /// and every later document's allocations, scattered among them, made all of extraction 3%
    /// slower.)
    struct Builder {
        /// Per slot, 0 when empty; else the key's hash tag (see `PlaceIndex.tag`) in the high half
        /// and its number plus one in the low half.
        fileprivate var slots = [UInt64](repeating: 0, count: 16)
        /// The keys' bytes, one after another; key n's are `keyStarts[n]..<keyStarts[n + 1]`.
        fileprivate var keyBytes: [UInt8] = []
        fileprivate var keyStarts: [UInt32] = [0]
        fileprivate var hashes: [Int] = []
        /// (key number, place word) in the order they were added.
        fileprivate var pairs: [(key: UInt32, place: UInt32)] = []

        var keyCount: Int { hashes.count }

        /// Notes place `place` (with `ownNameBit` and `largeBit` as they apply) under `key`.
        mutating func add(_ place: UInt32, under key: String) {
            let hash = NameHash.of(key)
            pairs.append((UInt32(number(of: key, hash: hash)), place))
        }

        /// The number of `key`, given one when it is new.
        private mutating func number(of key: String, hash: Int) -> Int {
            let mask = slots.count - 1
            let tag = PlaceIndex.tag(hash)
            var slot = hash & mask
            while slots[slot] != 0 {
                if slots[slot] >> 32 == tag {
                    let n = Int(slots[slot] & 0xffff_ffff) - 1
                    let isKey = keyBytes.withUnsafeBytes { bytes in
                        PlaceIndex.isKey(key, UnsafeRawBufferPointer(rebasing: bytes[Int(keyStarts[n])..<Int(keyStarts[n + 1])]))
                    }
                    if isKey { return n }
                }
                slot = (slot + 1) & mask
            }
            let n = hashes.count
            precondition(n < UInt32.max, "gazetteer index too large")
            keyBytes.append(contentsOf: key.utf8)
            keyStarts.append(UInt32(keyBytes.count))
            hashes.append(hash)
            slots[slot] = tag << 32 | UInt64(n + 1)
            // Kept at most three quarters full, as probes for absent names stop at an empty slot.
            if hashes.count * 4 > slots.count * 3 {
                slots = [UInt64](repeating: 0, count: slots.count * 2)
                for (n, hash) in hashes.enumerated() {
                    var slot = hash & (slots.count - 1)
                    while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
                    slots[slot] = PlaceIndex.tag(hash) << 32 | UInt64(n + 1)
                }
            }
            return n
        }
    }
}

/// The places one name key matches, most populous first: read in place from the index, as a
/// common name can match a hundred places and callers mostly look at the first few.
public struct PlaceMatches: RandomAccessCollection, Sendable {
    fileprivate let index: PlaceIndex
    fileprivate let start: Int
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Place {
        precondition(position >= 0 && position < count, "place index out of range")
        return index.places[Int(index.placeWord(start + position) & PlaceIndex.placeBits)]
    }

    /// Whether the place at `position` has at least `PlaceIndex.largePopulation` people. (Marked
    /// in the index: most names found are small places, passed over unless the document points to
    /// their country, and reading each place to learn so was one more miss in memory, some 0.5% of
    /// extraction.)
    func isLarge(at position: Int) -> Bool {
        precondition(position >= 0 && position < count, "place index out of range")
        return index.placeWord(start + position) & PlaceIndex.largeBit != 0
    }

    /// Whether the key looked up is the strict key of the own name of the place at `position`,
    /// not only of one of its alternate names. (Marked when the index is built: working out the
    /// key of the place's name for each name typed a place cost a new string every time.)
    func isOwnName(at position: Int) -> Bool {
        precondition(position >= 0 && position < count, "place index out of range")
        return index.placeWord(start + position) & PlaceIndex.ownNameBit != 0
    }
}
