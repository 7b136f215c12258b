/// Word lists the extractors match against, lowercased.
enum Lexicon {
    /// Verbs that introduce or close a quotation or reported speech.
    static let speechVerbs: Set<String> = [
        "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "stated", "states", "state",
        "claimed", "claims", "claim", "claiming", "explained", "explains", "noted", "notes", "wrote", "writes", "write",
        "asked", "asks", "replied", "replies", "warned", "warns", "insisted", "insists", "argued", "argues", "declared",
        "declares", "announced", "announces", "confirmed", "confirms", "reported", "reports", "described", "describes",
        "suggested", "suggests", "acknowledged", "acknowledges", "admitted", "admits", "stressed", "stresses",
        "emphasized", "emphasised", "highlighted", "continued", "continues", "concluded", "concludes", "observed", "observes",
        "remarked", "remarks", "recalled", "recalls", "tweeted", "tweets", "posted", "quipped", "urged", "urges",
        "revealed", "reveals", "alleged", "alleges", "indicated", "indicates", "disclosed", "estimated", "estimates",
        "put", "explaining", "noting", "adding", "telling", "arguing", "insisting", "describing", "stating",
        "commented", "comments", "responded", "responds", "testified", "testifies", "maintained", "maintains",
        "contended", "contends", "predicted", "predicts", "cautioned", "cautions", "conceded", "concedes", "boasted",
        "complained", "complains", "pointed", "points", "lamented", "laments", "promised", "promises", "vowed",
        "vows", "assured", "assures", "denied", "denies", "quoted", "quotes", "shouted", "whispered", "screamed",
        "recounted", "recounts", "elaborated", "wondered", "mused", "countered", "retorted", "affirmed", "affirms",
        "reiterated", "reiterates", "repeated", "repeats", "assured", "assures", "uncovered", "corroborated",
        "clarified", "leaked", "requested", "documented", "alleging", "insisting", "advised", "advises", "recommended",
        "announcing", "revealing", "confirming", "suggesting", "admitting", "acknowledging", "stressing",
        "vowing", "denying", "asserting", "asserted", "asserts", "conceding", "predicting",
        // Verbs of stance that report what a party holds: "Corvina disputed the notion that …".
        "begged", "pleaded", "disputed", "disputes", "cheered", "welcomed", "hailed", "condemned", "criticized",
        "criticised", "praised", "rejected", "dismissed", "boasting", "boasted", "bragged", "ruled",
        "accused", "accuses", "accusing", "blasted", "slammed", "bemoaned", "bemoans", "emailed", "volunteered",
        "criticising", "criticizing", "blamed", "blames", "blaming", "voiced", "mouthed", "expressed",
        "depicted", "depicts", "portrayed", "portrays",
        // Stances held and reported: "Analysts believe …", "Residents fear …".
        "believes", "fears", "feared", "worries", "denounced", "denounces", "projects", "projected", "forecast", "expect", "expects",
        "forecasts", "believe", "believed", "worry", "worried", "fear", "attributed", "attributes", "pledged", "pledges",
        // Findings reported: "Studies have shown that …" (only with "that", see `DocumentRun.needsThat`).
        "shown", "showed", "shows",
        // Bare forms after a modal or "to": "would describe how", "went on to explain".
        "describe", "explain", "warn", "argue", "insist", "admit", "acknowledge", "confirm", "reveal", "suggest",
        "observe", "conclude", "add", "recall", "predict", "declare", "announce", "stress", "concede", "affirm",
        // Only as a quotation's tag ("he would respond, “…”"): "did not respond to requests" reports nothing.
        "respond", "reply",
    ]

    /// Verbs whose subject is a source of reported content, for attributions without quotation marks.
    static let reportingVerbs: Set<String> = speechVerbs.subtracting(["put", "asked", "asks", "wondered", "mused", "shouted",
                                                                     "whispered", "screamed", "continued", "continues", "quoted",
                                                                     "quotes", "posted", "tell", "write", "state", "claim",
                                                                     "respond", "reply"])
        // Findings shown, never a quotation's tag: "Pluznick demonstrated in 2013 that …".
        .union(["show", "demonstrated", "demonstrates", "demonstrate", "indicate", "indicates", "indicated",
                "recognizes", "recognises", "recognized", "recognised"])
        // Stances held, only with a clause after them (see `DocumentRun.clauseVerbs`).
        .union(DocumentRun.clauseVerbs)
        // Views held by people left unnamed, only in the passive (see `DocumentRun.heldPassives`).
        .union(DocumentRun.heldPassives)

    /// Words before a bare "say" that make it no report: "to say", "would say", "did not say".
    static let sayBlockers: Set<String> = ["to", "not", "n't", "never", "would", "could", "should", "might", "may", "must",
                                           "will", "can", "cannot", "did", "does", "do", "let", "i", "we", "you"]

    /// Nouns that name a document or statement a source issued ("the BBC report", "Landis's analysis").
    static let reportNouns: Set<String> = ["report", "reports", "analysis", "investigation", "study", "article", "statement",
                                           "survey", "assessment", "memo", "document", "documents", "paper", "findings",
                                           "reporting", "account", "interview", "briefing", "release", "announcement",
                                           "testimony", "estimate", "estimates", "figures", "data", "letter", "tweet", "post",
                                           "observations", "remarks", "comments", "words", "claims", "claim", "warning",
                                           "admission", "assertion", "insistence", "contention", "allegation", "allegations",
                                           "accusation", "accusations", "denial", "charges"]

    /// Acronyms written for things, titles and conditions, not bodies: "the ID. Buzz", "an SUV",
    /// "the CEO".
    static let commonAcronyms: Set<String> = ["id", "tv", "ceo", "cfo", "coo", "cto", "vp", "ai", "it", "pc", "pr", "hr", "dna",
                                              "rna", "gps", "usb", "suv", "suvs", "ev", "evs", "ipo", "gdp", "ok", "dj", "am", "pm",
                                              "cd", "dvd", "ufo", "atm", "rv", "hiv", "aids", "covid", "led", "lcd", "sms", "pdf",
                                              "url", "api", "vpn", "cctv", "mvp", "ppe", "icu", "er", "iq", "pin", "vip", "diy",
                                              "faq", "mri", "ivf", "adhd", "ptsd", "gpa", "mba", "lol", "omg", "aka"]

    /// Words of a title or role that precede a name ("Defense Secretary", "Brig. Gen.", "spokesman").
    static let titleWords: Set<String> = [
        "secretary", "minister", "prime", "president", "vice", "general", "gen", "brigadier", "brig", "lieutenant", "lt",
        "colonel", "col", "major", "maj", "captain", "capt", "sergeant", "sgt", "admiral", "adm", "commander", "cmdr", "chief",
        "spokesman", "spokeswoman", "spokesperson", "director", "deputy", "ambassador", "envoy", "senator", "sen",
        "representative", "rep", "congressman", "congresswoman", "governor", "gov", "mayor", "chairman", "chairwoman",
        "chair", "ceo", "professor", "prof", "dr", "mr", "mrs", "ms", "judge", "justice", "king", "queen", "prince",
        "princess", "sheikh", "pope", "archbishop", "bishop", "father", "rev", "officer", "official", "former", "then",
        "acting", "interim", "defense", "defence", "state", "foreign", "interior", "health", "finance", "home", "attorney",
        "department", "head", "leader", "founder", "editor", "correspondent", "reporter", "journalist", "analyst",
        "expert", "researcher", "scholar", "economist", "historian", "adviser", "advisor", "counsel", "diplomat",
        "commissioner", "inspector", "executive", "manager", "coordinator", "special", "senior", "junior", "top",
        "white", "house", "press", "national", "security", "intelligence", "military", "army", "navy", "deputy-director",
        "mp", "mep", "premier", "chancellor", "speaker", "fisherman", "farmer", "resident", "witness", "engineer",
        "actor", "actress", "singer", "author", "novelist", "comedian", "poet", "musician", "coach", "quarterback",
        // Positions on a team as sports pages write them before a player's name ("Browns DL …").
        "qb", "dl", "wr", "rb", "lb", "cb", "ol", "dt", "cfo", "cto", "coo",
        "u.s.", "us", "british", "french", "russian", "syrian", "iraqi", "turkish", "iranian", "israeli", "american",
        "german", "chinese", "kurdish", "saudi", "egyptian", "ukrainian", "european", "bulgarian", "romanian", "hungarian",
    ]

    /// Titles that belong to a person, never to an organisation's name.
    static let personTitles: Set<String> = ["secretary", "minister", "president", "general", "gen", "spokesman", "spokeswoman",
                                            "spokesperson", "director", "deputy", "ambassador", "senator", "governor", "mayor",
                                            "chairman", "chairwoman", "ceo", "professor", "prof", "dr", "mr", "mrs", "ms", "judge",
                                            "commander", "chief", "head", "leader", "former", "then", "acting", "interim"]

    /// Lower-case words that join the parts of a name ("Syrian Observatory for Human Rights", "bin Laden").
    static let nameConnectors: Set<String> = ["of", "for", "the", "and", "de", "del", "da", "di", "du", "van", "von", "der",
                                              "den", "bin", "ibn", "al", "el", "ad", "ar", "as", "az", "ash", "la", "le", "&"]

    /// Heads of organisation names, and words that make a name an organisation's.
    static let organizationWords: Set<String> = [
        "forces", "force", "army", "ministry", "department", "agency", "authority", "board", "corporation", "corp", "inc", "co", "ltd", "llc", "plc", "gmbh",
        "institute", "observatory", "council", "committee", "commission", "office", "bureau", "service", "services",
        "government", "administration", "coalition", "party", "front", "brigade", "brigades", "militia", "group", "union",
        "university", "foundation", "association", "organization", "organisation", "company", "lines", "bank", "fund",
        "court", "parliament", "congress", "senate", "pentagon", "kremlin", "news", "times", "post", "journal", "wire",
        "press", "review", "herald", "tribune", "gazette", "observer", "ledger", "courier", "guardian", "telegraph",
        "independent", "reuters", "bbc", "cnn", "nbc", "cbs", "abc", "fox", "intelligence", "network", "channel", "radio",
        "television", "tv", "daily", "weekly", "magazine", "blog", "notes", "desk", "lantern", "state", "nations", "watch",
        "international", "red", "cross", "crescent", "police", "navy", "guard", "command", "house",
        "records", "studios", "entertainment", "productions", "media", "holdings", "partners", "labs", "systems",
        "airlines", "motors", "pharmaceuticals", "technologies", "capital", "ventures", "brands", "communications",
        "center", "centre", "centers", "centres", "academy", "society", "federation", "alliance", "securities", "equities",
        "hospital", "laboratory",
    ]

    /// Nouns that, after "the", refer back to a named speaker ("the report stated", "the commander said").
    static let documentNouns: Set<String> = ["report", "statement", "article", "study", "agency", "ministry", "group", "organization",
                                             "organisation", "outlet", "newspaper", "paper", "network", "channel", "broadcaster",
                                             "observatory", "authority", "board", "company", "government", "administration",
                                             "coalition", "council", "department", "office", "army", "militia", "pentagon"]

    /// Words before a quotation that mark it as a title.
    /// Words right before a quoted title that name it: "the podcast “…”", "a book called “…”".
    static let titleNouns: Set<String> = ["podcast", "show", "episode", "newsletter", "poem", "novel", "movie", "film", "book",
                                          "album", "song", "documentary", "series", "titled", "entitled", "headlined", "dubbed",
                                          "hashtag", "column", "essay", "op-ed", "programme", "program"]

    static let titleCues: Set<String> = ["titled", "entitled", "headlined", "headline", "called", "named", "dubbed", "book",
                                         "article", "op-ed", "column", "documentary", "film", "series", "operation", "slogan",
                                         "campaign", "programme", "program", "song", "album", "essay", "paper", "report", "piece",
                                         "podcast", "show", "episode", "newsletter", "poem", "novel", "movie", "hashtag"]

    /// With their contracted verbs: "he’d respond", "she’ll say" (the reader drops the verb).
    static let personPronouns: Set<String> = contracted(["he", "she"])
    static let groupPronouns: Set<String> = contracted(["they"]).union(["it"])

    private static func contracted(_ pronouns: Set<String>) -> Set<String> {
        pronouns.union(pronouns.flatMap { pronoun in ["’d", "'d", "’ll", "'ll", "’s", "'s", "’re", "'re"].map { pronoun + $0 } })
    }

    /// Determiners that open an unnamed source's description ("a lorry driver", "one British journalist").
    static let descriptionDeterminers: Set<String> = ["a", "an", "the", "one", "some", "several", "two", "three", "many",
                                                      "other", "another", "local", "senior", "unnamed", "anonymous", "most",
                                                      "few", "various", "numerous", "both", "those"]
}

/// Which word lists a word belongs to, looked up once per token so the extractors test bits
/// instead of hashing the word again for every list (the hashing dominated profiles).
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt64
    static let speechVerbs = WordClass(rawValue: 1 << 0)
    static let reportingVerbs = WordClass(rawValue: 1 << 1)
    static let reportNouns = WordClass(rawValue: 1 << 2)
    static let titleWords = WordClass(rawValue: 1 << 3)
    static let personTitles = WordClass(rawValue: 1 << 4)
    static let nameConnectors = WordClass(rawValue: 1 << 5)
    static let organizationWords = WordClass(rawValue: 1 << 6)
    static let documentNouns = WordClass(rawValue: 1 << 7)
    static let titleCues = WordClass(rawValue: 1 << 8)
    static let personPronouns = WordClass(rawValue: 1 << 9)
    static let groupPronouns = WordClass(rawValue: 1 << 10)
    static let descriptionDeterminers = WordClass(rawValue: 1 << 11)
    static let capitalizedNonNames = WordClass(rawValue: 1 << 12)
    static let prepositions = WordClass(rawValue: 1 << 13)
    static let verbModifiers = WordClass(rawValue: 1 << 14)
    static let descriptionStops = WordClass(rawValue: 1 << 15)
    static let hedgeStarts = WordClass(rawValue: 1 << 16)
    static let aliasCues = WordClass(rawValue: 1 << 17)
    /// Month names and their abbreviations.
    static let months = WordClass(rawValue: 1 << 18)
    /// Words that can start a relative date ("yesterday", "last", "monday", "a").
    static let dateStarts = WordClass(rawValue: 1 << 19)
    /// Written numbers, scales and vague amounts ("seven", "million", "dozens").
    static let numberWords = WordClass(rawValue: 1 << 20)
    /// Words that open an attribution without a reporting verb ("according", "citing", "his").
    static let attributionCues = WordClass(rawValue: 1 << 21)
    /// Verbs of an estimate reported like speech ("put the loss at").
    static let estimateVerbs = WordClass(rawValue: 1 << 22)
    /// Words that put a weekday ahead ("will", "due") or behind ("was", "said").
    static let futureMarkers = WordClass(rawValue: 1 << 23)
    static let pastMarkers = WordClass(rawValue: 1 << 24)
    /// Words a quantity's counted noun may be read past ("of", "more", "armed"), and words that end
    /// the search for it ("to", "were", "said").
    static let quantitySkips = WordClass(rawValue: 1 << 25)
    static let quantityStops = WordClass(rawValue: 1 << 26)
    /// Words for entity typing: a region of a place ("Northern"), an outlet's head ("Times"), a
    /// place's head ("Bridge").
    static let regionWords = WordClass(rawValue: 1 << 27)
    static let outletHeads = WordClass(rawValue: 1 << 28)
    static let placeHeads = WordClass(rawValue: 1 << 29)
    /// Date words that start a date only before a unit ("a year later", "last week"), and the units.
    static let dateCounters = WordClass(rawValue: 1 << 30)
    static let dateUnits = WordClass(rawValue: 1 << 31)
    // The lists below stood as sets or array literals in the finders, hashed or walked for every
    // word they were asked about; as bits they cost one test.
    /// Prepositions of place before a name ("in Ruse", "near Marten").
    static let placePrepositions = WordClass(rawValue: 1 << 32)
    /// Sentence-initial nouns before a name that are not part of it ("Map of Bulgaria").
    static let leadingNouns = WordClass(rawValue: 1 << 33)
    /// One-word comparators before a number ("almost", "over"), and the last words of the
    /// longer ones ("than" in "more than").
    static let comparators = WordClass(rawValue: 1 << 34)
    static let comparatorEnds = WordClass(rawValue: 1 << 35)
    static let seasons = WordClass(rawValue: 1 << 36)
    /// Abbreviations a full stop does not end a sentence after ("Gen.", "Jan.").
    static let abbreviations = WordClass(rawValue: 1 << 37)
    /// Words a year stands after on its own ("in 2015", "since 2019"), and the determiners it
    /// stands after before a noun ("the 2015 surge").
    static let yearLeads = WordClass(rawValue: 1 << 38)
    static let yearDeterminers = WordClass(rawValue: 1 << 39)
    /// Words before a month that make it a relative date ("last June", "in March").
    static let monthLeads = WordClass(rawValue: 1 << 40)
    /// Words before a weekday that put it ahead ("by Friday", "until Monday").
    static let aheadCues = WordClass(rawValue: 1 << 41)
    /// Lower-case particles inside a person's name ("bin", "van").
    static let nameParticles = WordClass(rawValue: 1 << 42)
    static let royalTitles = WordClass(rawValue: 1 << 43)
    static let weekdays = WordClass(rawValue: 1 << 44)
    /// Counting words of a relative date ("a", "two"), the units they count ("days"), and the
    /// words after "this", "last" or "next" that make a date ("week", "monday").
    static let smallCounts = WordClass(rawValue: 1 << 45)
    static let spanUnits = WordClass(rawValue: 1 << 46)
    static let relativeUnits = WordClass(rawValue: 1 << 47)
    /// Single words the rules look for everywhere. As bits they are tested without a string
    /// comparison, which costs a call for every other word and goes through Unicode
    /// normalisation for a curly mark.
    static let the = WordClass(rawValue: 1 << 48)
    static let of = WordClass(rawValue: 1 << 49)
    static let and = WordClass(rawValue: 1 << 50)
    static let to = WordClass(rawValue: 1 << 51)
    static let by = WordClass(rawValue: 1 << 52)
    /// Words that open a subordinate clause before the main one ("While …, the authority said").
    static let clauseOpeners = WordClass(rawValue: 1 << 53)
    /// Adverbs and auxiliaries of a passive before its participle ("was also reported").
    static let passiveAdverbs = WordClass(rawValue: 1 << 54)
    static let passiveAuxiliaries = WordClass(rawValue: 1 << 55)
    /// Words that name a kind of body ("board", "ministry"): "the Board" stands for one named before.
    static let genericBodies = WordClass(rawValue: 1 << 56)
    /// Reporting verbs that can be read as nouns or as taking an object ("reports", "wrote"),
    /// which `DocumentRun.isNounUse` looks at further; no other verb is.
    static let nounUseVerbs = WordClass(rawValue: 1 << 57)
    /// Verbs whose object is the one quoted ("quotes", "cited").
    static let quotingVerbs = WordClass(rawValue: 1 << 58)
    /// Verbs of a view held, reported with "as": "Ward sees the lineup as its weak spot".
    static let viewVerbs = WordClass(rawValue: 1 << 59)
    /// A person's people: "the laboratory of X", "X and her colleagues".
    static let teamNouns = WordClass(rawValue: 1 << 60)
    /// Words after a one-word name that show it is a company's ("CEO", "shares", "executives").
    static let companyWords = WordClass(rawValue: 1 << 61)
    /// Acronyms that are common nouns ("ID", "SUV", "CEO"): alone, they name no body.
    static let commonAcronyms = WordClass(rawValue: 1 << 62)
}

extension Lexicon {
    /// Every listed word's classes, in the table the tokenizer looks each word up in.
    static let wordClasses = WordClassTable(classes)

    static let classes: [String: WordClass] = {
        var table: [String: WordClass] = [:]
        func add(_ words: Set<String>, _ c: WordClass) { for w in words { table[w, default: []].insert(c) } }
        add(speechVerbs, .speechVerbs)
        add(reportingVerbs, .reportingVerbs)
        add(reportNouns, .reportNouns)
        add(titleWords, .titleWords)
        add(personTitles, .personTitles)
        add(nameConnectors, .nameConnectors)
        add(organizationWords, .organizationWords)
        add(documentNouns, .documentNouns)
        add(titleCues, .titleCues)
        add(personPronouns, .personPronouns)
        add(groupPronouns, .groupPronouns)
        add(descriptionDeterminers, .descriptionDeterminers)
        add(NameReader.capitalizedNonNames, .capitalizedNonNames)
        add(NameReader.prepositions, .prepositions)
        add(NameReader.verbModifiers, .verbModifiers)
        add(NameReader.descriptionStops, .descriptionStops)
        add(HedgeFinder.firstWords, .hedgeStarts)
        add(DocumentRun.aliasCues, .aliasCues)
        add(Set(DateFinder.months + DateFinder.months.map { String($0.prefix(3)) } + ["sept"]), .months)
        add(["yesterday", "yesterday's", "today", "today's", "tonight", "tomorrow", "tomorrow's", "monday", "tuesday",
             "wednesday", "thursday", "friday", "saturday", "sunday", "last", "this", "next", "previous", "late", "early", "mid",
             "earlier", "later", "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], .dateStarts)
        add(Set(DateFinder.smallCounts.keys).union(["this", "last", "next"]), .dateCounters)
        add(Set(DateFinder.spanUnits.keys).union(DateFinder.relativeUnits), .dateUnits)
        add(["according", "citing", "his", "her", "their", "per", "view", "opinion", "warning"], .attributionCues)
        add(EntityFinder.regionWords, .regionWords)
        add(EntityFinder.outletHeads, .outletHeads)
        add(EntityFinder.placeHeads, .placeHeads)
        add(QuantityFinder.skipWords, .quantitySkips)
        add(QuantityFinder.stopWords.union(QuantityFinder.verbs), .quantityStops)
        add(DateFinder.futureMarkers, .futureMarkers)
        add(DateFinder.pastMarkers, .pastMarkers)
        add(["put", "puts", "putting", "placed", "places"], .estimateVerbs)
        add(["see", "sees", "saw", "seen", "view", "views", "viewed", "regard", "regards", "regarded", "cited", "cites"], .viewVerbs)
        add(DocumentRun.teamNouns, .teamNouns)
        add(DocumentRun.companyPossessions.union(DocumentRun.companyPeople), .companyWords)
        add(Set(QuantityFinder.words.keys).union(QuantityFinder.vague.keys).union(QuantityFinder.scales.keys), .numberWords)
        add(EntityFinder.placePrepositions, .placePrepositions)
        add(EntityFinder.leadingNouns, .leadingNouns)
        add(QuantityFinder.comparators1, .comparators)
        add(QuantityFinder.comparatorEnds, .comparatorEnds)
        add(DateFinder.seasons, .seasons)
        add(SentenceSplitter.abbreviations, .abbreviations)
        add(DateFinder.yearLeads, .yearLeads)
        add(DateFinder.yearDeterminers, .yearDeterminers)
        add(DateFinder.monthLeads, .monthLeads)
        add(DateFinder.aheadCues, .aheadCues)
        add(DocumentRun.nameParticles, .nameParticles)
        add(DocumentRun.royalTitles, .royalTitles)
        add(Set(DateFinder.weekdays.keys), .weekdays)
        add(Set(DateFinder.smallCounts.keys), .smallCounts)
        add(Set(DateFinder.spanUnits.keys), .spanUnits)
        add(DateFinder.relativeUnits, .relativeUnits)
        add(["the"], .the)
        add(["of"], .of)
        add(["and"], .and)
        add(["to"], .to)
        add(["by"], .by)
        add(DocumentRun.clauseOpeners, .clauseOpeners)
        add(DocumentRun.passiveAdverbs, .passiveAdverbs)
        add(DocumentRun.passiveAuxiliaries, .passiveAuxiliaries)
        add(DocumentRun.genericBodies, .genericBodies)
        add(commonAcronyms, .commonAcronyms)
        add(DocumentRun.quotingVerbs, .quotingVerbs)
        add(DocumentRun.takingVerbs.union(DocumentRun.needsThat).union(DocumentRun.nounLikeVerbs).union(DocumentRun.addingVerbs).union(DocumentRun.replyVerbs)
            .union(DocumentRun.clauseVerbs).union(DocumentRun.heldPassives).union(["say"]), .nounUseVerbs)
        // Words on no list that phrases are matched against: they get a slot of their own.
        add(HedgeFinder.phraseWords, [])
        return table
    }()
}

/// A fixed open-addressing table from lowercased words to their classes. The tokenizer looks up
/// every word of every document, and the general dictionary's seeded hashing was a tenth of the
/// extract stage; FNV-1a over the bytes and one string comparison cost a fraction of it.
struct WordClassTable: Sendable {
    private let keys: [String]
    private let values: [WordClass]
    private let mask: Int
    /// The keys' bytes end to end, slot by slot: the key at slot `n` is
    /// `keyBytes[keyOffsets[n]..<keyOffsets[n + 1]]`, empty for an empty slot. The tokenizer
    /// compares a word's scalars with them before making a string of the word.
    private let keyBytes: [UInt8]
    private let keyOffsets: [Int32]

    init(_ words: [String: WordClass]) {
        var size = 1
        while size < words.count * 4 { size <<= 1 }
        var keys = [String](repeating: "", count: size)
        var values = [WordClass](repeating: [], count: size)
        for (word, classes) in words where !word.isEmpty {
            var slot = Self.hash(word) & (size - 1)
            while !keys[slot].isEmpty { slot = (slot + 1) & (size - 1) }
            keys[slot] = word
            values[slot] = classes
        }
        self.keys = keys
        self.values = values
        mask = size - 1
        var bytes: [UInt8] = []
        var offsets: [Int32] = [0]
        for key in keys {
            bytes.append(contentsOf: key.utf8)
            offsets.append(Int32(bytes.count))
        }
        keyBytes = bytes
        keyOffsets = offsets
    }

    /// FNV-1a, fed a byte at a time so the tokenizer can hash a word while it lowercases it.
    struct Hash {
        private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) mutating func add(_ byte: UInt8) { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var value: Int { Int(truncatingIfNeeded: state ^ (state >> 29)) }
    }

    @inline(__always) private static func hash(_ word: String) -> Int {
        var h = Hash()
        for byte in word.utf8 { h.add(byte) }
        return h.value
    }

    subscript(_ word: String) -> WordClass { self[word, hash: Self.hash(word)] }

    /// The classes of `word`, whose `Hash` the caller already has.
    subscript(_ word: String, hash hash: Int) -> WordClass {
        let slot = self.slot(of: word, hash: hash)
        return slot < 0 ? [] : values[Int(slot)]
    }

    /// How many slots the table has: tables keyed by listed words can be arrays this long.
    var slotCount: Int { keys.count }

    func slot(of word: String) -> Int32 { slot(of: word, hash: Self.hash(word)) }

    /// Where `word` is in the table, -1 when it is on no list. Two words have the same slot only
    /// when they are the same word.
    func slot(of word: String, hash: Int) -> Int32 {
        var slot = hash & mask
        while true {
            let key = keys[slot]
            if key.isEmpty { return -1 }
            if key == word { return Int32(truncatingIfNeeded: slot) }
            slot = (slot + 1) & mask
        }
    }

    /// Where the ASCII word `s[start..<end]`, lowercased, is in the table (-1 when it is on no
    /// list), given the `Hash` of its lowercased bytes: `slot(of:hash:)` without making the
    /// string first.
    func slot(ofASCII s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, hash: Int) -> Int32 {
        let length = end - start
        var slot = hash & mask
        while true {
            let from = Int(keyOffsets[slot]), to = Int(keyOffsets[slot + 1])
            if from == to { return -1 }
            if to - from == length {
                var same = true
                for n in 0..<length where keyBytes[from + n] != Tokenizer.asciiLowered(s[start + n]) {
                    same = false
                    break
                }
                if same { return Int32(truncatingIfNeeded: slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The listed word at `slot`.
    func word(at slot: Int32) -> String { keys[Int(slot)] }

    /// The classes of the word at `slot`.
    @inline(__always) func classes(at slot: Int32) -> WordClass { slot < 0 ? [] : values[Int(slot)] }
}
