import ClaimTraceCore

/// Who a phrase next to a speech verb names: a person or body (with any title split off),
/// a description of an unnamed source, or a pronoun to resolve.
struct NamePhrase {
    enum Kind { case named, description, pronoun }
    var kind: Kind
    /// The name without its title ("Jim Mattis"), the description ("a lorry driver"), or the pronoun.
    var text: String
    /// The title or role before the name ("Defense Secretary"), if any.
    var role: String?
    var isOrganization: Bool
    var span: TextSpan
    /// The first of coordinated subjects ("he and his wife Kali", "Warren and Ocasio-Cortez"): a
    /// later "they" can stand for the pair.
    var coordinated = false
}

/// Reads name phrases out of tokens around a cue.
struct NameReader {
    let tokens: [Token]
    let scalars: [Unicode.Scalar]

    func text(_ from: Int, _ to: Int) -> String {
        String(scalars: scalars[tokens[from].start..<tokens[to].end])
    }

    private func isNameWord(_ t: Token) -> Bool {
        t.kind == .word && (t.capitalized || t.acronym || t.isArticleJoinedName) && !Self.isPlaceModifier(t)
    }

    /// "Sacramento-based", "Boston-born": a capitalised word that says where a name is from, not
    /// part of it. (Only hyphenated words are looked at further.)
    static func isPlaceModifier(_ t: Token) -> Bool {
        guard t.lower.utf8.count >= 6, t.lower.utf8.contains(UInt8(ascii: "-")) else { return false }
        return placeModifierSuffixes.contains { t.lower.hasSuffix($0) }
    }

    static let placeModifierSuffixes = ["-based", "-born", "-owned", "-backed", "-led", "-funded", "-headquartered"]

    private func isTitleWord(_ t: Token) -> Bool {
        t.kind == .word && t.classes.contains(.titleWords)
    }

    /// The same tests of the token at `k`, read in place: a token passed by value is copied out of
    /// the array, and these are asked of every word of a name.
    private func isNameWord(at k: Int) -> Bool {
        tokens[k].kind == .word && (tokens[k].capitalized || tokens[k].acronym || tokens[k].isArticleJoinedName) && !Self.isPlaceModifier(tokens[k])
    }

    private func isTitleWord(at k: Int) -> Bool {
        tokens[k].kind == .word && tokens[k].classes.contains(.titleWords)
    }

    /// The name phrase that ends just before token `index` (exclusive), e.g. before "said".
    func before(_ index: Int, lowerBound: Int, markingPlural: Bool = true) -> NamePhrase? {
        var i = index - 1
        guard i >= lowerBound else { return nil }
        // Skip adverbs and auxiliaries between the name and the verb: "Mattis also said", "Romania once again repeated".
        var skipped = 0
        // "Big Machine have denied": a name with a plural verb is a body or a group, not one person.
        var plural = markingPlural && index < tokens.count && ["are", "were"].contains(tokens[index].lower)
        // ("Gizmodo very recently explained": "very" before an adverb skipped.)
        while i >= lowerBound, skipped < 3, tokens[i].kind == .word, !tokens[i].capitalized,
              tokens[i].classes.contains(.verbModifiers) || Self.isMannerAdverb(tokens, i) || (skipped > 0 && tokens[i].lower == "very") {
            plural = plural || (markingPlural && tokens[i].lower == "have")
            i -= 1
            skipped += 1
        }
        // "Vietnam Wednesday accused": the day the text gives between a name and its verb.
        if i > lowerBound, Token.isTrailingDay(tokens[i]), isNameWord(at: i - 1) { i -= 1 }
        guard i >= lowerBound else { return nil }
        // "James Kennedy Jr. said": the dot of a name's suffix.
        if tokens[i].mark == ".", i - 1 >= lowerBound, ["jr", "sr"].contains(tokens[i - 1].lower) { i -= 1 }
        if plural, var phrase = before(i + 1, lowerBound: lowerBound, markingPlural: false), phrase.kind == .named {
            phrase.isOrganization = true
            return phrase
        }
        // A parenthesised acronym after the name: "the Lower Danube Waterways Authority (LDWA) said".
        if tokens[i].mark == ")", i - 2 >= lowerBound, tokens[i - 2].mark == "(" {
            return before(i - 2, lowerBound: lowerBound)
        }
        // An appositive between the name and the verb: "the mayor's spokeswoman, Desislava Neykova, said"
        // names the speaker inside it; "Stoyan Marinov, who has fished here for years, said" before it.
        if tokens[i].kind == .punctuation, tokens[i].mark == "," {
            // "Pavel Draganov, head of the operators' association, adds" / "Ana Petrova, director of
            // Delta Watch, a Tulcea group, said": a named subject opening the clause owns the appositives
            // after it. The clause starts after a quotation that opens the sentence: "“…,” Pavel Draganov, head of …, adds".
            var clauseStart = lowerBound
            if let mark = tokens[lowerBound..<i].lastIndex(where: { $0.kind == .punctuation && ($0.mark == "”" || $0.mark == "\"") }) {
                clauseStart = mark + 1
                while clauseStart < i, tokens[clauseStart].kind == .punctuation { clauseStart += 1 }
            }
            if clauseStart < i, let subject = subjectPhrase(startingAt: clauseStart, before: i), subject.kind == .named,
               let at = tokens.index(startingAt: subject.span.start), at <= clauseStart + 3 {
                return subject
            }
            var k = i - 1
            while k > lowerBound, i - k < 40, !(tokens[k].kind == .punctuation && tokens[k].mark == ",") { k -= 1 }
            guard k >= lowerBound, tokens[k].mark == "," else { return nil }
            let segment = tokens[(k + 1)..<i]
            if !segment.isEmpty, segment.allSatisfy({ isNameWord($0) || $0.mark == "." || $0.classes.contains(.nameConnectors) }),
               let named = before(i, lowerBound: k + 1), named.kind == .named {
                return named
            }
            // "Stoyan Marinov, a fisherman who …, and who has since sold his boat, explained":
            // a relative clause before the verb belongs to the sentence's subject, not to the last name in it.
            if segment.contains(where: { $0.lower == "who" || $0.lower == "which" }) {
                return subjectPhrase(startingAt: lowerBound, before: k)
            }
            // "Fishermen in Tutrakan, known as Turtucaia on the Romanian side, said": an appositive.
            if let phrase = before(k, lowerBound: lowerBound), phrase.kind != .pronoun { return phrase }
            return nil
        }
        // "the water company in Giurgiu — Giurgevo on older maps — said": skip the aside between dashes.
        // ("The only two Arab states to have signed … - Egypt and Jordan - criticised": a spaced
        // hyphen stands for a dash, and a name between the dashes names what the words before it describe.)
        if tokens[i].kind == .punctuation, tokens[i].mark == "—" || tokens[i].mark == "–"
            || (tokens[i].mark == "-" && i > lowerBound && tokens[i - 1].end < tokens[i].start) {
            var k = i - 1
            while k > lowerBound, i - k < 20, !(tokens[k].kind == .punctuation && tokens[k].lower == tokens[i].lower) { k -= 1 }
            guard k > lowerBound, tokens[k].lower == tokens[i].lower else { return nil }
            let outer = before(k, lowerBound: lowerBound)
            // (A name before the dashes that is the object of a preposition, "peace treaties with
            // Israel", is no subject either.)
            let outerIsObject = outer.flatMap { tokens.index(startingAt: $0.span.start) }.map { start in
                let at = start > lowerBound && tokens[start - 1].classes.contains(.the) ? start - 1 : start
                return at > lowerBound && tokens[at - 1].kind == .word && !tokens[at - 1].capitalized
                    && (tokens[at - 1].classes.contains(.prepositions) || ["to", "with", "by", "for"].contains(tokens[at - 1].lower))
            } ?? false
            if outer?.kind == .description || outerIsObject, k + 1 < i, let aside = before(i, lowerBound: k + 1), aside.kind == .named {
                return aside
            }
            return outer
        }
        // "…, Michael Morell, who said": the relative pronoun stands for the name before it.
        if tokens[i].kind == .word, tokens[i].lower == "who" || tokens[i].lower == "which", i - 1 >= lowerBound, tokens[i - 1].mark == "," {
            return before(i - 1, lowerBound: lowerBound)
        }
        let last = i
        let head = tokens[last]
        if head.kind == .word, head.classes.contains(.personPronouns) || head.classes.contains(.groupPronouns) {
            let pronoun = Self.pronoun(head.lower)
            return NamePhrase(kind: .pronoun, text: pronoun, role: nil, isOrganization: pronoun == "it" || pronoun == "they",
                              span: TextSpan(start: head.start, end: head.end))
        }
        if isNameWord(head) || isTitleWord(head) {
            var first = last
            var k = last - 1
            while k >= lowerBound {
                // (Read in place: a name is read back from every cue.)
                // "Durham University's Dr. X": stop at the possessive, unless it belongs to the name
                // ("U.S. Attorney's Office", "People's Daily").
                if tokens[k].kind == .word, tokens[k].possessive, !Self.isPossessiveInName(tokens, k) { break }
                // "Office for the Western District of New York", "Office of the Inspector General".
                if tokens[k].classes.contains(.the), k - 2 >= lowerBound, ["of", "for"].contains(tokens[k - 1].lower),
                   tokens[k - 2].classes.contains(.organizationWords), isNameWord(at: k - 2), k + 1 <= last, isNameWord(at: k + 1) {
                    first = k - 2; k -= 3; continue
                }
                if tokens[k].kind == .word, tokens[k].classes.contains(.capitalizedNonNames), tokens[k].lower.count > 3 { break }  // "On Monday Defense Secretary X"
                if isNameWord(at: k) || isTitleWord(at: k) { first = k; k -= 1; continue }
                if tokens[k].kind == .punctuation, tokens[k].mark == ".", k > lowerBound, tokens[k - 1].kind == .word,
                   tokens[k - 1].classes.contains(.abbreviations) || tokens[k - 1].end - tokens[k - 1].start == 1 {
                    first = k - 1; k -= 2; continue                         // "Dr." "Brig." "J."
                }
                if tokens[k].kind == .word, tokens[k].classes.contains(.nameConnectors), tokens[k].lower != "the", k > lowerBound, isNameWord(at: k - 1) {
                    first = k; k -= 1; continue
                }
                if tokens[k].kind == .punctuation, tokens[k].mark == "-" || tokens[k].mark == "‐", k > lowerBound, tokens[k - 1].kind == .word { first = k - 1; k -= 2; continue }
                break
            }
            // Sentence-initial capitals that are not names ("Meanwhile", "But") are not part of it.
            while first <= last, tokens[first].kind == .word, tokens[first].classes.contains(.capitalizedNonNames) { first += 1 }
            guard first <= last else { return nil }
            // "Wee of the Times reports": the person, not where they work.
            if first - 3 >= lowerBound, tokens[first - 1].lower == "the", tokens[first - 2].lower == "of",
               isNameWord(at: first - 3), !isTitleWord(at: first - 3),
               let person = before(first - 2, lowerBound: lowerBound), person.kind == .named, !person.isOrganization {
                return person
            }
            // "Romania's ambassador to Bulgaria accused", "a spokesperson for the Foreign Office said":
            // the place or body belongs to a role, and the role describes the source.
            let preposition = first - 1 > lowerBound && tokens[first - 1].lower == "the" ? first - 2 : first - 1
            if preposition - 1 >= lowerBound, ["to", "of", "for"].contains(tokens[preposition].lower), tokens[preposition - 1].kind == .word,
               !tokens[preposition - 1].capitalized, tokens[preposition - 1].classes.contains(.personTitles) {
                var start = preposition - 1
                while start - 1 >= lowerBound, first - start < 6, tokens[start - 1].kind == .word, !tokens[start - 1].classes.contains(.descriptionStops) {
                    start -= 1
                    if tokens[start].possessive || tokens[start].classes.contains(.descriptionDeterminers) { break }
                }
                // "… to Britain Liu Xiaming said": the name follows the place.
                if last - first >= 2, tokens[(first + 1)...last].allSatisfy({ isNameWord($0) && !isTitleWord($0) }) {
                    var person = named(first + 1, last)
                    person.role = text(start, first)
                    return person
                }
                let role = text(start, last)
                return NamePhrase(kind: .description, text: role, role: role, isOrganization: false,
                                  span: TextSpan(start: tokens[start].start, end: tokens[last].end))
            }
            // "fishermen in Tutrakan", "officials in Ruse and Giurgiu": the place qualifies an unnamed source.
            // (Not a name that owns what follows: "came in view of Stanev’s announcement" is Stanev's;
            // "a victim of Epstein’s alleged" is the victim's word.)
            if !tokens[last].possessive || (last + 1 < tokens.count && tokens[last + 1].classes.contains(.reportingVerbs)), first - 1 >= lowerBound, tokens[first - 1].kind == .word, tokens[first - 1].classes.contains(.prepositions),
               first - 2 >= lowerBound, let head = description(endingAt: first - 2, lowerBound: lowerBound) {
                return NamePhrase(kind: .description, text: text(tokens.index(startingAt: head.span.start) ?? first - 2, last),
                                  role: nil, isOrganization: false, span: TextSpan(start: head.span.start, end: tokens[last].end))
            }
            // "he and his wife Kali explained": the first of coordinated subjects.
            var a = first - 1
            while a > lowerBound, first - a <= 3, tokens[a].kind == .word, !tokens[a].capitalized, tokens[a].lower != "and" { a -= 1 }
            if a > lowerBound, tokens[a].lower == "and", tokens[a - 1].kind == .word,
               tokens[a - 1].classes.contains(.personPronouns) || (isNameWord(at: a - 1) && !isTitleWord(at: a - 1)),
               var firstSubject = before(a, lowerBound: lowerBound), firstSubject.kind != .description {
                firstSubject.coordinated = true
                return firstSubject
            }
            return named(first, last)
        }
        // A description: "the lorry driver", "a source familiar with the talks", "analysts".
        return description(endingAt: last, lowerBound: lowerBound)
    }

    /// The subject that opens a clause and ends at a comma (at `limit` at the latest), past an
    /// opening phrase of place or time ("In Marten, Stoyan Marinov, who …"): a name, or a short
    /// description ("A crew member on the Silver Heron, who …", "The authority, which …").
    func subjectPhrase(startingAt lowerBound: Int, before limit: Int) -> NamePhrase? {
        let first = clauseOpening(lowerBound, before: limit, pastSubordinateClause: false)
        guard first < limit, let end = tokens[first...limit].firstIndex(where: { $0.mark == "," }), end > first else { return nil }
        let last = end - 1
        if tokens[first...last].allSatisfy({ isNameWord($0) || isTitleWord($0) || $0.mark == "." || $0.classes.contains(.nameConnectors) }) {
            let phrase = named(first, last)
            return phrase.kind == .named ? phrase : nil
        }
        // "A crew member on the Silver Heron", or a short plural with no determiner: "Israeli settlers".
        guard last - first < 8, tokens[first...last].allSatisfy({ $0.kind == .word }),
              tokens[first].classes.contains(.descriptionDeterminers) || tokens[first].lower == "the"
                || (last - first < 3 && tokens[last].lower.hasSuffix("s") && !tokens[last].capitalized) else { return nil }
        let phrase = NamePhrase(kind: .description, text: text(first, last), role: nil, isOrganization: false,
                                span: TextSpan(start: tokens[first].start, end: tokens[last].end))
        return phrase
    }

    /// The noun phrase a clause opens with, past opening adverbs and a phrase of place or time:
    /// "The Board has declined …, saying" → the Board.
    func clauseSubject(startingAt lowerBound: Int, before limit: Int) -> NamePhrase? {
        let first = clauseOpening(lowerBound, before: limit, pastSubordinateClause: true)
        guard first < limit else { return nil }
        return after(first, upperBound: limit)
    }

    /// Where a clause's subject can start: past an opening phrase of place or time up to its comma
    /// ("In Marten, …"), or a subordinate clause ("As the plume moved on, …"), and past opening
    /// adverbs ("However").
    private func clauseOpening(_ lowerBound: Int, before limit: Int, pastSubordinateClause: Bool) -> Int {
        var first = lowerBound
        if first < limit, tokens[first].kind == .word, tokens[first].capitalized,
           tokens[first].classes.contains(.prepositions) || Self.timePrepositions.contains(tokens[first].lower)
            || (pastSubordinateClause && Self.subordinators.contains(tokens[first].lower)),
           let comma = tokens[first..<limit].firstIndex(where: { $0.mark == "," }), comma + 1 < limit {
            first = comma + 1
        }
        while first < limit, tokens[first].kind == .word, tokens[first].classes.contains(.capitalizedNonNames),
              !tokens[first].classes.contains(.descriptionDeterminers) { first += 1 }
        // "Then, last week, Mara Quinn …": commas after an opening adverb, and a short phrase of time.
        while first < limit, tokens[first].mark == "," { first += 1 }
        if first < limit, let comma = tokens[first..<min(limit, first + 5)].firstIndex(where: { $0.mark == "," }), comma + 1 < limit,
           tokens[first..<comma].allSatisfy({ $0.kind == .word && !$0.capitalized || $0.classes.contains(.dateStarts) || $0.classes.contains(.months) }),
           tokens[first..<comma].contains(where: { $0.classes.contains(.dateStarts) || $0.classes.contains(.dateUnits) || $0.classes.contains(.months) }) {
            first = comma + 1
        }
        return first
    }

    /// The name phrase that starts at token `index`, e.g. after "according to" or "said".
    func after(_ index: Int, upperBound: Int) -> NamePhrase? {
        var i = index
        guard i < upperBound else { return nil }
        var sawThe = false
        if tokens[i].kind == .word, tokens[i].lower == "the" { i += 1; sawThe = true }
        // "wrote 43-year-old Martin Taylor": an age before the name.
        if i + 3 < upperBound, tokens[i].kind == .number, tokens[i + 1].mark == "-", tokens[i + 2].lower.hasPrefix("year-old") { i += 3 }
        guard i < upperBound else { return nil }
        let t = tokens[i]
        if t.kind == .word, t.classes.contains(.personPronouns) || ["him", "her", "them"].contains(t.lower) {
            return NamePhrase(kind: .pronoun, text: t.lower == "him" ? "he" : t.lower == "her" ? "she" : t.lower,
                              role: nil, isOrganization: false, span: TextSpan(start: t.start, end: t.end))
        }
        // "It did not reveal the location and said …": a body's pronoun, not a name.
        if t.kind == .word, t.classes.contains(.groupPronouns) {
            let pronoun = Self.pronoun(t.lower)
            return NamePhrase(kind: .pronoun, text: pronoun, role: nil, isOrganization: true, span: TextSpan(start: t.start, end: t.end))
        }
        if isNameWord(t) || isTitleWord(t) {
            var last = i
            var k = i + 1
            while k < upperBound {
                let u = tokens[k]
                if isNameWord(u) || isTitleWord(u) {
                    last = k
                    if u.possessive { break }
                    k += 1
                    continue
                }
                if u.kind == .punctuation, u.mark == ".", SentenceSplitter.abbreviations.contains(tokens[k - 1].lower) || tokens[k - 1].end - tokens[k - 1].start == 1, k + 1 < upperBound, isNameWord(at: k + 1) {
                    k += 1; continue
                }
                // "Martin Taylor of Aberdeenshire": a person's name ends before where they are from.
                if u.lower == "of", last > i, !tokens[i...last].contains(where: { $0.classes.contains(.organizationWords) || isTitleWord($0) }) { break }
                if u.kind == .word, u.classes.contains(.nameConnectors), k + 1 < upperBound, isNameWord(at: k + 1) { k += 1; continue }
                break
            }
            var phrase = named(i, last)
            if sawThe { phrase.isOrganization = true }
            return phrase
        }
        // "says veteran river analyst Ken Doctor": lower-case role words before the name.
        if let roled = roleThenName(i, upperBound: upperBound) { return roled }
        // "according to officials", "according to a source familiar with the matter"
        let start = sawThe ? i - 1 : i
        var end = start
        var k = start
        while k < upperBound, k - start < 8 {
            let u = tokens[k]
            if u.kind != .word { break }
            if u.classes.contains(.speechVerbs) || ["that", "who", "which", "when", "because", "but", "is", "are", "was", "were"].contains(u.lower) { break }
            // "according to multiple people I spoke to": a clause about them starts at its pronoun.
            if k > start, u.classes.contains(.personPronouns) || u.classes.contains(.groupPronouns) || ["i", "we", "you"].contains(u.lower) { break }
            end = k
            k += 1
        }
        guard end >= start, tokens[start].kind == .word else { return nil }
        return NamePhrase(kind: .description, text: text(start, end), role: nil, isOrganization: false,
                          span: TextSpan(start: tokens[start].start, end: tokens[end].end))
    }

    /// "veteran river analyst Ken Doctor", "longtime pilot Milena Varga": up to four lower-case
    /// words of a role, ending in a noun, directly before a capitalised name. Not "officials in
    /// Ruse" or "a fisherman from Marten": a preposition or determiner makes them a description.
    private func roleThenName(_ first: Int, upperBound: Int) -> NamePhrase? {
        var k = first
        while k < upperBound, k - first < 4, tokens[k].kind == .word, !tokens[k].capitalized, !tokens[k].acronym {
            let t = tokens[k]
            if t.classes.contains(.prepositions) || t.classes.contains(.descriptionDeterminers) || t.classes.contains(.descriptionStops)
                || t.classes.contains(.speechVerbs) || t.possessive || ["to", "by", "with", "for", "about"].contains(t.lower) { return nil }
            k += 1
        }
        // ("people I spoke to": the writer is no name.)
        guard k > first, k < upperBound, isNameWord(at: k), tokens[k].lower != "i", !tokens[k - 1].lower.hasSuffix("ly"),
              var phrase = after(k, upperBound: upperBound), phrase.kind == .named, !phrase.isOrganization else { return nil }
        let roleWords = text(first, k - 1)
        phrase.role = phrase.role.map { roleWords + " " + $0 } ?? roleWords
        return phrase
    }

    /// "Varga tearfully asked": an adverb of manner between a speaker and the verb.
    /// (The word is named by its index and read in place: this is asked before every cue.)
    static func isMannerAdverb(_ tokens: [Token], _ k: Int) -> Bool {
        tokens[k].lower.utf8.count > 5 && tokens[k].lower.hasSuffix("ly")
            && !["family", "assembly", "supply", "monopoly", "italy", "july"].contains(tokens[k].lower)
    }

    private func description(endingAt last: Int, lowerBound: Int) -> NamePhrase? {
        guard tokens[last].kind == .word, !tokens[last].capitalized || last == lowerBound else { return nil }
        var first = last
        var k = last
        var possessed = false
        while k >= lowerBound, last - k < 7 {
            let t = tokens[k]
            guard t.kind == .word else { break }
            first = k
            if t.classes.contains(.descriptionDeterminers) && !["local", "senior", "unnamed", "anonymous"].contains(t.lower) { break }
            if t.classes.contains(.descriptionStops) { first = k + 1; break }
            // "Russia's foreign ministry": a possessive owner works as the determiner.
            if t.possessive, k < last { possessed = true; break }
            k -= 1
        }
        guard first <= last else { return nil }
        let words = tokens[first...last]
        // "Turkish state media": three words may stand without a determiner when they end in a source noun.
        // "Backers of tolls", "residents of Marten": a plural with what it belongs to.
        guard possessed || words.contains(where: { $0.classes.contains(.descriptionDeterminers) }) || words.count <= 2
                || (words.count == 3 && DocumentRun.isSourceDescription(tokens[last].lower))
                || (words.count == 3 && tokens[first + 1].lower == "of" && tokens[first].lower.hasSuffix("s")) else { return nil }
        // A bare plural ("officials", "analysts") or a determiner phrase; not arbitrary verbs or adjectives.
        let headWord = tokens[last].lower
        // (The head is a word: its speech-verb bit stands for the list.)
        // ("… times by reporters for tell": a phrase that ends in a preposition has no head.)
        guard headWord.count > 2, !tokens[last].classes.contains(.speechVerbs), !tokens[last].classes.contains(.prepositions),
              !["for", "by", "to", "with", "about", "into", "than", "as", "and", "or"].contains(headWord),
              !["it", "this", "that", "which", "who"].contains(headWord) else { return nil }
        return NamePhrase(kind: .description, text: text(first, last), role: nil, isOrganization: false,
                          span: TextSpan(start: tokens[first].start, end: tokens[last].end))
    }

    /// Splits a capitalised run into role and name: "Defense Secretary Jim Mattis" → role
    /// "Defense Secretary", name "Jim Mattis". A run made only of title words is a role.
    private func named(_ first: Int, _ last: Int) -> NamePhrase {
        var nameStart = last + 1
        var k = last
        while k >= first {
            // (Read in place: a name is read for every cue, and copying its tokens out was a tenth of it.)
            if tokens[k].kind == .punctuation { k -= 1; continue }
            // "Lawrence White", "Tom House": a title word closing a run after a name word is a surname.
            let endsName = k == last && k > first && tokens[k].capitalized && tokens[k - 1].capitalized && !tokens[k - 1].acronym
                && !isTitleWord(at: k - 1)
            if isTitleWord(at: k) && !(tokens[k].acronym && tokens[k].lower.count > 2) && !endsName { break }
            nameStart = k
            k -= 1
        }
        // Skip the dot of an abbreviated title that the loop stopped on ("Dr." "Christopher").
        while nameStart <= last, tokens[nameStart].kind == .punctuation { nameStart += 1 }
        // "Office of the Inspector General": a run of title words that opens with a body's word is
        // that body's name ("President of the Council" opens with a person's title and stays a role).
        let opening = first < last && tokens[first].classes.contains(.the) ? first + 1 : first
        if nameStart > last, opening < last, tokens[opening].kind == .word, tokens[opening].classes.contains(.organizationWords),
           !tokens[opening].classes.contains(.personTitles) {
            nameStart = opening
        }
        // An organisation's name keeps its leading words ("Syrian Observatory for Human Rights",
        // "State Department"); only a person's name gives up a title.
        // (The run's words are found in place: the name readers run for every cue, and copying the
        // words into arrays cost a quarter of reading a name.)
        if let lastWord = (first...last).last(where: { tokens[$0].kind == .word }).map({ tokens[$0] }),
           lastWord.classes.contains(.organizationWords) || lastWord.acronym
            || (nameStart <= last && tokens[nameStart...last].contains { $0.kind == .word && $0.classes.contains(.organizationWords) }) {
            var orgStart = first
            // "the official LDWA figures": a lower-case word before an organisation's name describes it.
            while orgStart < last, tokens[orgStart].kind == .word,
                  tokens[orgStart].classes.contains(.personTitles) || !(tokens[orgStart].capitalized || tokens[orgStart].acronym) { orgStart += 1 }
            if nameStart > last || tokens[nameStart...last].contains(where: { $0.kind == .word && $0.classes.contains(.organizationWords) }) || lastWord.acronym {
                nameStart = min(nameStart, orgStart)
            }
        }
        // "European Commissioner for the Environment": a title whose name part starts with
        // "for" or "of" names an office, not a person: a description.
        if nameStart <= last, nameStart > first, tokens[nameStart].kind == .word, ["for", "of"].contains(tokens[nameStart].lower) {
            let office = text(first, last)
            return NamePhrase(kind: .description, text: office, role: office, isOrganization: false,
                              span: TextSpan(start: tokens[first].start, end: tokens[last].end))
        }
        // "The Waterways Authority and Corvina Barge Lines stressed": the first of coordinated names;
        // but "Center for Disease Control and Prevention" is one name: a single word closes it
        // after a word that does not end a body's name.
        if nameStart < last, let and = tokens[nameStart...last].firstIndex(where: { $0.lower == "and" }), and > nameStart, and < last,
           !Self.keepsAnd(text(nameStart, last)),
           !(and + 1 == last && !tokens[and - 1].classes.contains(.organizationWords)
             && tokens[nameStart..<and].contains(where: { $0.classes.contains(.organizationWords) })) {
            var firstName = named(first, and - 1)
            firstName.coordinated = true
            return firstName
        }
        // "Feng of NPR", "Ana Petrova of the Ledger": a person and where they work.
        if nameStart < last, let of = tokens[nameStart...last].firstIndex(where: { $0.lower == "of" }), of > nameStart, of < last,
           !tokens[nameStart..<of].contains(where: { $0.classes.contains(.organizationWords) || isTitleWord($0) }),
           tokens[(of + 1)...last].contains(where: { $0.acronym || $0.classes.contains(.organizationWords) || $0.classes.contains(.outletHeads) }) {
            return named(first, of - 1)
        }
        var name = nameStart <= last ? text(nameStart, last) : ""
        var roleText: String? = nameStart > first ? Self.trimmingSpacesAndDots(text(first, max(first, nameStart - 1))) : nil
        if Self.endsPossessive(name) { name.removeLast(2) }
        if name.isEmpty {
            // Only a title ("the spokesman", "President"): a description to resolve.
            let role = text(first, last)
            return NamePhrase(kind: .description, text: role, role: role, isOrganization: false,
                              span: TextSpan(start: tokens[first].start, end: tokens[last].end))
        }
        if roleText?.isEmpty == true { roleText = nil }
        var nameWords = 0
        var hasOrganizationWord = false
        var firstWordIsAcronym = false
        for t in nameStart...last where tokens[t].kind == .word {
            if nameWords == 0 { firstWordIsAcronym = tokens[t].acronym }
            nameWords += 1
            hasOrganizationWord = hasOrganizationWord || tokens[t].classes.contains(.organizationWords)
        }
        let isOrganization = hasOrganizationWord || (nameWords == 1 && firstWordIsAcronym)
        return NamePhrase(kind: .named, text: name, role: roleText, isOrganization: isOrganization,
                          span: TextSpan(start: tokens[nameStart].start, end: tokens[last].end))
    }

    /// A role without the spaces and dots around it ("Brig. Gen." → "Brig. Gen"). ASCII text (nearly
    /// every role) is trimmed byte by byte; other text by characters, so that a space or dot that
    /// carries a combining mark stays.
    static func trimmingSpacesAndDots(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 128 }) else { return text.trimmingCharacters(in: [" ", "."]) }
        let isTrimmed = { (byte: UInt8) in byte == 32 || byte == 46 }
        guard let head = bytes.firstIndex(where: { !isTrimmed($0) }), let tail = bytes.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        if head == bytes.startIndex && tail == bytes.index(before: bytes.endIndex) { return text }
        return String(text[head...tail])
    }

    /// Whether a word or name ends in "'s" or "’s". Tested on the last byte first: a suffix with a
    /// curly mark is compared character by character, which cost a quarter of reading a name, and
    /// nearly no name ends in "s".
    static func endsPossessive<S: StringProtocol>(_ text: S) -> Bool where S.UTF8View: BidirectionalCollection {
        text.utf8.last == UInt8(ascii: "s") && (text.hasSuffix("'s") || text.hasSuffix("’s"))
    }

    /// A possessive that is part of a body's name: "U.S. Attorney's Office", "the People's Daily",
    /// "Sheriff's Department", not an owner before a name ("China's Ministry").
    static func isPossessiveInName(_ tokens: [Token], _ k: Int) -> Bool {
        guard k + 1 < tokens.count, tokens[k + 1].classes.contains(.organizationWords), tokens[k].capitalized else { return false }
        return namePossessives.contains(String(tokens[k].lower.dropLast(2)))
    }

    static let namePossessives: Set<String> = ["attorney", "sheriff", "people", "children", "women", "veterans", "workers",
                                               "farmers", "citizens", "journalists", "prosecutor", "governor", "mayor"]

    /// Names that contain "and" as one name.
    static func keepsAnd(_ name: String) -> Bool {
        ["Bosnia and Herzegovina", "Trinidad and Tobago", "Antigua and Barbuda", "Saint Kitts and Nevis", "Procter and Gamble",
         "Sao Tome and Principe", "Turks and Caicos"].contains(name) || name.hasSuffix("and Technology") || name.hasSuffix("and Development")
    }

    /// Words that open a subordinate clause before the main one: "As the plume moved on, the authority …".
    static let subordinators: Set<String> = ["as", "while", "when", "after", "before", "since", "although", "though",
                                             "because", "if", "unless", "once", "whereas"]

    /// Prepositions that open a phrase of time before a clause's subject: "Over the course of that
    /// interview, Ivo and Elena disputed …".
    static let timePrepositions: Set<String> = ["over", "during", "throughout", "within", "after", "before", "since", "until"]

    static let prepositions: Set<String> = ["in", "at", "from", "near", "of", "on", "across", "along", "around", "outside", "inside"]

    static let verbModifiers: Set<String> = ["also", "later", "then", "previously", "further", "has", "had", "have", "would",
                                             "recently", "once", "again", "reportedly", "publicly", "privately", "explicitly",
                                             "repeatedly", "already", "since", "subsequently", "quickly", "flatly", "openly",
                                             "first", "initially", "originally", "separately", "will", "may", "might", "could", "still", "now",
                                             "already", "twice", "again", "today", "yesterday", "himself", "herself",
                                             "itself", "themselves", "did", "does"]

    /// Words that cannot be inside a source's description: they belong to the clause around it.
    static let descriptionStops: Set<String> = ["that", "who", "which", "and", "but", "as", "when", "while", "because", "if",
                                                "was", "were", "is", "are", "be", "being", "been", "has", "have", "had", "than",
                                                "what", "how", "why", "not", "no", "so", "then", "there",
                                                // "This comes after police said": a conjunction before the subject.
                                                "after", "before", "since", "although", "though", "unless", "until", "whereas"]

    /// A pronoun without its contracted verb: "he’d respond" is "he". (Lowered, "he’d" is "he'd",
    /// four bytes: the apostrophe is looked for, not only a word longer than "they".)
    static func pronoun(_ lower: String) -> String {
        lower.utf8.contains(UInt8(ascii: "'")) || lower.utf8.count > 4 ? String(lower.prefix(while: { $0.isLetter })) : lower
    }

    static let capitalizedNonNames: Set<String> = ["meanwhile", "but", "and", "yet", "so", "however", "then", "also", "still",
                                                   "later", "earlier", "now", "indeed", "moreover", "furthermore", "in", "on",
                                                   "at", "as", "when", "while", "after", "before", "since", "if", "although",
                                                   "though", "instead", "finally", "first", "second", "third", "last", "today",
                                                   "yesterday", "this", "that", "these", "those", "there", "here", "what",
                                                   "why", "how", "who", "which", "a", "an", "mr", "mrs", "ms",
                                                   "with", "without", "for", "from", "by", "of", "to", "under", "over",
                                                   "into", "through", "during", "against", "among", "between", "unlike",
                                                   "nobody", "everyone", "everybody", "someone", "somebody", "anyone", "none",
                                                   "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                                   "january", "february", "march", "april", "june", "july", "august",
                                                   "september", "october", "november", "december",
                                                   "never", "always", "often", "sometimes", "only", "just", "even", "not",
                                                   "perhaps", "maybe", "current", "already", "again", "thus", "hence",
                                                   "therefore", "nevertheless", "nonetheless", "otherwise",
                                                   "his", "her", "its", "their", "our", "my", "your",
                                                   "would", "could", "should", "did", "does", "do", "is", "are", "was", "were",
                                                   "has", "have", "had", "must", "shall"]
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
