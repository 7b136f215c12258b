/// The grammatical gender a name most likely takes in English news prose, for matching "he"
/// and "she" to people. Only a short list of common given names: a name it does not know fits
/// either pronoun, so an unusual name is never ruled out, only a clear mismatch is.
enum NameGender: Equatable {
    case feminine, masculine

    static func of(pronoun: String) -> NameGender? {
        switch pronoun {
        case "she", "her", "hers": return .feminine
        case "he", "him", "his": return .masculine
        default: return nil
        }
    }

    /// From a title ("Mrs", "Mr") or the first given name of a full name.
    static func of(name: String) -> NameGender? {
        // The words are taken one at a time, as `split(separator: " ")` gives them: nearly every
        // name is settled by its first word, and splitting the whole name first cost more.
        var rest = Substring(name)
        while true {
            rest = rest.drop { $0 == " " }
            guard !rest.isEmpty else { return nil }
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            let lower = loweredWithoutDots(rest[..<end])
            if let gender = byWord[lower] { return gender }
            // Only the first word that is not a title can be the given name.
            if !Lexicon.titleWords.contains(lower) { return nil }
            rest = rest[end...]
        }
    }

    /// A word lowercased, without its dots ("Mrs." → "mrs"); ASCII words byte by byte.
    private static func loweredWithoutDots(_ word: Substring) -> String {
        let utf8 = word.utf8
        guard utf8.allSatisfy({ $0 < 128 }) else { return word.lowercased().filter { $0 != "." } }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var n = 0
            for var byte in utf8 where byte != UInt8(ascii: ".") {
                if byte >= 65 && byte <= 90 { byte += 32 }
                buffer[n] = byte
                n += 1
            }
            return n
        }
    }

    /// Titles and given names with the gender each gives, in one table: the pronoun rules ask
    /// this of every person they consider, and asking four lists in turn for each word cost more
    /// than the rest of the rule. Where lists overlap, a title outranks a name and a feminine
    /// name a masculine one, as the lists were asked in that order.
    private static let byWord: [String: NameGender] = {
        var table: [String: NameGender] = [:]
        for name in masculineNames { table[name] = .masculine }
        for name in feminineNames { table[name] = .feminine }
        for title in ["mrs", "ms", "miss", "dame", "lady", "queen", "princess"] { table[title] = .feminine }
        for title in ["mr", "sir", "lord", "king", "prince"] { table[title] = .masculine }
        return table
    }()

    static let feminineNames: Set<String> = [
        "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy", "lisa",
        "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle", "carol", "amanda", "dorothy",
        "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "angela", "shirley",
        "anna", "brenda", "pamela", "emma", "nicole", "helen", "samantha", "katherine", "christine", "debra", "rachel",
        "carolyn", "janet", "catherine", "maria", "heather", "diane", "ruth", "julie", "olivia", "joyce", "virginia",
        "victoria", "kelly", "lauren", "christina", "joan", "evelyn", "judith", "megan", "andrea", "cheryl", "hannah",
        "jacqueline", "martha", "gloria", "teresa", "ann", "sara", "madison", "frances", "kathryn", "janice", "jean",
        "abigail", "alice", "judy", "sophia", "grace", "denise", "amber", "doris", "marilyn", "danielle", "beverly",
        "isabella", "theresa", "diana", "natalie", "brittany", "charlotte", "marie", "kayla", "alexis", "lori", "fiona",
        "claire", "julia", "nora", "ursula", "angela", "hillary", "nancy", "kamala", "theresa", "ana", "elena", "irina",
        "olga", "natalia", "svetlana", "milena", "desislava", "reka", "réka", "gwynne", "michelle", "jill", "melania",
        "ivanka", "ayesha", "fatima", "leila", "aisha", "sofia", "lucia", "chloe", "zoe", "ellen", "molly", "kate", "jane",
        "beth", "bethany", "elise", "teresa", "martha", "emilia", "amelia", "ava", "mia", "harper", "ella", "scarlett",
        "lily", "aria", "layla", "penelope", "riley", "nora", "hazel", "ellie", "stella", "violet", "aurora", "lucy",
        "anne", "annie", "sally", "susie", "wendy", "tina", "tracy", "carla", "paula", "monica", "veronica", "vanessa",
        "erin", "kristen", "kristin", "meghan", "megan", "caroline", "eleanor", "louise", "rose", "ruby", "iris", "ivy",
        "alexandria", "elise", "lena", "mara", "nina", "vera", "tatiana", "yulia", "oksana", "ingrid", "greta", "heidi",
        "priya", "anita", "sunita", "deepika", "mei", "ling", "yuki", "keiko", "hana", "rania", "noor", "maryam", "zainab",
        "beyonce", "adele", "oprah", "serena", "venus", "simone", "naomi", "ally", "gina", "jenna",
        "kimberly", "kathy", "cathy", "peggy", "joanna", "joanne", "suzanne", "lynn", "marian", "miriam", "esther",
    ]

    static let masculineNames: Set<String> = [
        // Familiar forms a feature may call a man by.
        "tommy", "jimmy", "johnny", "eddie", "joey", "timmy", "benny", "ronnie", "donnie", "teddy", "robbie", "frankie",
        "james", "robert", "john", "michael", "david", "william", "richard", "joseph", "thomas", "charles", "christopher",
        "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua", "kenneth", "kevin", "brian",
        "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric",
        "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander", "frank",
        "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "nathan", "henry", "douglas",
        "zachary", "peter", "kyle", "ethan", "walter", "noah", "jeremy", "christian", "keith", "roger", "terry", "gerald",
        "harold", "sean", "austin", "carl", "arthur", "lawrence", "dylan", "jesse", "jordan", "bryan", "billy", "joe",
        "bruce", "gabriel", "logan", "albert", "willie", "alan", "juan", "wayne", "elijah", "randy", "roy", "vincent",
        "ralph", "eugene", "russell", "bobby", "mason", "philip", "louis", "jim", "tim", "tom", "bill", "bob", "mike",
        "steve", "dave", "ben", "sam", "ted", "kurt", "rudy", "mitch", "boris", "vladimir", "sergei", "dmitry", "ivan",
        "mohammed", "muhammad", "ahmed", "ali", "omar", "hassan", "bashar", "recep", "emmanuel", "angus", "stoyan",
        "pavel", "luca", "marco", "hans", "pierre", "jean-pierre", "barack", "joseph", "mike", "strauss", "gordon", "adam",
        "neil", "nick", "chris", "matt", "dan", "danny", "greg", "jeff", "rob", "rick", "ricky", "ron", "don", "doug",
        "craig", "todd", "brad", "chad", "kurt", "kirk", "glenn", "dale", "owen", "martin", "howard", "lawrence", "ross",
        "ken", "kenny", "tony", "andy", "max", "leo", "oliver", "liam", "lucas", "harry", "charlie", "freddie",
        "hugh", "ian", "colin", "graham", "stuart", "duncan", "malcolm", "nigel", "clive", "rupert", "dominic", "jeremy",
        "keir", "nicolas", "francois", "emmanuel", "olaf", "angelo", "giuseppe", "giovanni", "carlos", "luis", "miguel",
        "pedro", "diego", "jorge", "javier", "rafael", "sergio", "andrei", "alexei", "mikhail", "nikolai", "yuri", "igor",
        "viktor", "volodymyr", "petro", "xi", "wei", "hiroshi", "kenji", "raj", "rahul", "amit", "narendra", "imran",
        "abdul", "khalid", "mahmoud", "mustafa", "yusuf", "ibrahim", "tariq", "hamid", "kevin", "elijah", "isaac", "jared",
        "travis", "shane", "derek", "marcus", "victor", "edgar", "oscar", "felix", "hugo", "jake", "josh", "zach", "luke",
        "scooter", "kanye", "elon", "bernie", "mitt", "rand", "beto", "pete", "cory", "chuck",
    ]
}

extension String {
    /// Whether this full name ends in `surname` as its last name, past a suffix: "Patrick Carlineo
    /// Jr." ends in "Carlineo", "Jim Mattis" in "Mattis".
    func endsWithSurname(_ surname: String) -> Bool {
        if let answer = Self.asciiEndsWithSurname(self, surname) { return answer }
        if hasSuffix(" " + surname) { return true }
        guard let space = lastIndex(of: " "), Self.nameSuffixes.contains(String(self[index(after: space)...]).lowercased()) else { return false }
        return self[..<space].hasSuffix(" " + surname)
    }

    /// `endsWithSurname` for two ASCII names (nearly all), compared byte by byte in place; nil
    /// for any other. Every speaker and person the document names is asked this for each short
    /// name met, and making " " + surname into a string to compare by characters each time cost
    /// more than the rest of resolving it. (In ASCII, characters are bytes: the answers agree.)
    private static func asciiEndsWithSurname(_ name: String, _ surname: String) -> Bool? {
        let answer = name.utf8.withContiguousStorageIfAvailable { n -> Bool? in
            let inner = surname.utf8.withContiguousStorageIfAvailable { s -> Bool? in
                guard n.allSatisfy({ $0 < 128 }), s.allSatisfy({ $0 < 128 }) else { return nil }
                // Whether the name's first `end` bytes end with a space and the surname.
                func endsWithSurname(before end: Int) -> Bool {
                    end > s.count && n[end - s.count - 1] == 32 && n[(end - s.count)..<end].elementsEqual(s)
                }
                if endsWithSurname(before: n.count) { return true }
                guard let space = n.lastIndex(of: 32) else { return false }
                // A last word longer than every suffix is not lowered to ask.
                let last = n[(space + 1)...]
                guard last.count <= longestSuffix, nameSuffixes.contains(String(decoding: last, as: UTF8.self).lowercased()) else { return false }
                return endsWithSurname(before: space)
            }
            return inner ?? nil
        }
        return answer ?? nil
    }

    /// The number of bytes of the longest name suffix.
    private static let longestSuffix = nameSuffixes.map(\.utf8.count).max() ?? 0

    /// Whether this is `short` or a full name that ends in it.
    func isFullName(of short: String) -> Bool { self == short || endsWithSurname(short) }

    static let nameSuffixes: Set<String> = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"]
}
