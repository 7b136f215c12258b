import ClaimTraceCore

/// Finds the names in a paragraph's tokens and types them: curated bodies and states first, then
/// names the document defines, organisations by their head words, places by the gazetteer, and
/// people by the shape of their names.
struct EntityFinder {
    let reference: ReferenceData
    let scalars: [Unicode.Scalar]
    /// Acronyms and stated aliases of this document: alias → fuller name.
    let aliases: [String: String]
    /// Outlet names the document's metadata gives (its own outlet, the one it republishes).
    let outlets: Set<String>
    /// Readings shared across documents, for names the document's aliases and outlets leave alone.
    var shared: ReadingCache? = nil

    /// A capitalised run of words that may name something.
    struct Candidate {
        var text: String
        var span: TextSpan
        var tokens: ArraySlice<Token>
        var single: Bool
        var sentenceInitial: Bool
        var afterPreposition: Bool
    }

    /// The names of a document: candidates are typed once; those whose reading as a small place
    /// depends on the document's countries are typed again once those countries are known.
    func mentions(in paragraphs: [Paragraph]) -> [EntityMention] {
        // (Gathered into one array as they are found: an array per paragraph, flattened, copied
        // every candidate's text and tokens once more.)
        let candidates: [Candidate] = {
            var all: [Candidate] = []
            for paragraph in paragraphs { self.candidates(in: paragraph, into: &all) }
            return all
        }()
        var sensitive: [Int] = []
        // A document repeats its names; one reading per spelling and position kind is enough.
        var readings: [ReadingKey: (EntityMention?, Bool)] = [:]
        readings.reserveCapacity(candidates.count)
        // The candidate is named by its index and read in place: most readings are found in a
        // table, and copying the candidate (its text and tokens) for each cost more than finding
        // them. It is copied only to be typed.
        func classifyOnce(_ n: Int, evidence: Set<String>?) -> (EntityMention?, Bool) {
            let zero = TextSpan(start: 0, end: 0)
            if evidence == nil, let shared, readsAlike(candidates[n].text) {
                let key = ReadingCache.Key(text: candidates[n].text, single: candidates[n].single,
                                           sentenceInitial: candidates[n].sentenceInitial, afterPreposition: candidates[n].afterPreposition)
                if let (known, depends) = shared.reading(key) {
                    return (known.map { $0.moved(from: zero, to: candidates[n].span) }, depends)
                }
                let (mention, depends) = classify(candidates[n], evidence: nil)
                shared.store((mention.map { $0.moved(from: candidates[n].span, to: zero) }, depends), for: key)
                return (mention, depends)
            }
            let key = ReadingKey(text: candidates[n].text, single: candidates[n].single, sentenceInitial: candidates[n].sentenceInitial,
                                 afterPreposition: candidates[n].afterPreposition, withEvidence: evidence != nil)
            if let (known, depends) = readings[key] {
                return (known.map { $0.moved(from: TextSpan(start: 0, end: 0), to: candidates[n].span) }, depends)
            }
            let (mention, depends) = classify(candidates[n], evidence: evidence)
            readings[key] = (mention.map { $0.moved(from: candidates[n].span, to: TextSpan(start: 0, end: 0)) }, depends)
            return (mention, depends)
        }
        var found: [EntityMention?] = candidates.indices.map { n in
            let (mention, dependsOnCountry) = classifyOnce(n, evidence: nil)
            if dependsOnCountry { sensitive.append(n) }
            return mention
        }
        if !sensitive.isEmpty {
            // Countries the document points to: those of named states and of unambiguous places.
            var countries = Set<String>()
            for mention in found.compactMap({ $0 }) where mention.type == .place {
                if let country = mention.country { countries.insert(country) }
            }
            for n in sensitive { found[n] = classifyOnce(n, evidence: countries).0 }
        }
        Self.joinShortForms(candidates, &found)
        return found.compactMap { $0 }
    }

    /// A body the document names in full is also meant by the last words of its name there:
    /// "the Ledger" after "Black Sea Ledger", "Waterways Authority" after "Lower Danube Waterways
    /// Authority", "the Board" after "Waterways Board". Only when one body fits: a short form two
    /// bodies share stays as it was. (A first word is not enough: "Harbour" in "Harbour officials"
    /// is not the Harbour Pilots Association, nor "Danube" the Danube Commission.)
    static func joinShortForms(_ candidates: [Candidate], _ found: inout [EntityMention?]) {
        /// A body's name as written, with what the comparisons below test first.
        struct Body {
            var text: String
            var type: EntityType
            var name: String
            var ascii: Bool
            var lastByte: UInt8?
        }
        var bodies: [Body] = []
        // (Mentions are read in place, through the buffer: reading a field of an array's optional
        // element copied the whole mention out, which cost more than the comparisons.)
        found.withUnsafeBufferPointer { found in
            for n in found.indices {
                guard let type = found[n]?.type, type == .organization || type == .outlet,
                      let text = found[n]?.text, text.utf8.contains(32), !bodies.contains(where: { $0.text == text }) else { continue }
                bodies.append(Body(text: text, type: type, name: found[n]!.name, ascii: text.utf8.allSatisfy { $0 < 128 },
                                   lastByte: text.utf8.last))
            }
        }
        guard !bodies.isEmpty else { return }
        // A document names few bodies: each candidate is compared with each by its ending, in one
        // pass that finds the first body it ends, whether a body of another name also ends with it,
        // and whether it is a body's whole name.
        nextCandidate: for n in found.indices {
            let text = candidates[n].text
            // A candidate's text is made from its span's scalars: as many bytes as scalars is ASCII.
            let ascii = text.utf8.count == candidates[n].span.end - candidates[n].span.start
            let lastByte = text.utf8.last
            var first: Int?
            var shared = false
            for b in bodies.indices {
                // ASCII texts that end in different bytes neither are nor end each other: most pairs
                // are told apart here, without comparing strings. (Other texts are compared in full:
                // Unicode equivalence can make different bytes equal.)
                if ascii, bodies[b].ascii, bodies[b].lastByte != lastByte { continue }
                if bodies[b].text == text { continue nextCandidate }
                guard endsWithWords(bodies[b].text, text) else { continue }
                if let first { shared = shared || bodies[b].name != bodies[first].name } else { first = b }
            }
            guard let first, !shared else { continue }
            // A place or a person named in full keeps its own reading.
            let keepsReading = found.withUnsafeBufferPointer { found in
                guard let type = found[n]?.type else { return false }
                return type == .place || (type == .person && found[n]!.text.utf8.contains(32))
            }
            if keepsReading { continue }
            found[n] = EntityMention(span: candidates[n].span, text: text, type: bodies[first].type, name: bodies[first].name)
        }
    }

    /// Whether a candidate reads the same in any document: none of this document's aliases or
    /// outlet names is the candidate or ends it (typing looks up the whole name, and the name
    /// without a sentence-initial first word).
    func readsAlike(_ text: String) -> Bool {
        !aliases.keys.contains { $0 == text || Self.endsWithWords(text, $0) }
            && !outlets.contains { $0 == text || Self.endsWithWords(text, $0) }
    }

    /// Whether `name` ends with the whole words `ending`: "Black Sea Ledger" ends with "Ledger",
    /// not with "edger". Compared in place, as every candidate is compared with every body.
    static func endsWithWords(_ name: String, _ ending: String) -> Bool {
        let n = name.utf8.count, e = ending.utf8.count
        guard n > e else { return false }
        return name.utf8.withContiguousStorageIfAvailable { whole in
            ending.utf8.withContiguousStorageIfAvailable { tail in
                whole[n - e - 1] == 32 && whole[(n - e)...].elementsEqual(tail)
            }
        }.flatMap { $0 } ?? name.hasSuffix(" " + ending)
    }

    /// What a candidate's reading depends on besides where it stands.
    private struct ReadingKey: Hashable {
        var text: String
        var single: Bool
        var sentenceInitial: Bool
        var afterPreposition: Bool
        var withEvidence: Bool
    }

    /// The word at `k` is one capital glued to a full stop, after a capitalised word and before
    /// one that can be part of a name: "Ivo M. Stanev", not "Plan B. The".
    static func isMiddleInitial(_ tokens: [Token], _ k: Int) -> Bool {
        guard k >= 1, k + 2 < tokens.count, tokens[k].kind == .word, tokens[k].capitalized, tokens[k].end - tokens[k].start == 1,
              tokens[k - 1].kind == .word, tokens[k - 1].capitalized, !tokens[k - 1].possessive,
              tokens[k + 1].kind == .punctuation, tokens[k + 1].mark == ".", tokens[k + 1].start == tokens[k].end else { return false }
        let after = tokens[k + 2]
        return after.kind == .word && after.capitalized && !after.classes.contains(.capitalizedNonNames) && !after.classes.contains(.the)
    }

    /// Adds the candidates of a paragraph to `out`.
    func candidates(in paragraph: Paragraph, into out: inout [Candidate]) {
        let tokens = paragraph.tokens
        // Which tokens open a sentence, by index.
        var opensSentence = [Bool](repeating: false, count: tokens.count + 1)
        opensSentence[0] = true
        for sentence in paragraph.sentences {
            opensSentence[sentence.lowerBound] = true
            // A quotation holds its own sentences inside the one that quotes it ("… claim bullying.
            // … You get what's coming"): a word after a stop that is no abbreviation's opens one
            // for its capital.
            for k in (sentence.lowerBound + 1)..<sentence.upperBound where tokens[k - 1].kind == .punctuation {
                let mark = tokens[k - 1].mark
                guard mark == "?" || mark == "!" || mark == "…" || mark == "." && k >= 2 && tokens[k - 2].kind != .punctuation
                        && !SentenceSplitter.isAbbreviation(tokens, k - 2, dotAt: tokens[k - 1].start) else { continue }
                opensSentence[k] = true
            }
        }
        var k = 0
        while k < tokens.count {
            guard tokens[k].kind == .word, tokens[k].capitalized || tokens[k].acronym else { k += 1; continue }
            var end = k
            while end + 1 < tokens.count, tokens[end + 1].kind == .word, !tokens[end].possessive {
                let next = tokens[end + 1]
                if next.capitalized || next.acronym || next.isArticleJoinedName {
                    end += 1
                    // "Ivo M. Stanev": a middle initial's stop stays inside the name.
                    if end > k, Self.isMiddleInitial(tokens, end) { end += 2 }
                    continue
                }
                if next.classes.contains(.nameConnectors), !next.classes.contains(.the), !next.classes.contains(.and), end + 2 < tokens.count,
                   tokens[end + 2].kind == .word, tokens[end + 2].capitalized { end += 1; continue }
                break
            }
            defer { k = end + 1 }
            var start = k
            // Sentence-initial words and titles are not part of the name.
            while start <= end, tokens[start].classes.contains(.capitalizedNonNames) || tokens[start].classes.contains(.the)
                    || (tokens[start].classes.contains(.titleWords) && !tokens[start].acronym && start < end)
                    || (start < end && NameReader.isPlaceModifier(tokens[start])) {
                start += 1
            }
            // "in Hanoi, Vietnam Wednesday": the day a caption gives is no part of the name.
            while end > start, Token.isTrailingDay(tokens[end]) { end -= 1 }
            guard start <= end else { continue }
            // "LDWA Deputy Director Milena Todorinova": a title inside the run ends a body's name and
            // starts a person's; the two are read apart.
            // (Slices are taken by half-open ranges: a closed range goes through the generic range
            // subscript, which looked up type metadata at run time for every run.)
            if let title = tokens[start..<(end + 1)].lastIndex(where: { $0.classes.contains(.personTitles) && !$0.acronym && $0.capitalized }),
               title > start, end - title >= 2, !tokens[(title + 1)..<(end + 1)].contains(where: { $0.classes.contains(.titleWords) || $0.acronym }) {
                var body = title
                while body > start, tokens[body - 1].classes.contains(.titleWords), !tokens[body - 1].acronym { body -= 1 }
                if body > start, let candidate = candidate(in: paragraph, run: start...(body - 1), opensSentence: opensSentence) {
                    out.append(candidate)
                }
                if let candidate = candidate(in: paragraph, run: (title + 1)...end, opensSentence: opensSentence) { out.append(candidate) }
                continue
            }
            if let candidate = candidate(in: paragraph, run: start...end, opensSentence: opensSentence) { out.append(candidate) }
        }
    }

    /// The candidate a run of capitalised tokens gives, past a sentence-initial verb or noun.
    private func candidate(in paragraph: Paragraph, run: ClosedRange<Int>, opensSentence: [Bool]) -> Candidate? {
        let tokens = paragraph.tokens
        var start = run.lowerBound
        let end = run.upperBound
        // A sentence-initial verb or noun before a name is not part of it: "Bombing Syria",
        // "Echoing Todorinova", "Map of Bulgaria".
        if start < end, opensSentence[start] {
            let first = tokens[start].lower
            // (The byte test rules most words out; the character test stands for words not in ASCII.)
            if (QuantityFinder.endsIn(first, "ing") && (first.utf8.allSatisfy { $0 < 128 } || first.hasSuffix("ing")))
                || tokens[start].classes.contains(.leadingNouns) {
                start += 1
                if start < end, tokens[start].classes.contains(.nameConnectors) { start += 1 }
            }
        }
        // A possessive ends the name: "Marinov's" is Marinov.
        let spanEnd = tokens[end].possessive ? tokens[end].end - 2 : tokens[end].end
        guard spanEnd > tokens[start].start else { return nil }
        let text = String(scalars: scalars[tokens[start].start..<spanEnd])
        // Marks are compared as scalars: comparing a curly mark's string goes through normalisation.
        let opener: Unicode.Scalar = start > 0 && tokens[start - 1].kind == .punctuation ? tokens[start - 1].mark : "\0"
        let sentenceInitial = opensSentence[start] || opener == "“" || opener == "\"" || opener == "("
        // "in Ruse", "near Marten": prepositions of place ("of" is too common to count).
        var before = start - 1
        if before >= 0, tokens[before].classes.contains(.the) { before -= 1 }
        let afterPreposition = before >= 0 && tokens[before].kind == .word && tokens[before].classes.contains(.placePrepositions)
        return Candidate(text: text, span: TextSpan(start: tokens[start].start, end: spanEnd), tokens: tokens[start..<(end + 1)],
                         single: start == end, sentenceInitial: sentenceInitial, afterPreposition: afterPreposition)
    }

    /// Types a candidate; the flag says whether the reading hangs on the document's countries.
    private func classify(_ c: Candidate, evidence: Set<String>?) -> (EntityMention?, Bool) {
        var dependsOnCountry = false
        // "Keeping Syria", "Ask Corvina": at a sentence start, a first word that is not part of a
        // known name is dropped when the rest is a known body or place.
        if c.sentenceInitial, !c.single, let firstWord = c.tokens.first(where: { $0.kind == .word }),
           reference.curatedEntity(named: c.text) == nil {
            let rest = c.tokens.dropFirst().drop { $0.kind != .word || $0.classes.contains(.nameConnectors) }
            if let restFirst = rest.first, let restLast = rest.last {
                let restText = String(scalars: scalars[restFirst.start..<restLast.end])
                var restCandidate = c
                restCandidate.text = restText
                restCandidate.span = TextSpan(start: restFirst.start, end: c.span.end)
                restCandidate.tokens = rest
                restCandidate.single = rest.filter { $0.kind == .word }.count == 1
                restCandidate.sentenceInitial = false
                var restDepends = false
                if let known = classify(restText, span: restCandidate.span, tokens: rest, single: restCandidate.single,
                                        sentenceInitial: false, afterPreposition: false, evidence: evidence, dependsOnCountry: &restDepends),
                   known.type == .place || known.type == .outlet
                    // A body typed only by the shape of its words ("Barge Lines" in "Corvina Barge Lines
                    // hired …") does not show the first word is extra; a known one does.
                    || (known.type == .organization && (restCandidate.single || known.name != restText
                        || reference.curatedEntity(named: restText) != nil || aliases[restText] != nil)),
                   reference.curatedEntity(named: firstWord.lower) == nil {
                    return (known, restDepends)
                }
            }
        }
        let mention = classify(c.text, span: c.span, tokens: c.tokens, single: c.single, sentenceInitial: c.sentenceInitial,
                               afterPreposition: c.afterPreposition, evidence: evidence, dependsOnCountry: &dependsOnCountry)
        return (mention, dependsOnCountry)
    }

    private func classify(_ text: String, span: TextSpan, tokens: ArraySlice<Token>, single: Bool,
                          sentenceInitial: Bool, afterPreposition: Bool, evidence: Set<String>?, dependsOnCountry: inout Bool) -> EntityMention? {
        var mention = EntityMention(span: span, text: text, type: .other, name: text)
        let name = DocumentRun.fullestName(text, in: aliases)
        mention.name = name
        let key = NameKey.strict(name)
        // The key is hashed once for the curated table and the gazetteer both.
        let keyHash = NameHash.of(key)
        if let curated = reference.curatedEntity(named: name, key: key, keyHash: keyHash)
            ?? (name == text ? nil : reference.curatedEntity(named: text)) {
            mention.type = curated.type
            mention.name = curated.name
            mention.country = curated.country
            return mention
        }
        // A candidate's tokens are all words: they are then read in place, not copied out with
        // their strings for every name typed.
        let words = tokens.allSatisfy { $0.kind == .word } ? tokens : ArraySlice(tokens.filter { $0.kind == .word })
        // "Northeast Syria", "Lower Danube": a region of a known place.
        if words.count >= 2, words[words.startIndex].classes.contains(.regionWords) {
            let restText = String(scalars: scalars[words[words.startIndex + 1].start..<tokens.last!.end])
            if let curated = reference.curatedEntity(named: restText), curated.type == .place {
                mention.type = .place
                mention.country = curated.country
                return mention
            }
            if let place = reference.places(named: restText).first, place.population >= 100_000 {
                mention.type = .place
                mention.country = place.country
                return mention
            }
        }
        // A document names one or two outlets of its own: compared in turn, not hashed.
        if outlets.contains(where: { $0 == name || $0 == text }) {
            mention.type = .outlet
            return mention
        }
        // The tokens already carry lowercased words; only an alias-expanded name is split again.
        let nameWords = name == text ? [] : name.split(separator: " ").map { $0.lowercased() }
        let nameWordCount = name == text ? words.count : nameWords.count
        // The last token's classes stand for the name's last word unless an alias changed the name.
        let lastClasses = name == text ? words.last?.classes ?? [] : nameWords.last.map { Lexicon.wordClasses[$0] } ?? []
        if lastClasses.contains(.outletHeads), nameWordCount >= 2 {
            mention.type = .outlet
            return mention
        }
        if lastClasses.contains(.placeHeads), nameWordCount >= 2 {
            mention.type = .place        // "Danube Bridge", "Al Tanf Base": a place the gazetteer does not list
            return mention
        }
        // (The tokens' word classes cover the name's words unless an alias changed the name.)
        if words.contains(where: { $0.classes.contains(.organizationWords) })
            || (name != text && nameWords.contains(where: { Lexicon.organizationWords.contains($0) }))
            || (single && words.first?.acronym == true) {
            // A lone generic word ("Board", "Army") or a common noun's acronym ("ID", "SUV") names
            // nothing by itself.
            if single && (words.first?.acronym != true || words.first?.classes.contains(.commonAcronyms) == true) { return nil }
            mention.type = .organization
            return mention
        }
        // Places: a gazetteer name. Large places stand on their own; smaller ones need the document
        // to point to their country, and a lone word also a preposition before it ("in Marten").
        let candidates = reference.places(key: key, hash: keyHash)
        if !candidates.isEmpty { dependsOnCountry = true }
        // (Without evidence there is nothing to look for: the places are not walked at all.)
        // (Places are chosen by their position among the matches, where the index marks whether
        // the key is the place's own name's.)
        let inEvidence = evidence.flatMap { countries in countries.isEmpty ? nil : candidates.firstIndex { countries.contains($0.country) } }
        let chosenAt: Int? = {
            guard !candidates.isEmpty else { return nil }
            // (A small top place is known from the index alone: the place is read only when it counts.)
            if candidates.isLarge(at: 0) && (inEvidence == nil || candidates[inEvidence!].population * 20 < candidates[0].population) {
                return 0
            }
            return inEvidence
        }()
        let chosen = chosenAt.map { candidates[$0] }
        // A lone word matching only an alternate name ("Ask", "Tank", "Western" are alternate names
        // of cities) needs more: a preposition before it or the place's country in the document.
        let primary = chosenAt.map { candidates.isOwnName(at: $0) } ?? false
        // Country evidence alone vouches for multi-word names; a lone word also needs a preposition
        // of place before it, or surnames like "Landis" become towns in Kansas.
        let inCountry = chosen.map { evidence?.contains($0.country) ?? false } ?? false
        let corroborated = single ? afterPreposition && (primary || inCountry) : (afterPreposition || inCountry)
        if let place = chosen, !single || (primary && place.population >= 100_000) || corroborated,
           !(single && sentenceInitial && !primary) {
            if !(single && sentenceInitial && place.population < 100_000 && !afterPreposition) {
                mention.type = .place
                mention.name = place.name
                mention.placeID = place.geonameID
                mention.latitude = place.latitude
                mention.longitude = place.longitude
                mention.country = place.country
                return mention
            }
        }
        if words.count >= 2 && words.count <= 4 && !words.contains(where: { $0.acronym }) {
            mention.type = .person
            return mention
        }
        // A lone capitalised word at the start of a sentence is kept only as a surname of someone the
        // document names in full (see `keepingSurnames`); elsewhere as an entity of unknown type.
        if single, (words.first?.lower.count ?? 0) > 2 {
            mention.type = .other
            if sentenceInitial { mention.name = Self.sentenceInitialMarker + mention.name }
            return mention
        }
        return nil
    }

    /// Marks a lone sentence-initial word until `keepingSurnames` decides about it.
    static let sentenceInitialMarker = "\u{1}"

    /// Drops lone sentence-initial words unless they are the surname of a person named in full.
    static func keepingSurnames(_ mentions: consuming [EntityMention]) -> [EntityMention] {
        // The mentions are changed in place: most are kept as they are, and copying each into a
        // new array cost more than deciding about it. (The array is taken over from the caller, so
        // changing it copies nothing.) They are read through the array's buffer, within its
        // bounds: reading a field of an array's element copied the whole mention out first.
        var out = consume mentions
        let kept = out.withUnsafeMutableBufferPointer { mentions -> Int in
            // The last word of each person's name, after a space or a hyphen ("al-Assad" gives
            // "Assad"), in a name table hashed by `NameHash`: the general set's seeded hashing of
            // every surname and every lone word asked about cost more than the rest of deciding.
            var surnames = NameTable<String, Bool>(minimumCapacity: 32)
            for n in mentions.indices where mentions[n].type == .person {
                let utf8 = mentions[n].name.utf8
                if let cut = utf8.lastIndex(where: { $0 == 32 || $0 == 45 }) {
                    surnames.set(true, for: String(mentions[n].name[utf8.index(after: cut)...]))
                }
            }
            func isSurname(_ word: String) -> Bool { surnames.count > 0 && surnames.value(for: word) != nil }
            // The mentions kept are moved down over the dropped ones, keeping their order. (Swapped
            // in the buffer, which moves them: swapping array elements copied each three times.)
            var kept = 0
            for n in mentions.indices {
                if mentions[n].name.utf8.first == 1 {
                    let name = String(mentions[n].name.dropFirst())
                    guard isSurname(name) else { continue }
                    mentions[n].name = name
                }
                // A lone word that is the surname of someone named in full is that person, not a town.
                if mentions[n].type == .other || (mentions[n].type == .place && mentions[n].placeID != nil),
                   !Self.hasSpace(mentions[n].name), isSurname(mentions[n].name) {
                    mentions[n] = EntityMention(span: mentions[n].span, text: mentions[n].text, type: .person, name: mentions[n].name)
                }
                mentions.swapAt(kept, n)
                kept += 1
            }
            return kept
        }
        out.removeLast(out.count - kept)
        return out
    }

    /// Whether a name has a space, its bytes read in place rather than through the generic
    /// sequence search, a call per byte.
    @inline(__always) static func hasSpace(_ name: String) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { $0.contains(32) } ?? name.utf8.contains(32)
    }

    static let regionWords: Set<String> = ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                                           "northern", "southern", "eastern", "western", "central", "upper", "lower", "greater"]

    static let placePrepositions: Set<String> = ["in", "at", "from", "near", "to", "toward", "towards", "into", "outside",
                                                 "inside", "across", "around", "along", "throughout", "within", "via", "between"]

    static let leadingNouns: Set<String> = ["map", "photo", "picture", "image", "video", "close-up", "graphic", "chart",
                                            "view", "aerial", "satellite", "file", "screenshot", "inside", "outside"]

    static let placeHeads: Set<String> = ["bridge", "river", "dam", "port", "square", "street", "airport", "base", "camp",
                                          "mountains", "mountain", "sea", "lake", "valley", "desert", "province", "governorate",
                                          "district", "county", "island", "islands", "canal", "gulf", "strait", "bay", "plain",
                                          "heights", "field", "fields", "crossing", "border", "harbour", "harbor"]

    static let outletHeads: Set<String> = ["news", "times", "post", "wire", "review", "herald", "tribune", "gazette", "observer",
                                           "ledger", "courier", "journal", "telegraph", "guardian", "chronicle", "notes", "desk",
                                           "lantern", "daily", "weekly", "magazine", "radio", "tv", "television", "network",
                                           "press", "insider", "today", "express", "mirror"]
}

private extension EntityMention {
    /// The same reading for the same words elsewhere: the span keeps its offsets from the
    /// candidate's start and end (a reading may drop a sentence-initial word).
    func moved(from old: TextSpan, to new: TextSpan) -> EntityMention {
        var copy = self
        copy.span = TextSpan(start: span.start - old.start + new.start, end: span.end - old.end + new.end)
        return copy
    }
}
