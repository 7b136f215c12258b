import ClaimTraceCore

/// Turning a name phrase into a speaker or source: pronouns, surnames, first names, descriptions
/// ("the authority", "the report") and possessives resolved against what the document named.
extension DocumentRun {
    /// Fills a quote's speaker from a name phrase, resolving pronouns, surnames and descriptions.
    mutating func apply(_ phrase: NamePhrase, cue: String, to quote: inout Quote) {
        quote.cue = cue
        // ("“I cannot believe Martha would …,” she said": not Martha.)
        // (Only capitalised words: names are what is looked for.)
        if phrase.kind == .pronoun {
            quotedWords = Set(text(quote.span).split { !$0.isLetter }.filter { $0.first?.isUppercase == true })
        }
        defer { quotedWords = [] }
        let resolved = resolve(phrase)
        quote.speaker = resolved.name
        quote.role = resolved.role
        quote.speakerDescription = resolved.name == nil ? resolved.description : nil
    }

    struct Resolved {
        var name: String?
        var role: String?
        var description: String?
    }

    /// Resolves a phrase against the speakers seen so far, and remembers named ones.
    mutating func resolve(_ phrase: NamePhrase, expandingShortNames: Bool = true) -> Resolved {
        let resolved = resolveOne(phrase, expandingShortNames: expandingShortNames)
        // A later "they" can stand for coordinated subjects: remember the first of them.
        if phrase.coordinated, let name = resolved.name { pairs.append((name, phrase.span.start)) }
        return resolved
    }

    private mutating func resolveOne(_ phrase: NamePhrase, expandingShortNames: Bool) -> Resolved {
        // "I said", "We asked": the writer speaking, not a source.
        // (The writer's words are three bytes at most: longer names are not hashed to find out.)
        if phrase.kind == .named, phrase.text.utf8.count <= 3, Self.writerWords.contains(phrase.text) {
            return Resolved(name: nil, role: nil, description: phrase.text)
        }
        switch phrase.kind {
        case .pronoun:
            let wantsGroup = phrase.isOrganization
            // "Analysts expect … . They say …": "they" goes on from an unnamed plural source of the
            // sentence just before, not to a body named earlier.
            if phrase.text == "they", let last = result.attributions.last, last.source == nil,
               let described = last.sourceDescription, described.utf8.last == UInt8(ascii: "s"),
               last.span.end <= phrase.span.start, phrase.span.start - last.span.end < 40 {
                return Resolved(name: nil, role: nil, description: described)
            }
            // "It told us …": a body that has just been speaking goes on speaking; failing that, the
            // body named last.
            // "We asked the authority for the log. It told us …": the body just mentioned by its kind.
            if wantsGroup, let mention = genericMentions.last(where: { $0.at < phrase.span.start && phrase.span.start - $0.at < 800 }),
               mention.at > (organizations.last(where: { $0.at < phrase.span.start })?.at ?? -1),
               let organization = lastOrganization(before: mention.at, matching: mention.head) {
                return Resolved(name: organization, role: nil, description: nil)
            }
            // "Warren and Ocasio-Cortez …. They criticised …": a pair named after the last body.
            let pair = phrase.text == "they" ? lastPair(before: phrase.span.start, within: 1000) : nil
            if wantsGroup, let speaker = known.last, speaker.isOrganization, phrase.span.start - speaker.lastSeen < 1500,
               speaker.lastSeen > pair?.at ?? -1 {
                return Resolved(name: speaker.name, role: nil, description: nil)
            }
            let organization = wantsGroup ? lastOrganizationMention(before: phrase.span.start) : nil
            if let pair, pair.at > organization?.at ?? -1 {
                let full = known.last(where: { $0.name == pair.name })
                return Resolved(name: pair.name, role: full?.role, description: nil)
            }
            if let organization { return Resolved(name: organization.name, role: nil, description: nil) }
            // "he said" is the person the text is about: the last one who spoke ("Todorinova confirmed
            // …. “…,” she said") or who opened a sentence as its subject ("Marinov, however, is waiting
            // …. “…,” he says"), not whoever was mentioned last ("made him call Draganov").
            let start = phrase.span.start
            // "When Carlineo was approached, he told police …": the subject of the clause before.
            if !wantsGroup, let person = subordinateClauseSubject(before: phrase) {
                let full = known.last(where: { $0.name.isFullName(of: person) })?.name
                    ?? people.last(where: { $0.at < start && ($0.name.isFullName(of: person)) })?.name ?? person
                return Resolved(name: full, role: known.last(where: { $0.name == full })?.role, description: nil)
            }
            // "she" does not stand for a man the text names as one ("Mr.", a man's first name) or
            // has called "he" before.
            let wanted = NameGender.of(pronoun: phrase.text)
            // (The genders are read from a local copy: asking `gender(of:)` of this mutating run
            // from the helpers below copied the whole run for every name asked about.)
            let genders = self.genders
            func gender(of name: String) -> NameGender? { genders[name] ?? NameGender.of(name: name) }
            // A one-word name the text never gave a first name or a gender is as likely a body
            // ("Twitter pledged …") as a person: "he" and "she" pass it by.
            let quotedWords = quotedWords
            func fits(_ name: String) -> Bool {
                // (The first and last words are sliced from the name, not split into an array: this
                // is asked of every person a pronoun might stand for.)
                if !quotedWords.isEmpty {
                    let first = name.prefix { $0 != " " }
                    let last = name.lastIndex(of: " ").map { name[name.index(after: $0)...] } ?? first
                    if quotedWords.contains(first) || quotedWords.contains(last) { return false }
                }
                guard let wanted else { return true }
                guard let known = gender(of: name) else { return name.utf8.contains(32) }
                return known == wanted
            }
            var resolvedPerson: String?
            defer { if let wanted, let name = resolvedPerson, self.genders[name] == nil { self.genders[name] = wanted } }
            let speaker = known.filter { !$0.isOrganization && $0.lastSeen < start && start - $0.lastSeen < 3000 && fits($0.name) }
                .max { $0.lastSeen < $1.lastSeen }
            if subjects == nil { subjects = Self.sentenceSubjects(scalars, paragraphs, people: people) }
            let subject = subjects!.last(where: { $0.at < start && start - $0.at < 3000 && fits($0.name) })
            // "…,” Gaiman told me. When Ford visited his editor Teresa Nielsen Hayden … “…,” she recalled":
            // a person named since, known to be a woman, is likelier than a speaker of unknown gender,
            // and likelier than one of known gender last heard in an earlier paragraph.
            func knownGender(_ name: String) -> Bool { gender(of: name) != nil }
            if !wantsGroup, wanted != nil,
               let person = people.last(where: { $0.at < start && start - $0.at < 1500 && fits($0.name) }), knownGender(person.name),
               person.at > speaker?.lastSeen ?? -1, person.at > subject?.at ?? -1,
               !(speaker.map { knownGender($0.name) && paragraphIndex(of: $0.lastSeen) == paragraphIndex(of: person.at) } ?? false),
               !(subject.map { knownGender($0.name) && paragraphIndex(of: $0.at) == paragraphIndex(of: person.at) } ?? false) {
                let full = known.last(where: { $0.name.isFullName(of: person.name) })
                resolvedPerson = full?.name ?? person.name
                return Resolved(name: full?.name ?? person.name, role: full?.role, description: nil)
            }
            if !wantsGroup, speaker != nil || subject != nil {
                if let subject, subject.at > (speaker?.lastSeen ?? -1) {
                    let full = known.last(where: { $0.name == subject.name })
                    resolvedPerson = subject.name
                    return Resolved(name: subject.name, role: full?.role, description: nil)
                }
                if let speaker {
                    resolvedPerson = speaker.name
                    return Resolved(name: speaker.name, role: speaker.role, description: nil)
                }
            }
            let named = people.last(where: { $0.at < start && start - $0.at < 3000 && fits($0.name) })
            // "he said": the person named last before, within a few paragraphs.
            if !wantsGroup, let person = named {
                let full = known.last(where: { $0.name.isFullName(of: person.name) })
                resolvedPerson = full?.name ?? person.name
                return Resolved(name: full?.name ?? person.name, role: full?.role, description: nil)
            }
            // (Only a speaker heard within a few paragraphs: "they" pages after a cited outlet is not it.)
            // ("he" never stands for a speaker known to be a woman.)
            if let match = known.last(where: { $0.isOrganization == wantsGroup && phrase.span.start - $0.lastSeen < 2000 && (wantsGroup || fits($0.name)) }) {
                return Resolved(name: match.name, role: match.role, description: nil)
            }
            return Resolved(name: nil, role: nil, description: phrase.text)
        case .description:
            // "the commander", "the report": the last speaker whose role or kind fits.
            let lower = phrase.text.lowercased()
            // The rules below read the number of words and the first, second and last of them, found
            // once without splitting the phrase into an array (splitting it again for each rule was
            // a fifth of resolving a description).
            let words = PhraseWords(lower)
            let head = words.last.map(String.init) ?? lower
            // "Both men claimed", "the pair said": two people named together, by the first of them.
            // ("Both sides said" stays a description: sides, parties and countries are not a pair of people.)
            if lower.hasPrefix("both ") && Self.pairNouns.contains(head) || ["the pair", "the two", "the couple"].contains(lower),
               let pair = lastPair(before: phrase.span.start, within: 3000) {
                return Resolved(name: pair.name, role: nil, description: nil)
            }
            if lower.hasPrefix("the ") || phrase.role != nil {
                if let match = known.last(where: { $0.roleWords.contains(Substring(head)) }) {
                    return Resolved(name: match.name, role: match.role, description: nil)
                }
                // "the authority" after "the Lower Danube Waterways Authority".
                if words.count <= 3, let organization = lastOrganization(before: phrase.span.start, matching: head) {
                    return Resolved(name: organization, role: nil, description: nil)
                }
                // "the office release", "the ministry statement": the body's document.
                if words.count == 3, Lexicon.reportNouns.contains(head), Self.genericBodies.contains(String(words.second!)),
                   let organization = lastOrganization(before: phrase.span.start, matching: String(words.second!)) {
                    return Resolved(name: organization, role: nil, description: nil)
                }
                // ("the British royal", "the American actor": a nationality before the noun too.)
                let withNationality = words.count == 3 && words.first == "the" && Self.looksNational(words.second!)
                    && phrase.text.split(separator: " ").dropFirst().first?.first?.isUppercase == true
                // "said the actor", "the economist added": a person named by what they are, just
                // after the text named them. Titles ("the spokesman") and group words ("the police")
                // often stand for someone unnamed, so they are left as descriptions.
                if words.count == 2 && words.first == "the" || withNationality || words.count == 1 && followsThe(phrase.span.start),
                   Self.isPersonNoun(String(head)) {
                    let start = phrase.span.start
                    let person = people.last(where: { $0.at < start && start - $0.at < 1000 })
                    if let speaker = known.last(where: { !$0.isOrganization && $0.lastSeen < start && start - $0.lastSeen < 1500 }),
                       speaker.lastSeen >= person?.at ?? -1 {
                        return Resolved(name: speaker.name, role: speaker.role, description: nil)
                    }
                    if let person {
                        let full = known.last(where: { $0.name.isFullName(of: person.name) })
                        return Resolved(name: full?.name ?? person.name, role: full?.role, description: nil)
                    }
                }
                // "the company says", "the group added", "the German automaker": the body the text
                // named last, whatever the words of its name.
                if words.count == 2 && words.first == "the" || withNationality, Self.bodyNouns.contains(head) {
                    if let body = bodiesByNoun[head] { return Resolved(name: body, role: nil, description: nil) }
                    if let body = lastBody(before: phrase.span.start, noun: head) {
                        bodiesByNoun[head] = body
                        return Resolved(name: body, role: nil, description: nil)
                    }
                }
                // "The news organization, citing …, reported": the outlet named last.
                if words.count == 3, words.first == "the", ["news", "media"].contains(words.second!), Self.mediaHeads.contains(head),
                   let outlet = lastBody(before: phrase.span.start, noun: "network") {
                    return Resolved(name: outlet, role: nil, description: nil)
                }
                // "the report stated" right after a body spoke: that body's report.
                if Lexicon.reportNouns.contains(head), words.count <= 2, let match = known.last, match.isOrganization,
                   phrase.span.start - match.lastSeen < 1500 {
                    return Resolved(name: match.name, role: nil, description: nil)
                }
            }
            // "Romania's ambassador to Bulgaria accused …" before "Romania's ambassador to Bulgaria
            // Ion Marin said": the person the text names in that role.
            if phrase.role != nil, let person = namedInRole(phrase) {
                return resolve(NamePhrase(kind: .named, text: person, role: phrase.role, isOrganization: false, span: phrase.span))
            }
            // "a later LDWA press briefing": the body named inside the description.
            // ("A spokesperson for the Foreign Office", a role, is someone unnamed who speaks for it.)
            if phrase.role == nil, let embedded = embeddedOrganization(phrase) { return Resolved(name: embedded, role: nil, description: nil) }
            // "Marinov's observations", "the authority's statement": whose words they are.
            if let owner = possessor(phrase) {
                return resolve(NamePhrase(kind: .named, text: owner, role: nil, isOrganization: false, span: phrase.span))
            }
            return Resolved(name: nil, role: phrase.role, description: phrase.text)
        case .named:
            var name = phrase.text
            // (Only a name that starts with a "t" is lowercased to look: most do not.)
            if let first = name.utf8.first, first == UInt8(ascii: "t") || first == UInt8(ascii: "T"),
               name.lowercased().hasPrefix("the ") { name = String(name.dropFirst(4)) }
            // Follow stated aliases to the fullest name: Waterways Board → LDWA → Lower Danube Waterways Authority.
            name = Self.fullestName(name, in: aliases)
            // "the CDC", "the Chinese CDC" after "the Chinese Center for Disease Control and Prevention".
            if let full = organizationByInitials(name) { name = full }
            // Well-known bodies and states by their canonical names: "US" is the United States.
            if let curated = curated(name) ?? curatedByAcronym(name) { name = curated.name }
            // "the Board", "the Authority": a generic word standing for an organisation named before.
            let singleWord = !name.utf8.contains(32)
            if singleWord, Self.genericBodies.contains(name.lowercased()) {
                if let organization = lastOrganization(before: phrase.span.start, matching: name.lowercased()), organization != name {
                    return Resolved(name: organization, role: nil, description: nil)
                }
                return Resolved(name: nil, role: nil, description: phrase.text)
            }
            // A capitalised common noun at a sentence start is a description: "Sources described…".
            if singleWord, Self.isSourceDescription(name), !phrase.isOrganization {
                return Resolved(name: nil, role: nil, description: name)
            }
            // "Mattis" after "Jim Mattis": the full name.
            if singleWord, let full = known.lastIndex(where: { $0.name.endsWithSurname(name) }) {
                var speaker = known.remove(at: full)
                speaker.lastSeen = phrase.span.start
                known.append(speaker)
                return Resolved(name: speaker.name, role: phrase.role ?? speaker.role, description: nil)
            }
            // "Morrison said" after "Tim Morrison" was named (not yet as a speaker): the full name.
            // (Once only: a curated name can map the full name back to a single word.)
            if singleWord, !phrase.isOrganization, expandingShortNames,
               let full = people.last(where: { $0.at < phrase.span.start && $0.name.endsWithSurname(name) })?.name {
                return resolve(NamePhrase(kind: .named, text: full, role: phrase.role, isOrganization: false, span: phrase.span),
                               expandingShortNames: false)
            }
            // "Alden announced" after "Alden Global Capital": a body by the first word of its name.
            // ("McClatchy" after "McClatchy Co." stays as written: a legal suffix adds no name.)
            if singleWord, expandingShortNames, let full = organizationStarting(with: name, before: phrase.span.start),
               !Self.corporateSuffixes.contains(full.dropFirst(name.count + 1).lowercased()) {
                return resolve(NamePhrase(kind: .named, text: full, role: phrase.role, isOrganization: true, span: phrase.span),
                               expandingShortNames: false)
            }
            // "Sarah said" in a feature that named Sarah Okafor before: the first name stands for her.
            if singleWord, !phrase.isOrganization, expandingShortNames,
               let full = known.last(where: { !$0.isOrganization && $0.name.hasPrefix(name + " ") })?.name
                ?? people.last(where: { $0.at < phrase.span.start && $0.name.hasPrefix(name + " ") })?.name {
                return resolve(NamePhrase(kind: .named, text: full, role: phrase.role, isOrganization: false, span: phrase.span),
                               expandingShortNames: false)
            }
            // "Studies have shown", "Protesters believe": a plural common noun capitalised only
            // because it opens the sentence.
            if singleWord, phrase.role == nil, isSentenceInitialPlural(name, at: phrase.span.start) {
                return Resolved(name: nil, role: nil, description: name)
            }
            // A plural verb after a name ("Schiff and his staff have") makes it a body only when no
            // given name shows it to be a person's.
            // (The given names are asked only when a name would become a body.)
            func isBody() -> Bool { phrase.isOrganization && (!phrase.text.utf8.contains(32) || NameGender.of(name: name) == nil) }
            if let same = known.lastIndex(where: { $0.name == name }) {
                if known[same].role == nil { known[same].role = phrase.role }
                if !known[same].isOrganization, isBody() { known[same].isOrganization = true }
                var speaker = known.remove(at: same)
                speaker.lastSeen = phrase.span.start
                known.append(speaker)
                return Resolved(name: name, role: phrase.role ?? speaker.role, description: nil)
            }
            known.append(KnownSpeaker(name: name, role: phrase.role, isOrganization: isBody(), lastSeen: phrase.span.start))
            return Resolved(name: name, role: phrase.role, description: nil)
        }
    }

    /// The name written right after another mention of a role description: "Romania's ambassador
    /// to Bulgaria" → "Ion Marin" where the text says "Romania's ambassador to Bulgaria Ion Marin".
    func namedInRole(_ phrase: NamePhrase) -> String? {
        let needle = Array(phrase.text.unicodeScalars)
        guard needle.count >= 8, let first = needle.first else { return nil }
        var i = 0
        while i + needle.count + 2 < scalars.count {
            defer { i += 1 }
            guard scalars[i] == first, i != phrase.span.start, scalars[i..<(i + needle.count)].elementsEqual(needle),
                  scalars[i + needle.count] == " " else { continue }
            var words: [String] = []
            var k = i + needle.count + 1
            while k < scalars.count, words.count < 4, Tokenizer.isUpper(scalars[k]) {
                var end = k
                while end < scalars.count, scalars[end] != " ", scalars[end] != ",", scalars[end] != "." { end += 1 }
                words.append(String(scalars: scalars[k..<end]))
                guard end < scalars.count, scalars[end] == " " else { break }
                k = end + 1
            }
            if words.count >= 2 { return words.joined(separator: " ") }
        }
        return nil
    }

    /// The one organisation the document names whose capitalised words start with the letters of
    /// `name`, an acronym (after an optional adjective: "Chinese CDC"); nil when none or several.
    func organizationByInitials(_ name: String) -> String? {
        // The last word must be two to six capital letters, after at most one other word; this is
        // asked of every name resolved, so it is read from the bytes without splitting.
        let bytes = name.utf8
        let space = bytes.lastIndex(of: 32)
        let acronymStart = space.map { bytes.index(after: $0) } ?? bytes.startIndex
        guard space.map({ !bytes[..<$0].contains(32) }) ?? true else { return nil }
        let acronym = bytes[acronymStart...]
        guard (2...6).contains(acronym.count), acronym.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
        let letters = acronym.map { $0 + 32 }
        guard aliases[String(name[acronymStart...])] == nil else { return nil }
        var match: String?
        for organization in organizations where !organization.isGeneric && organization.initials.count >= letters.count {
            let initials = organization.initials
            guard (0...(initials.count - letters.count)).contains(where: { initials[$0..<($0 + letters.count)].elementsEqual(letters) }) else { continue }
            let full = organization.bareName
            if let match, match != full { return nil }
            match = full
        }
        return match
    }

    /// Whether the word before `start` is "the".
    /// The index of the paragraph that holds `offset` (the one before it, for an offset between two).
    func paragraphIndex(of offset: Int) -> Int {
        var low = 0, high = paragraphs.count
        while low < high {
            let middle = (low + high) / 2
            if paragraphs[middle].range.lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    func followsThe(_ start: Int) -> Bool {
        var start = start
        // "the “Pose” actor": past a quoted title between the article and the noun.
        if start >= 2, scalars[start - 1] == " ", scalars[start - 2] == "”" || scalars[start - 2] == "\"",
           let open = (max(0, start - 60)..<(start - 2)).last(where: { scalars[$0] == "“" || scalars[$0] == "\"" }) {
            start = open
        }
        guard start >= 4 else { return false }
        return zip(scalars[(start - 4)..<start], "the ".unicodeScalars).allSatisfy { $0.properties.lowercaseMapping == String($1) }
    }

    /// The pronoun a person takes: the one the text has used for them, else the one their title
    /// or given name suggests; nil when neither tells.
    func gender(of name: String) -> NameGender? { genders[name] ?? NameGender.of(name: name) }

    /// A capitalised plural at a sentence start that names nothing the document or the reference
    /// tables know: "Protesters", "Studies", but not "Reuters", "Athens" or a surname named before.
    func isSentenceInitialPlural(_ name: String, at start: Int) -> Bool {
        let u = name.utf8
        guard u.count > 4, u.last == UInt8(ascii: "s"), !name.hasSuffix("ss"), name.dropFirst().allSatisfy(\.isLowercase) else { return false }
        var k = start - 1
        while k >= 0, scalars[k] == " " || scalars[k] == "\u{A0}" { k -= 1 }
        guard k < 0 || scalars[k] == "\n" || [".", "!", "?", "”", "\"", ":"].contains(scalars[k]) else { return false }
        guard reference.curatedEntity(named: name) == nil, reference.places(named: name).isEmpty,
              !people.contains(where: { $0.name.endsWithSurname(name) }), !organizations.contains(where: { $0.name == name }),
              aliases[name] == nil else { return false }
        return true
    }

    /// A singular noun for a person that is not a title or a group: "actor", "economist", "singer".
    static func isPersonNoun(_ head: String) -> Bool {
        guard head.utf8.count > 3, !head.hasSuffix("s") || head.hasSuffix("ss"), !Lexicon.personTitles.contains(head),
              !Lexicon.organizationWords.contains(head), !Lexicon.reportNouns.contains(head), !sourceHeads.contains(head),
              !genericBodies.contains(head), !bodyNouns.contains(head) else { return false }
        return personSuffixes.contains { head.hasSuffix($0) } || personNouns.contains(head)
    }

    /// A word shaped like a nationality ("British", "American", "Chinese", "Israeli", "Dutch"), not
    /// a compound ("Bush-era").
    static func looksNational(_ word: Substring) -> Bool {
        !word.contains("-") && ["ish", "an", "ese", "i", "ch"].contains { word.hasSuffix($0) }
    }

    static let personSuffixes = ["ist", "er", "or", "ian", "ant", "ent"]
    static let personNouns: Set<String> = ["actor", "actress", "star", "singer", "player", "coach", "author", "novelist", "poet",
                                           "artist", "comedian", "host", "presenter", "victim", "suspect", "man", "woman",
                                           "teenager", "student", "veteran", "defendant", "lawyer", "attorney", "economist", "scientist",
                                           "researcher", "physician", "nurse", "surgeon", "doctor", "farmer", "pilot", "skipper", "captain", "royal"]

    /// The curated entity a name reads as, remembered across the extractor's documents.
    func curated(_ name: String) -> CuratedEntity? {
        guard let readings else { return reference.curatedEntity(named: name) }
        return readings.curatedEntity(named: name, in: reference)
    }

    /// A body the document names slightly wrong but defines with a well-known acronym:
    /// "Lower Danube Water Authority (LDWA)" is the curated Lower Danube Waterways Authority when most words agree.
    func curatedByAcronym(_ name: String) -> CuratedEntity? {
        guard let acronym = aliases.first(where: { $0.value == name && $0.key.allSatisfy(\.isUppercase) })?.key,
              let curated = reference.curatedEntity(named: acronym) else { return nil }
        let words = Set(name.lowercased().split(separator: " ")), canonical = Set(curated.name.lowercased().split(separator: " "))
        return words.intersection(canonical).count * 2 >= max(words.count, canonical.count) ? curated : nil
    }

    /// The capitalised owner of a report noun: "Marinov's observations" → Marinov.
    func possessor(_ phrase: NamePhrase) -> String? {
        guard phrase.text.unicodeScalars.contains(where: { $0 == "'" || $0 == "’" }) else { return nil }
        let words = phrase.text.split(separator: " ")
        guard words.count >= 2, let last = words.last, Lexicon.reportNouns.contains(last.lowercased()) else { return nil }
        guard let owner = words.dropLast().lastIndex(where: { NameReader.endsPossessive($0) }),
              words[owner].first?.isUppercase == true else { return nil }
        var start = owner
        while start > 0, words[start - 1].first?.isUppercase == true { start -= 1 }
        return (words[start..<owner] + [words[owner].dropLast(2)]).joined(separator: " ")
    }

    /// An organisation named inside a description, ending in a report noun or followed by one.
    func embeddedOrganization(_ phrase: NamePhrase) -> String? {
        // Only a description with a capital after its first letter can hold a name.
        guard phrase.text.utf8.dropFirst().contains(where: { $0 >= 65 && $0 <= 90 || $0 >= 0xC0 }) else { return nil }
        let words = phrase.text.split(separator: " ")
        guard words.count >= 2, let index = words.firstIndex(where: { $0.first?.isUppercase == true && words.firstIndex(of: $0) != 0 }) else { return nil }
        var run: [Substring] = []
        for word in words[index...] { if word.first?.isUppercase == true || word.allSatisfy(\.isUppercase) { run.append(word) } else { break } }
        guard !run.isEmpty else { return nil }
        let after = words.dropFirst(index + run.count).first.map { $0.lowercased() }
        let name = run.joined(separator: " ")
        let isBody = organizations.contains { $0.name.hasSuffix(name) || $0.name == name } || run.contains { Lexicon.organizationWords.contains($0.lowercased()) }
        guard isBody, after.map({ Lexicon.reportNouns.contains($0) || ["press", "spokesman", "spokeswoman", "spokesperson", "officials", "statement"].contains($0) }) ?? true else { return nil }
        return Self.fullestName(name, in: aliases)
    }

    /// The named person who is the subject of an opening subordinate clause when `pronoun` opens
    /// the main clause right after its comma: "When Carlineo was approached, he told police".
    func subordinateClauseSubject(before pronoun: NamePhrase) -> String? {
        guard let p = paragraphs.firstIndex(where: { $0.range.contains(pronoun.span.start) }) else { return nil }
        let tokens = paragraphs[p].tokens
        guard let at = tokens.index(startingAt: pronoun.span.start), at >= 3, tokens[at - 1].mark == ",",
              let sentence = paragraphs[p].sentences.first(where: { $0.contains(at) }),
              NameReader.subordinators.contains(tokens[sentence.lowerBound].lower), sentence.lowerBound + 1 < at - 1 else { return nil }
        let wanted = NameGender.of(pronoun: pronoun.text)
        func fits(_ name: String) -> Bool { wanted == nil || gender(of: name).map { $0 == wanted } ?? true }
        if !tokens[(sentence.lowerBound + 1)..<(at - 1)].contains(where: { $0.mark == "," }) {
            let reader = NameReader(tokens: tokens, scalars: scalars)
            guard let subject = reader.after(sentence.lowerBound + 1, upperBound: at - 1), subject.kind == .named, !subject.isOrganization,
                  fits(subject.text) else { return nil }
            return subject.text
        }
        // "While the campaign did not appeal to Julie Graham, a health officer, she said …": the
        // person the clause names, wherever in it.
        // (A name after "to" is not on the list of people, which leaves out places: it is read here.)
        let reader = NameReader(tokens: tokens, scalars: scalars)
        var k = sentence.lowerBound + 1
        while k < at - 1 {
            if tokens[k].capitalized, let name = reader.after(k, upperBound: at - 1), name.kind == .named, !name.isOrganization,
               name.text.utf8.contains(32), reference.places(named: name.text).isEmpty, reference.curatedEntity(named: name.text) == nil {
                return fits(name.text) ? name.text : nil
            }
            k += 1
        }
        return nil
    }

    /// The pair named last before `offset` (pairs found while resolving come after the ones read
    /// up front, so the array is not in text order).
    func lastPair(before offset: Int, within distance: Int) -> (name: String, at: Int)? {
        pairs.filter { $0.at < offset && offset - $0.at < distance }.max { $0.at < $1.at }
    }

    /// Legal forms after a company's name.
    static let corporateSuffixes: Set<String> = ["co", "co.", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "llc", "plc", "ag", "sa",
                                                 "gmbh", "co ltd", "company"]

    /// Plural nouns for people that "both" can put before a pair named earlier.
    static let pairNouns: Set<String> = ["men", "women", "leaders", "politicians", "candidates", "players", "brothers", "sisters",
                                         "hostages", "senators", "lawmakers", "officials", "executives", "scientists",
                                         "researchers", "authors", "actors", "singers", "pilots", "ministers"]

    /// Heads of "the news organization", "the media outlet".
    static let mediaHeads: Set<String> = ["organization", "organisation", "outlet", "agency", "site", "network", "service", "channel"]

    /// Nouns a text uses for a body it has named: "the company", "the group", "the label".
    static let mediaBodyNouns: Set<String> = ["network", "publisher", "studio"]
    static let bodyNouns: Set<String> = ["company", "firm", "group", "organisation", "organization", "label", "brokerage",
                                         "startup", "chain", "retailer", "carrier", "operator", "charity", "coalition",
                                         "network", "publisher", "lender", "insurer", "manufacturer", "developer", "studio",
                                         "automaker", "carmaker", "airline", "bank"]

    /// The body named or heard from last before `offset`, within a few paragraphs: an organisation
    /// the document names, or a speaker known to be a body.
    /// Not a place written as an acronym ("US politicians"), and not when the noun has described
    /// an unnamed body since ("the water company in Giurgiu … the company said").
    func lastBody(before offset: Int, noun: String) -> String? {
        var n = organizations.endIndex
        var named: NamedOrganization?
        while n > organizations.startIndex {
            n -= 1
            let organization = organizations[n]
            guard organization.at < offset else { continue }
            if offset - organization.at > 2000 { break }
            // ("The company confirmed" after "Reuters reported": a cited outlet is not the company
            // the story is about, unless the noun is a media one.)
            let curatedType = reference.curatedEntity(named: organization.name)?.type
            guard !organization.isGeneric, reference.places(named: organization.name).isEmpty, curatedType != .place,
                  curatedType != .outlet || Self.mediaBodyNouns.contains(noun) else { continue }
            named = organization
            break
        }
        let speaker = known.last(where: {
            $0.isOrganization && $0.lastSeen < offset && offset - $0.lastSeen < 2000
                && (Self.mediaBodyNouns.contains(noun) || reference.curatedEntity(named: $0.name)?.type != .outlet)
        })
        let at = max(speaker?.lastSeen ?? -1, named?.at ?? -1)
        guard at >= 0 else { return nil }
        let between = String(scalars: scalars[at..<offset]).lowercased()
        guard !between.contains(" " + noun + " ") else { return nil }
        if let speaker, speaker.lastSeen > named?.at ?? -1 { return speaker.name }
        return named.map { Self.fullestName($0.bareName, in: aliases) }
    }

    /// The first organisation named before `offset` whose name starts with the word `first`
    /// ("Alden" → "Alden Global Capital"), also as the second of two bodies a run joins with "and"
    /// ("Gannett and GateHouse Media").
    func organizationStarting(with first: String, before offset: Int) -> String? {
        // An acronym is a whole name already: "VW" is not the start of "VW Atlas Cross Sport SUV".
        if first.count >= 2, first.allSatisfy({ $0.isUppercase }) { return nil }
        let wanted = first + " "
        let asciiWanted = wanted.utf8.allSatisfy { $0 < 128 }
        for organization in organizations where organization.at < offset && organization.words.count >= 2 {
            let name = organization.bareName
            // An ASCII name whose bytes do not hold the word and a space has no part that starts
            // with them: it is passed over without Foundation splitting it.
            if asciiWanted, name.utf8.allSatisfy({ $0 < 128 }), !ByteSearch.contains(name, wanted) { continue }
            for part in name.components(separatedBy: " and ") where part.hasPrefix(wanted) {
                return Self.fullestName(part, in: aliases)
            }
        }
        return nil
    }

    /// The organisation named last before `offset`, with where it was named.
    func lastOrganizationMention(before offset: Int) -> (name: String, at: Int)? {
        // (Within a few paragraphs: a photo credit's agency at the top is not "they" pages later.)
        guard let organization = organizations.last(where: { $0.at < offset && !$0.isGeneric }), offset - organization.at < 3000 else { return nil }
        let name = organization.bareName
        return (Self.fullestName(name, in: aliases), organization.at)
    }

    /// The organisation named last before `offset`, optionally one whose name has the word `head`.
    func lastOrganization(before offset: Int, matching head: String?) -> String? {
        // Organisations are in text order: walk back from the last one before `offset`.
        var n = organizations.endIndex
        while n > organizations.startIndex {
            n -= 1
            let organization = organizations[n]
            // A bare generic word ("The Board") names nothing by itself.
            guard organization.at < offset, !organization.isGeneric else { continue }
            if let word = head, !organization.words.contains(where: { $0 == word || $0.hasPrefix(word) }) { continue }
            return Self.fullestName(organization.bareName, in: aliases)
        }
        return nil
    }
}

/// The words of a lowercased phrase as `split(separator: " ")` gives them, by the few the
/// resolution rules read: how many, and the first, second and last.
struct PhraseWords {
    private(set) var count = 0
    private(set) var first: Substring?
    private(set) var second: Substring?
    private(set) var last: Substring?

    init(_ text: String) {
        let bytes = text.utf8
        // ASCII (nearly every phrase) is split at its space bytes; other text by characters, where
        // a space with a combining mark on it is no separator.
        guard bytes.allSatisfy({ $0 < 128 }) else {
            for word in text.split(separator: " ") { add(word) }
            return
        }
        var k = bytes.startIndex
        while k < bytes.endIndex {
            guard bytes[k] != 32 else { k = bytes.index(after: k); continue }
            var end = k
            while end < bytes.endIndex, bytes[end] != 32 { end = bytes.index(after: end) }
            add(text[k..<end])
            k = end
        }
    }

    private mutating func add(_ word: Substring) {
        if count == 0 { first = word } else if count == 1 { second = word }
        last = word
        count += 1
    }
}
