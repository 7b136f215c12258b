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
                       "it is reported", "it was reported", "claimed to be", "alleged"]
        let uncertainty = ["apparently", "appears to", "appear to", "appeared to", "seems to", "seem to", "seemed to",
                           "likely", "unlikely", "could", "may", "might", "possibly", "perhaps", "probably", "suspected",
                           "presumably", "it appears", "it seems", "believed to"]
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

    /// The phrases by their first word, longest first.
    private static let byFirstWord: [String: [([String], HedgeKind)]] = Dictionary(grouping: phrases) { $0.0[0] }

    static func find(_ tokens: [Token], in sentence: Range<Int>) -> [Found] {
        var out: [Found] = []
        var k = sentence.lowerBound
        while k < sentence.upperBound {
            // Most words start no hedge: they are passed over on their fields, without a copy.
            guard tokens[k].kind == .word, tokens[k].classes.contains(.hedgeStarts),
                  !(tokens[k].capitalized && tokens[k].lower == "may") else { k += 1; continue }   // "May" is usually the month
            let t = tokens[k]
            var matched = false
            for (words, kind) in byFirstWord[t.lower] ?? [] where k + words.count <= sentence.upperBound {
                var ok = true
                for (offset, word) in words.enumerated().dropFirst() where tokens[k + offset].lower != word { ok = false; break }
                guard ok else { continue }
                out.append(Found(span: TextSpan(start: t.start, end: tokens[k + words.count - 1].end), kind: kind))
                k += words.count
                matched = true
                break
            }
            if !matched { k += 1 }
        }
        return out
    }
}
