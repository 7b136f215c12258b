import ClaimTraceCore

/// The names a document gives before any quotation is read: people, organisations, bodies named
/// by their kind, acronyms and stated aliases, and the people who open sentences as subjects.
extension DocumentRun {
    /// Capitalised runs that name an organisation ("Lower Danube Waterways Authority", "BBC").
    static func namedOrganizations(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph]) -> [NamedOrganization] {
        var out: [NamedOrganization] = []
        // One-word names with no organisation word in them ("WeWork"), where they stand, and the
        // ones the text shows to be companies ("WeWork CEO Adam Neumann", "WeWork's board").
        // (Kept as offsets and the token's lowercased word: a name's text is made only for the few
        // that turn out to be companies.)
        var singleNames: [(start: Int, end: Int, word: String)] = []
        var companies: Set<String> = []
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            var k = 0
            while k < tokens.count {
                guard tokens[k].kind == .word, tokens[k].capitalized || tokens[k].acronym else { k += 1; continue }
                var end = k
                while end + 1 < tokens.count, tokens[end + 1].kind == .word,
                      tokens[end + 1].capitalized || tokens[end + 1].acronym
                        || (tokens[end + 1].classes.contains(.nameConnectors) && !tokens[end + 1].classes.contains(.the)
                            && end + 2 < tokens.count && tokens[end + 2].capitalized) {
                    end += 1
                    // "Office for the Western District of New York", "Office of the Inspector General".
                    if tokens[end].classes.contains(.organizationWords), end + 3 < tokens.count, ["of", "for"].contains(tokens[end + 1].lower),
                       tokens[end + 2].classes.contains(.the), tokens[end + 3].capitalized {
                        end += 2
                    }
                }
                var start = k
                while start <= end, tokens[start].classes.contains(.capitalizedNonNames) || tokens[start].classes.contains(.personTitles)
                        || tokens[start].classes.contains(.the) || NameReader.isPlaceModifier(tokens[start]) { start += 1 }
                if start <= end {
                    let words = tokens[start...end]
                    let isOrganization = words.contains { $0.classes.contains(.organizationWords) }
                        || (words.count == 1 && words.first!.acronym && !words.first!.classes.contains(.commonAcronyms)
                            && !words.first!.lower.utf8.contains(where: { (48...57).contains($0) }))  // "RAV4", "A350": a model
                    // "TV", "Radio": a medium's word alone names no body.
                    if isOrganization, !(words.count == 1 && Self.mediumWords.contains(words.first!.lower)) {
                        out.append(NamedOrganization(name: String(scalars: s[tokens[start].start..<tokens[end].end]), at: tokens[start].start,
                                                     words: words.map(\.lower)))
                    } else if !isOrganization, start < end, tokens[start].capitalized, !tokens[start].acronym, !tokens[start].possessive,
                              isCompanyEvidence(tokens[start], followedBy: tokens[start + 1]) {
                        // "Volkswagen CEO Anna Berg": the officer's title runs on into the name.
                        singleNames.append((tokens[start].start, tokens[start].end, tokens[start].lower))
                        companies.insert(tokens[start].lower)
                    } else if !isOrganization, start == end, tokens[start].capitalized, !tokens[start].acronym {
                        let possessive = tokens[start].possessive
                        var word = tokens[start].lower
                        if possessive { word.removeLast(2) }
                        singleNames.append((tokens[start].start, tokens[start].end - (possessive ? 2 : 0), word))
                        if end + 1 < tokens.count, isCompanyEvidence(tokens[start], followedBy: tokens[end + 1]) { companies.insert(word) }
                    }
                }
                k = end + 1
            }
        }
        guard !companies.isEmpty else { return out }
        for single in singleNames where companies.contains(single.word) {
            out.append(NamedOrganization(name: String(scalars: s[single.start..<single.end]), at: single.start, words: [single.word]))
        }
        return out.sorted { $0.at < $1.at }
    }

    /// Whether a one-word name is shown to be a company by the word after it: its officers and
    /// its stock ("WeWork CEO", "WeWork executives", "Uber shares"), or, after a possessive, what
    /// only a company has ("WeWork's board"). A person has a spokesman and staff too, so those
    /// words count only without the possessive.
    static func isCompanyEvidence(_ name: Token, followedBy next: Token) -> Bool {
        // (Every one-word name asks this: the word-list bit rules out nearly all before hashing.)
        guard next.kind == .word, next.classes.contains(.companyWords) else { return false }
        let word = next.lower
        if name.possessive { return companyPossessions.contains(word) }
        return companyPossessions.contains(word) || companyPeople.contains(word)
    }

    static let companyPossessions: Set<String> = ["ceo", "board", "shares", "stock", "headquarters", "subsidiary", "cofounder",
                                                  "co-founder", "founder", "shareholders", "valuation", "ipo"]
    static let companyPeople: Set<String> = ["executives", "executive", "spokesperson", "spokesman", "spokeswoman", "employees",
                                             "engineers", "staffers", "chairman"]
    /// Words of a medium, not a body, when they stand alone.
    static let mediumWords: Set<String> = ["tv", "radio", "television", "news", "media", "press"]

    /// Names the text says are another's: "the LDWA, which people in Ruse simply call the Waterways
    /// Board", "the Syrian Democratic Forces, also known as the SDF". The alias maps to the name.
    static func statedAliases(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph]) -> [String: String] {
        var out: [String: String] = [:]
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            guard tokens.contains(where: { $0.classes.contains(.aliasCues) }) else { continue }
            let reader = NameReader(tokens: tokens, scalars: s)
            for k in tokens.indices where tokens[k].mark == "," {
                // The named thing before the comma.
                guard let named = reader.before(k, lowerBound: max(0, k - 8)), named.kind == .named else { continue }
                // ", also called / also known as / known as / dubbed" or ", which … call(s)".
                var j = k + 1
                var cueEnd: Int?
                while j < min(tokens.count, k + 10) {
                    let w = tokens[j].lower
                    if ["call", "calls", "called", "dubbed", "nicknamed"].contains(w) { cueEnd = j; break }
                    if w == "as", j > k + 1, tokens[j - 1].lower == "known" { cueEnd = j; break }
                    if tokens[j].kind == .punctuation { break }
                    if j == k + 1 && !["which", "also", "known", "called", "dubbed", "otherwise", "widely", "commonly"].contains(w) { break }
                    j += 1
                }
                guard let cue = cueEnd, let alias = reader.after(cue + 1, upperBound: min(tokens.count, cue + 8)), alias.kind == .named else { continue }
                var name = named.text
                if name.lowercased().hasPrefix("the ") { name = String(name.dropFirst(4)) }
                var aliasName = alias.text
                if aliasName.lowercased().hasPrefix("the ") { aliasName = String(aliasName.dropFirst(4)) }
                guard aliasName != name else { continue }
                out[aliasName] = name
            }
        }
        // An alias of an acronym is an alias of what the acronym stands for.
        return out
    }

    /// Runs of two to four capitalised words that read as a person's name: no organisation word,
    /// not after a preposition of place, not inside a quotation. Titles before them are dropped.
    static func namedPeople(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph]) -> [(name: String, at: Int)] {
        // (Built with the labels it is returned with: an unlabelled array was converted element by
        // element, with a dynamic cast each.)
        var out: [(name: String, at: Int)] = []
        var withArticle: Set<String> = []
        var afterPreposition: [(name: String, at: Int)] = []
        for paragraph in paragraphs {
            let quoted = paragraph.marks.map(\.inner)
            let tokens = paragraph.tokens
            var k = 0
            while k < tokens.count {
                guard tokens[k].kind == .word, tokens[k].capitalized, !quoted.contains(where: { $0.start <= tokens[k].start && tokens[k].start < $0.end }) else { k += 1; continue }
                var end = k
                while end + 1 < tokens.count, tokens[end + 1].kind == .word,
                      tokens[end + 1].capitalized || (tokens[end + 1].classes.contains(.nameParticles) && end + 2 < tokens.count && tokens[end + 2].capitalized) {
                    end += 1
                    if EntityFinder.isMiddleInitial(tokens, end) { end += 2 }
                }
                defer { k = end + 1 }
                var start = k
                while start <= end, tokens[start].classes.contains(.capitalizedNonNames) || tokens[start].classes.contains(.titleWords)
                        || NameReader.isPlaceModifier(tokens[start]) { start += 1 }
                // "Vietnam Wednesday": the day a caption gives is no part of the name.
                while end > start, Token.isTrailingDay(tokens[end]) { end -= 1 }
                // "Prince Andrew": a royal known by title and given name keeps the title.
                if start == end, start > k, tokens[start - 1].classes.contains(.royalTitles) { start -= 1 }
                // (A middle initial's stop is no word.)
                let words = start > end ? 0 : tokens[start...end].count { $0.kind == .word }
                // "Tommy — who only goes by his first name online — retired": a given name alone,
                // set off by an aside that says who, names a person too.
                // (The given-name table is asked last: nearly every one-word run fails the aside.)
                if words == 1, start == end, end + 2 < tokens.count, Token.isMark(tokens[end + 1].mark, in: "—–,"),
                   tokens[end + 2].lower == "who", NameGender.of(name: tokens[start].lower) != nil {
                    out.append((String(scalars: s[tokens[start].start..<tokens[end].end]), tokens[start].start))
                    continue
                }
                guard words >= 2, words <= 4 else { continue }
                let run = tokens[start...end]
                if run.contains(where: { $0.classes.contains(.organizationWords) || $0.acronym || $0.possessive }) { continue }
                // "the Fishing Clubs’ letter": a plural possessive names a group, not a person.
                if end + 1 < tokens.count, Token.isMark(tokens[end + 1].mark, in: "’'"), tokens[end + 1].start == tokens[end].end,
                   tokens[end].lower.hasSuffix("s") { continue }
                let name = String(scalars: s[tokens[start].start..<tokens[end].end])
                // "the Silver Heron": people's names do not take an article; a name that ever does is a thing's.
                if start == k, k > 0, tokens[k - 1].classes.contains(.the) { withArticle.insert(name); continue }
                if start == k, k > 0, tokens[k - 1].classes.contains(.prepositions) || tokens[k - 1].classes.contains(.to) {
                    afterPreposition.append((name, tokens[start].start))
                    continue
                }
                out.append((name, tokens[start].start))
            }
        }
        // "I immediately thought of Elise Matthesen": a name after a preposition is a person's
        // where the text names that person elsewhere too (a lone one may be a place: "in Marten").
        if !afterPreposition.isEmpty {
            let named = Set(out.map(\.name))
            out += afterPreposition.filter { named.contains($0.name) }
            out.sort { $0.at < $1.at }
        }
        return withArticle.isEmpty ? out : out.filter { !withArticle.contains($0.name) }
    }

    /// People named one after the other with only "and" and a title between them: "Senator
    /// Elizabeth Warren and congresswoman Alexandria Ocasio-Cortez". Each pair by its first name.
    static func coordinatedPeople(_ s: [Unicode.Scalar], _ people: [(name: String, at: Int)]) -> [(name: String, at: Int)] {
        var out: [(name: String, at: Int)] = []
        for (first, second) in zip(people, people.dropFirst()) {
            let end = first.at + first.name.unicodeScalars.count
            guard end < second.at, second.at - end <= 40 else { continue }
            // The words between must start with "and": anything else is turned away before the
            // text between is made into a string and lowercased.
            guard let opening = s[end..<second.at].first(where: { $0 != " " }), opening == "a" || opening == "A" else { continue }
            let between = String(scalars: s[end..<second.at]).lowercased().split(separator: " ")
            // Titles between may be any lower-case role words: "and councillor".
            guard between.first == "and", between.count <= 3,
                  between.dropFirst().allSatisfy({ Lexicon.titleWords.contains(String($0)) || $0.allSatisfy(\.isLetter) }) else { continue }
            out.append((first.name, first.at))
        }
        return out
    }

    /// A person's team, which a following "they" stands for and which the person speaks for:
    /// "Pluznick and her colleagues had continued …. They demonstrated", "the laboratory of Stephen
    /// Liggett, who was then at …, reported …. Moreover, they showed". Each by the person's fullest
    /// name, counted from the end of its sentence: the team opens the sentence and outranks a body
    /// the same sentence names after it.
    static func teams(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph], people: [(name: String, at: Int)],
                      isBodyOrPlace: (String) -> Bool) -> [(name: String, at: Int)] {
        var out: [(name: String, at: Int)] = []
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            let reader = NameReader(tokens: tokens, scalars: s)
            for sentence in paragraph.sentences {
                for k in sentence where tokens[k].classes.contains(.teamNouns) {
                    var name: NamePhrase?
                    // "the laboratory of Stephen Liggett"
                    if k + 2 < sentence.upperBound, tokens[k + 1].classes.contains(.of), k > sentence.lowerBound, tokens[k - 1].classes.contains(.the) {
                        name = reader.after(k + 2, upperBound: min(sentence.upperBound, k + 7))
                    }
                    // "Pluznick and her colleagues"
                    if k - 3 >= sentence.lowerBound, ["his", "her", "their"].contains(tokens[k - 1].lower), tokens[k - 2].classes.contains(.and) {
                        name = reader.before(k - 2, lowerBound: sentence.lowerBound)
                    }
                    // ("… in France and his colleagues": a place has no team.)
                    guard let name, name.kind == .named, !name.isOrganization, !isBodyOrPlace(name.text) else { continue }
                    let full = people.last(where: { $0.name.isFullName(of: name.text) })?.name ?? name.text
                    out.append((full, tokens[sentence.upperBound - 1].end))
                }
            }
        }
        return out
    }

    /// What a scientist's or a politician's people are called: "the laboratory of X" speaks for X.
    static let teamNouns: Set<String> = ["laboratory", "lab", "team", "group", "office", "campaign", "colleagues", "co-workers", "coworkers"]

    static let royalTitles: Set<String> = ["prince", "princess", "king", "queen", "duke", "duchess", "sheikh", "emir", "pope"]

    /// Lower-case particles inside a person's name: "Osama bin Laden", "Ursula von der Leyen".
    static let nameParticles: Set<String> = ["al", "bin", "de", "van", "von", "el", "ibn"]

    /// Sentences that open with a person the document names (in full or by surname), outside
    /// quotations: the people a following "he" or "she" most likely stands for.
    static func sentenceSubjects(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph], people: [(name: String, at: Int)]) -> [(name: String, at: Int)] {
        var fullNames: [String: String] = [:]
        for person in people {
            // A document names its people again and again: a name seen before adds nothing (its
            // surname is taken already).
            guard fullNames[person.name] == nil else { continue }
            fullNames[person.name] = person.name
            // The surname is the last word before a suffix: "Patrick Carlineo Jr." is "Carlineo".
            let words = person.name.split(separator: " ")
            let last = words.count > 2 && String.nameSuffixes.contains(words.last!.lowercased()) ? words.dropLast().last : words.last
            if let surname = last, fullNames[String(surname)] == nil { fullNames[String(surname)] = person.name }
        }
        guard !fullNames.isEmpty else { return [] }
        // The lowercased words of those names: sentences without one are skipped unread.
        // (A name table hashed by `NameHash`: every capitalised word near a sentence start is
        // asked about, and the general set's seeded hashing of each cost more than the asking.)
        var nameWords = NameTable<String, Bool>(minimumCapacity: fullNames.count * 2)
        for name in fullNames.keys {
            for word in name.lowercased().split(separator: " ") { nameWords.set(true, for: String(word)) }
        }
        var out: [(name: String, at: Int)] = []
        for paragraph in paragraphs {
            let reader = NameReader(tokens: paragraph.tokens, scalars: s)
            let tokens = paragraph.tokens
            // A subject opens the sentence (after an opening phrase) and an agent follows "by".
            for sentence in paragraph.sentences where tokens[sentence.lowerBound..<min(sentence.upperBound, sentence.lowerBound + 12)]
                .contains(where: { $0.capitalized && nameWords.value(for: $0.lower) != nil })
                || tokens[sentence].contains(where: { $0.classes.contains(.by) }) {
                var k = sentence.lowerBound
                while k < sentence.upperBound, tokens[k].kind == .punctuation { k += 1 }
                if k < sentence.upperBound, let phrase = reader.clauseSubject(startingAt: k, before: min(sentence.upperBound, k + 12)),
                   phrase.kind == .named, let full = fullNames[phrase.text] {
                    out.append((full, phrase.span.start))
                }
                // The agent of a passive is its subject in all but form: "first reported by Stoyan Marinov".
                for b in sentence where tokens[b].classes.contains(.by) && b + 1 < sentence.upperBound && tokens[b + 1].capitalized {
                    if let phrase = reader.after(b + 1, upperBound: min(sentence.upperBound, b + 6)), phrase.kind == .named,
                       let full = fullNames[phrase.text] {
                        out.append((full, phrase.span.start))
                    }
                }
            }
        }
        return out
    }

    /// First-person words a capital at a sentence start can make look like a name ("US" is a
    /// country, so the case must match).
    static let writerWords: Set<String> = ["I", "We", "My", "Our"]

    /// Words that name a kind of body, not a body: "the Board" stands for a board named before.
    static let genericBodies: Set<String> = ["board", "authority", "ministry", "army", "agency", "department", "government",
                                             "administration", "council", "committee", "commission", "office", "bureau",
                                             "company", "group", "coalition", "militia", "observatory", "court", "institute"]

    static let aliasCues: Set<String> = ["call", "calls", "called", "dubbed", "nicknamed", "known"]

    /// Follows aliases to the fullest name (a few hops at most, in case of a cycle):
    /// Waterways Board → LDWA → Lower Danube Waterways Authority.
    static func fullestName(_ name: String, in aliases: [String: String]) -> String {
        var name = name
        var hops = 0
        while let full = aliases[name], full != name, hops < 4 { name = full; hops += 1 }
        return name
    }

    /// "Full Name (ACRONYM)" pairs: the acronym's letters must start the name's capitalised words.
    static func definedAcronyms(_ s: [Unicode.Scalar], _ paragraphs: [Paragraph]) -> [String: String] {
        var out: [String: String] = [:]
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            for k in tokens.indices where tokens[k].mark == "(" && k + 2 < tokens.count && tokens[k + 2].mark == ")" && tokens[k + 1].acronym {
                let acronym = String(scalars: s[tokens[k + 1].start..<tokens[k + 1].end])
                let letters = Array(acronym.lowercased())
                // Walk back over capitalised words and connectors until the initials match.
                var j = k - 1
                var initials: [Character] = []
                var first = k
                while j >= 0, k - j <= 10, tokens[j].kind == .word {
                    if tokens[j].capitalized, let c = tokens[j].lower.first { initials.insert(c, at: 0); first = j }
                    else if !tokens[j].classes.contains(.nameConnectors) { break }
                    if initials == letters || (initials.count >= letters.count && Array(initials.suffix(letters.count)) == letters) { break }
                    j -= 1
                }
                guard initials.suffix(letters.count) == letters[...] || initials == letters, first < k else { continue }
                out[acronym] = String(scalars: s[tokens[first].start..<tokens[k - 1].end])
            }
        }
        return out
    }
}
