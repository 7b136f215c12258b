import ClaimTraceCore

/// Finds hedges and epistemic markers in a sentence: hearsay ("reportedly", "is said to"),
/// uncertainty ("apparently", "appears to", "could"), and unnamed sources ("an anonymous source").
enum HedgeFinder {
    struct Found {
        var span: TextSpan
        var kind: HedgeKind
    }

    /// Phrases as lowercase word sequences, longest first so "appears to" wins over shorter ones.
    private static let phrases: [([String], HedgeKind)] = {
        let hearsay = ["reportedly", "allegedly", "purportedly", "supposedly", "ostensibly", "rumoured", "rumored",
                       "is said to", "are said to", "was said to", "were said to", "is believed to", "are believed to",
                       "was believed to", "it is claimed", "it is alleged", "it was claimed", "it was alleged",
                       "it is reported", "it was reported", "claimed to be", "alleged", "it has been claimed",
                       "it has also been claimed", "it has been alleged", "it has been reported", "it had been claimed"]
        let uncertainty = ["apparently", "appears to", "appear to", "appeared to", "seems to", "seem to", "seemed to",
                           "likely", "unlikely", "could", "may", "might", "possibly", "perhaps", "probably", "suspected",
                           "presumably", "it appears", "it seems", "believed to", "seemingly"]
        let anonymous = ["an anonymous source", "anonymous sources", "a source familiar with", "sources familiar with",
                         "people familiar with", "a person familiar with", "persons familiar with", "unnamed sources",
                         "an unnamed source", "an unnamed official", "unnamed officials", "sources said", "sources say",
                         "a source close to", "sources close to", "speaking on condition of anonymity",
                         "on condition of anonymity", "who asked not to be named", "who declined to be named"]
        var all = hearsay.map { ($0.split(separator: " ").map(String.init), HedgeKind.hearsay) }
            + uncertainty.map { ($0.split(separator: " ").map(String.init), HedgeKind.uncertainty) }
            + anonymous.map { ($0.split(separator: " ").map(String.init), HedgeKind.anonymousSource) }
        all.sort { $0.0.count > $1.0.count }
        return all
    }()

    static let firstWords: Set<String> = Set(phrases.map { $0.0[0] })

    /// Every word of the phrases: each has a slot in the word-class table.
    static let phraseWords: Set<String> = Set(phrases.flatMap { $0.0 })

    /// A phrase as the slots of its words in `Lexicon.wordClasses`.
    private struct Phrase {
        var slots: [Int32]
        var kind: HedgeKind
    }

    /// The phrases by the slot of their first word, longest first: the first word's slot picks
    /// them without hashing the word, and the words after it are compared by slot.
    private static let byFirstSlot: [[Phrase]] = {
        let table = Lexicon.wordClasses
        var out = [[Phrase]](repeating: [], count: table.slotCount)
        for (words, kind) in phrases {
            let slots = words.map { table.slot(of: $0) }
            precondition(!slots.contains(-1), "every phrase word is in the word-class table")
            out[Int(slots[0])].append(Phrase(slots: slots, kind: kind))
        }
        return out
    }()

    /// The slots of "source" and "sources": an unnamed source is a hedge on its own when a word
    /// before it says whose or what kind it is ("an anonymous government source", "SOHR's sources",
    /// "a local police source") or when "Sources" opens the sentence.
    private static let sourceSlots: (Int32, Int32) = (Lexicon.wordClasses.slot(of: "source"), Lexicon.wordClasses.slot(of: "sources"))
    static let sourceQualifiers: Set<String> = ["anonymous", "unnamed", "government", "police", "security", "military", "insurgent",
                                                "diplomatic", "intelligence", "local", "senior", "informed", "industry", "western",
                                                "knowledgeable", "independent", "his", "her", "their", "its", "our", "other", "several"]

    static func find(_ tokens: [Token], in sentence: Range<Int>) -> [Found] {
        var out: [Found] = []
        // The static tables are read into locals once: a static is reached through its lazy
        // initializer's check, a call, and asking it for every word of every sentence cost about
        // as much as the rest of finding hedges.
        let sourceSlots = Self.sourceSlots, byFirstSlot = Self.byFirstSlot
        var k = sentence.lowerBound
        while k < sentence.upperBound {
            if tokens[k].kind == .word, tokens[k].slot >= 0, tokens[k].slot == sourceSlots.0 || tokens[k].slot == sourceSlots.1,
               k == sentence.lowerBound ? tokens[k].slot == sourceSlots.1 && !(k + 1 < sentence.upperBound && ["said", "say"].contains(tokens[k + 1].lower))
                : tokens[k - 1].kind == .word && (tokens[k - 1].possessive || sourceQualifiers.contains(tokens[k - 1].lower)) {
                out.append(Found(span: TextSpan(start: tokens[k].start, end: tokens[k].end), kind: .anonymousSource))
                k += 1
                continue
            }
            // Most words start no hedge: they are passed over on their fields, without a copy.
            guard tokens[k].kind == .word, tokens[k].classes.contains(.hedgeStarts),
                  !(tokens[k].capitalized && tokens[k].lower == "may") else { k += 1; continue }   // "May" is usually the month
            var matched = false
            // (A word has the slot of a phrase word only when it is that word; numbers and marks have none.)
            for phrase in byFirstSlot[Int(tokens[k].slot)] where k + phrase.slots.count <= sentence.upperBound {
                var ok = true
                for offset in 1..<phrase.slots.count where tokens[k + offset].slot != phrase.slots[offset] { ok = false; break }
                guard ok else { continue }
                out.append(Found(span: TextSpan(start: tokens[k].start, end: tokens[k + phrase.slots.count - 1].end), kind: phrase.kind))
                k += phrase.slots.count
                matched = true
                break
            }
            if !matched { k += 1 }
        }
        return out
    }
}
