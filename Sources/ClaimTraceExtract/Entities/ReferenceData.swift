import ClaimTraceCore

/// An entity from the team's curated alias table: well-known bodies, outlets and states.
public struct CuratedEntity: Sendable, Hashable {
    public var type: EntityType
    public var name: String
    public var country: String?
    public var aliases: [String]
}

/// The gazetteer and the curated alias table, indexed by name keys.
///
/// The tables are built once and shared: extraction hands this value to every document's run and
/// finder, and as five separate collections each copy cost five reference-count updates.
public struct ReferenceData: Sendable {
    fileprivate final class Tables: Sendable {
        /// The places and their index by strict name key.
        let gazetteer: PlaceIndex
        let curated: [CuratedEntity]
        let curatedIndex: NameTable<String, Int>
        /// Acronyms are matched as written: "IS" is the Islamic State, "is" is a verb.
        let curatedAcronyms: AcronymTable

        init(_ builder: Builder) {
            gazetteer = PlaceIndex(places: builder.places, builder: builder.placeIndex)
            curated = builder.curated
            curatedIndex = builder.curatedIndex
            curatedAcronyms = builder.curatedAcronyms
        }
    }

    /// The tables while they are read from the files.
    fileprivate struct Builder {
        var places: [Place] = []
        /// Strict name key → indices into `places`, most populous first.
        var placeIndex = PlaceIndex.Builder()
        var curated: [CuratedEntity] = []
        var curatedIndex = NameTable<String, Int>()
        var curatedAcronyms = AcronymTable()
    }

    private let tables: Tables

    public init() { tables = Tables(Builder()) }

    /// Parses the gazetteer (tab-separated, see data/tools/build_gazetteer.py) and the alias table.
    public init(gazetteer: [UInt8], aliases: String) {
        var builder = Builder()
        builder.loadAliases(aliases)
        builder.loadGazetteer(gazetteer)
        tables = Tables(builder)
    }

    public var places: [Place] { tables.gazetteer.places }
    public var curated: [CuratedEntity] { tables.curated }

    public var isEmpty: Bool { tables.gazetteer.places.isEmpty && tables.curated.isEmpty }

    /// The places called `name` (any spelling GeoNames lists), most populous first.
    public func places(named name: String) -> PlaceMatches { places(key: NameKey.strict(name)) }

    /// Places by an already computed `NameKey.strict` key, most populous first.
    public func places(key: String) -> PlaceMatches { places(key: key, hash: NameHash.of(key)) }

    /// Places by a key whose `NameHash` the caller has worked out already.
    func places(key: String, hash: Int) -> PlaceMatches { tables.gazetteer.matches(key: key, hash: hash) }

    public func curatedEntity(named name: String) -> CuratedEntity? { curatedEntity(named: name, key: NameKey.strict(name)) }

    public func curatedEntity(named name: String, key: String) -> CuratedEntity? {
        curatedEntity(named: name, key: key, keyHash: key.isEmpty ? 0 : NameHash.of(key))
    }

    /// The curated entity by name and key, with the key's `NameHash` worked out by the caller.
    func curatedEntity(named name: String, key: String, keyHash: Int) -> CuratedEntity? {
        if let i = tables.curatedAcronyms.value(for: name) { return tables.curated[i] }
        guard !key.isEmpty else { return nil }
        return tables.curatedIndex.value(for: key, hash: keyHash).map { tables.curated[$0] }
    }
}

extension ReferenceData.Builder {
    mutating func loadAliases(_ text: String) {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, let type = EntityType(rawValue: fields[0]) else { continue }
            let aliases = fields.count > 3 ? fields[3].split(separator: "|").map(String.init) : []
            let entity = CuratedEntity(type: type, name: fields[1], country: fields[2].isEmpty ? nil : fields[2], aliases: aliases)
            let index = curated.count
            curated.append(entity)
            for name in [entity.name] + aliases {
                let letters = name.filter { $0.isLetter }
                if letters.count <= 5, letters.allSatisfy({ $0.isUppercase }) {
                    curatedAcronyms.set(index, for: name)
                    let undotted = name.filter { $0 != "." }
                    curatedAcronyms.set(index, for: undotted)
                } else {
                    let key = NameKey.strict(name)
                    curatedIndex.set(index, for: key)
                }
            }
        }
    }

    mutating func loadGazetteer(_ bytes: [UInt8]) {
        places.reserveCapacity(240_000)
        var lineStart = 0
        func field(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            let fields = line.split(separator: 9, maxSplits: 6, omittingEmptySubsequences: false)
            guard fields.count >= 6, let id = Int(field(fields[0])), let lat = Double(field(fields[2])),
                  let lon = Double(field(fields[3])) else { continue }
            let place = Place(geonameID: id, name: field(fields[1]), latitude: lat, longitude: lon,
                              country: field(fields[4]), population: Int(field(fields[5])) ?? 0)
            precondition(UInt32(places.count) <= PlaceIndex.placeBits, "gazetteer too large")
            let index = UInt32(places.count) | (place.population >= PlaceIndex.largePopulation ? PlaceIndex.largeBit : 0)
            places.append(place)
            let ownKey = NameKey.strict(place.name)
            var keys = [ownKey]
            if fields.count > 6 {
                for alternate in fields[6].split(separator: UInt8(ascii: "|")) { keys.append(NameKey.strict(field(alternate))) }
            }
            for key in Set(keys) where key.count >= 3 {
                placeIndex.add(key == ownKey ? index | PlaceIndex.ownNameBit : index, under: key)
            }
        }
    }
}

/// The curated acronyms, matched as written, with the ASCII bytes they are written with.
///
/// Every name typed is asked for first, and hashing it was most of the cost; the acronyms are
/// written with capitals and dots alone, so a name with any other ASCII byte (a lowercase letter,
/// a space: nearly every name) is turned away on reading its first bytes (curated look-ups a third
/// cheaper, some 0.5% of extraction). This holds under
/// Unicode equivalence too, as a string's ASCII scalars are kept by its canonical decomposition:
/// two equal strings hold the same ASCII bytes.
struct AcronymTable: Sendable {
    private var table = NameTable<String, Int>()
    /// The ASCII bytes of the acronyms, as a 128-bit set (bit b of word b / 64).
    private var bytes: (UInt64, UInt64) = (0, 0)
    /// Whether every acronym is ASCII; when one is not, every name is looked up.
    private var allASCII = true

    mutating func set(_ index: Int, for name: String) {
        table.set(index, for: name)
        for byte in name.utf8 {
            if byte >= 128 { allASCII = false } else if byte < 64 { bytes.0 |= 1 << byte } else { bytes.1 |= 1 << (byte - 64) }
        }
    }

    @inline(__always) func value(for name: String) -> Int? {
        if allASCII, hasByteOutside(name) { return nil }
        return table.value(for: name)
    }

    /// Whether `name` holds an ASCII byte that no acronym does.
    @inline(__always) private func hasByteOutside(_ name: String) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { name in
            for byte in name where byte < 128 {
                let known = byte < 64 ? bytes.0 >> byte & 1 : bytes.1 >> (byte - 64) & 1
                if known == 0 { return true }
            }
            return false
        } ?? false
    }
}
