import ClaimTraceCore
import Foundation

/// Readings of candidate names that depend on nothing but their words and where they stand,
/// shared by every document one `Extractor` annotates.
///
/// A corpus names the same people, bodies and places in article after article; typing a name
/// (curated table, gazetteer, name shape) was a third of the entity work. A reading that any of
/// the document's own aliases or outlets could change is never stored here (see
/// `EntityFinder.readsAlike`), so a cached reading is exactly what typing the name again would
/// give, and output does not depend on the order documents arrive in.
final class ReadingCache: @unchecked Sendable {
    struct Key: Equatable {
        var text: String
        var single: Bool
        var sentenceInitial: Bool
        var afterPreposition: Bool
        /// Worked out once: a name missing from the table is looked up and then stored.
        let hash: Int

        init(text: String, single: Bool, sentenceInitial: Bool, afterPreposition: Bool) {
            self.text = text
            self.single = single
            self.sentenceInitial = sentenceInitial
            self.afterPreposition = afterPreposition
            let facts = (single ? 1 : 0) | (sentenceInitial ? 2 : 0) | (afterPreposition ? 4 : 0)
            hash = NameHash.of(text, facts: UInt8(facts))
        }

        static func == (a: Key, b: Key) -> Bool {
            a.single == b.single && a.sentenceInitial == b.sentenceInitial && a.afterPreposition == b.afterPreposition && a.text == b.text
        }
    }

    /// A reading with its span relative to the candidate's, and whether it hangs on the
    /// document's countries.
    typealias Reading = (mention: EntityMention?, dependsOnCountry: Bool)

    /// Beyond this many names the table starts over: memory stays bounded on any corpus.
    private let capacity: Int
    /// (Sized for the names of a few hundred articles: growing the table from a small start moved
    /// every reading, with its strings, several times over in a corpus's first documents.)
    private var readings = NameTable<Key, Reading>(minimumCapacity: 8192)
    // Extraction runs on every core; the table is read and filled under one lock.
    private let lock = NSLock()

    init(capacity: Int = 200_000) { self.capacity = capacity }

    func reading(_ key: Key) -> Reading? {
        lock.lock()
        defer { lock.unlock() }
        return readings.value(for: key, hash: key.hash)
    }

    func store(_ reading: Reading, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        if readings.count >= capacity { readings.removeAll() }
        readings.set(reading, for: key, hash: key.hash)
    }

    /// The curated entity a speaker's or source's name reads as (nil when none): a function of the
    /// name and the reference tables alone, so it is the same in every document.
    /// (A name table hashed by `NameHash`, the name hashed once before the lock is taken: every
    /// speaker and source resolved asks this, and the general dictionary's seeded hashing of each
    /// name cost more than the rest of the look-up.)
    private var curated = NameTable<String, CuratedEntity?>(minimumCapacity: 256)

    func curatedEntity(named name: String, in reference: ReferenceData) -> CuratedEntity? {
        let hash = NameHash.of(name)
        lock.lock()
        if let known = curated.value(for: name, hash: hash) { lock.unlock(); return known }
        lock.unlock()
        let found = reference.curatedEntity(named: name)
        lock.lock()
        defer { lock.unlock() }
        if curated.count >= capacity { curated.removeAll() }
        curated.set(found, for: name, hash: hash)
        return found
    }
}
