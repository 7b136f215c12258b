import ClaimTraceCore

/// Finds dates in a paragraph and resolves them: absolute dates as written, relative ones
/// ("yesterday", "on Monday", "last June", "late last year", "a year later") against the
/// publication date, or against the last date mentioned for "later"/"earlier". A relative date
/// in a document with no stated publication date stays unresolved (value nil): never invented.
struct DateFinder {
    let published: PublicationDate?
    /// The last absolute date mentioned, for "a year later".
    var lastMentioned: (year: Int, month: Int?, day: Int?)?
    /// Where the last date mentioned ended: "a year later" counts from it only close by.
    var lastMentionedEnd = Int.min
    /// Weekdays already resolved in this document.
    private var resolvedWeekdays = [String??](repeating: nil, count: 28)
    /// The last value turned back into year, month and day for `lastMentioned`.
    private var lastParsed: (value: String, parts: DateParts)?

    init(published: PublicationDate?) { self.published = published }

    /// A number's whole part, or nil when it is too large for an Int ("1e400", forty nines).
    static func whole(_ value: Double) -> Int? {
        value.isFinite && abs(value) < 9e18 ? Int(value) : nil
    }

    mutating func find(_ tokens: [Token], scalars: [Unicode.Scalar]) -> [DateMention] {
        var out: [DateMention] = []
        var k = 0
        func word(_ i: Int) -> String? { i >= 0 && i < tokens.count && tokens[i].kind == .word ? tokens[i].lower : nil }
        func number(_ i: Int) -> Int? { i < tokens.count && tokens[i].kind == .number ? tokens[i].leadingValue.flatMap(Self.whole) : nil }
        func isYear(_ i: Int) -> Int? {
            guard i < tokens.count, tokens[i].kind == .number, tokens[i].end - tokens[i].start == 4, !tokens[i].hasLetterSuffix,
                  let value = tokens[i].leadingValue, let y = Self.whole(value), (1800...2100).contains(y) else { return nil }
            return y
        }
        func dayNumber(_ i: Int) -> Int? {
            guard i < tokens.count, tokens[i].kind == .number, let value = tokens[i].leadingValue, value == value.rounded(),
                  let d = Self.whole(value), (1...31).contains(d) else { return nil }
            // "26", "26th": digits alone or with an ordinal ending.
            guard tokens[i].hasLetterSuffix else { return tokens[i].end - tokens[i].start <= 2 ? d : nil }
            let suffix = tokens[i].lower.drop { $0.isASCII && $0.isNumber }
            return ["st", "nd", "rd", "th"].contains(String(suffix)) ? d : nil
        }
        func add(_ from: Int, _ to: Int, _ value: String?, relative: Bool) {
            out.append(DateMention(span: TextSpan(start: tokens[from].start, end: tokens[to].end), value: value, relative: relative))
            k = to + 1
            lastMentionedEnd = tokens[to].end
            // The last date mentioned anchors "a year later", whether written or resolved.
            if let value {
                let parts = lastParsed?.value == value ? lastParsed!.parts : Self.dateParts(of: value)
                lastParsed = (value, parts)
                if let year = parts.year { lastMentioned = (year, parts.month, parts.day) }
            }
        }
        while k < tokens.count {
            // Most words start no date: only months, relative-date words, seasons before "of",
            // hyphenated words ("mid-November") and numbers go on. (Read in place, not copied.)
            if tokens[k].kind == .word, !tokens[k].hyphenated, tokens[k].classes.isDisjoint(with: [.months, .dateStarts]),
               k + 1 == tokens.count || !tokens[k].classes.contains(.seasons) || !tokens[k + 1].classes.contains(.of) {
                k += 1
                continue
            }
            // "a", "this", "two" start a date only before a unit: "a year later", "this week".
            if tokens[k].classes.contains(.dateCounters), !tokens[k].classes.contains(.months),
               k + 1 == tokens.count || !tokens[k + 1].classes.contains(.dateUnits) {
                k += 1
                continue
            }
            // (The token is read in place: copying it out for every number and date word cost more.)
            // Month names: "March 26, 2019", "March 2019", "mid-November 2017", "March 26".
            if tokens[k].kind == .word, tokens[k].classes.contains(.months) || (tokens[k].hyphenated && !tokens[k].capitalized),
               let month = Self.month(tokens[k].lower) ?? Self.prefixedMonth(tokens[k].lower)?.month,
               tokens[k].capitalized || Self.prefixedMonth(tokens[k].lower) != nil, !(tokens[k].lower == "may" && !(number(k + 1) != nil || isYear(k + 1) != nil)) {
                var next = k + 1
                if next < tokens.count, tokens[next].mark == "." { next += 1 }
                if let day = dayNumber(next) {
                    var after = next + 1
                    if after < tokens.count, tokens[after].mark == "," { after += 1 }
                    if let year = isYear(after), let date = PublicationDate(year: year, month: month, day: day) {
                        lastMentioned = (year, month, day); add(k, after, date.description, relative: false); continue
                    }
                    let year = inferYear(month: month, day: day)
                    add(k, next, year.flatMap { PublicationDate(year: $0, month: month, day: day)?.description }, relative: true)
                    continue
                }
                var yearIndex = next
                if yearIndex < tokens.count, tokens[yearIndex].classes.contains(.of) { yearIndex += 1 }
                if let year = isYear(yearIndex) {
                    lastMentioned = (year, month, nil); add(k, yearIndex, Self.pad(year, month), relative: false); continue
                }
                if tokens[k].capitalized && tokens[k].lower.count > 3, k > 0, tokens[k - 1].kind == .word, tokens[k - 1].classes.contains(.monthLeads) {
                    // "last June", "in March": the month nearest before (or, for "next", after) publication.
                    let previous = word(k - 1)!
                    let value = resolveMonth(month, direction: previous == "next" ? 1 : previous == "this" ? 0 : -1)
                    add(previous == "in" ? k : k - 1, k, value, relative: true)
                    continue
                }
            }
            // "26 March 2019", "26th of March, 2019"
            if let day = dayNumber(k) {
                var m = k + 1
                if m < tokens.count, tokens[m].classes.contains(.of) { m += 1 }
                if m < tokens.count, tokens[m].classes.contains(.months), let month = word(m).flatMap(Self.month), tokens[m].capitalized {
                    var y = m + 1
                    if y < tokens.count, tokens[y].mark == "," { y += 1 }
                    if let year = isYear(y), let date = PublicationDate(year: year, month: month, day: day) {
                        lastMentioned = (year, month, day); add(k, y, date.description, relative: false); continue
                    }
                    add(k, m, inferYear(month: month, day: day).flatMap { PublicationDate(year: $0, month: month, day: day)?.description }, relative: true)
                    continue
                }
            }
            // "spring of 2025", "the summer of 2019": the season's year, the season in the span.
            if k + 1 < tokens.count, tokens[k + 1].classes.contains(.of), tokens[k].classes.contains(.seasons), let year = isYear(k + 2) {
                lastMentioned = (year, nil, nil); add(k, k + 2, String(year), relative: false); continue
            }
            // A year on its own after "in", "since", "of", "by", "until", "from", "early", "late", "mid",
            // or before a noun after an article: "the 2015 surge", "a 2008 report".
            if let year = isYear(k), k > 0, tokens[k - 1].kind == .word,
               tokens[k - 1].classes.contains(.yearLeads) || (tokens[k - 1].classes.contains(.yearDeterminers) && word(k + 1) != nil) {
                lastMentioned = (year, nil, nil); add(k, k, String(year), relative: false); continue
            }
            if tokens[k].kind == .word, tokens[k].classes.contains(.dateStarts) {
                if let (value, length) = relative(tokens, at: k) {
                    add(k, k + length - 1, value, relative: true)
                    continue
                }
            }
            k += 1
        }
        return out
    }

    /// yesterday, today, tomorrow, on Monday, last week/month/year, this year, late last year,
    /// N days/weeks/months/years ago, a year later, the previous year.
    private mutating func relative(_ tokens: [Token], at k: Int) -> (String?, Int)? {
        func w(_ i: Int) -> String? { i < tokens.count && tokens[i].kind == .word ? tokens[i].lower : nil }
        let t = tokens[k].lower
        // The counting words and "this"/"last" are the commonest starts and mostly begin no date:
        // reject them on the next word before walking the cases below.
        // (Tested on the words' bits: both lists hold words only, and `w` gives words only.)
        let next: WordClass = k + 1 < tokens.count && tokens[k + 1].kind == .word ? tokens[k + 1].classes : []
        if tokens[k].classes.contains(.smallCounts), !next.contains(.spanUnits) { return nil }
        if t == "this" || t == "last" || t == "next", !next.contains(.relativeUnits) { return nil }
        switch t {
        case "yesterday", "yesterday's": return (shift(days: -1), 1)
        case "today", "today's", "tonight": return (shift(days: 0), 1)
        case "tomorrow", "tomorrow's": return (shift(days: 1), 1)
        case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
            guard tokens[k].capitalized else { return nil }
            return (weekday(t, ahead: Self.pointsAhead(tokens, at: k)), 1)
        case "last", "this", "next", "previous":
            guard let unit = w(k + 1) else { return nil }
            let direction = t == "next" ? 1 : (t == "this" ? 0 : -1)
            switch unit {
            case "year": return (published.map { String($0.year + direction) }, 2)
            case "month": return (published.map { shiftMonth($0, by: direction) }, 2)
            // A week is told by its month: the one it falls in.
            case "week": return (weekMonth(direction), 2)
            // ("where" binds only to the last pattern of a case, so the test is written once for all of them.)
            case "morning", "afternoon", "evening":
                guard t == "this" else { return nil }
                return (shift(days: 0), 2)
            case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
                guard t == "last" && tokens[k + 1].capitalized else { return nil }
                return (weekday(unit, ahead: false, strictlyBefore: true), 2)
            case "spring", "summer", "autumn", "fall", "winter":
                return (published.map { String($0.year + (direction < 0 && seasonStart(unit) >= $0.month ? -1 : direction > 0 && seasonStart(unit) <= $0.month ? 1 : 0)) }, 2)
            default: return nil
            }
        case "late", "early", "mid":
            // "late last year", "earlier this year", "early next week"
            if let second = w(k + 1), ["last", "this", "next"].contains(second) {
                let direction = second == "next" ? 1 : (second == "this" ? 0 : -1)
                if w(k + 2) == "year" { return (published.map { String($0.year + direction) }, 3) }
                if w(k + 2) == "week" { return (weekMonth(direction), 3) }
            }
            return nil
        case "earlier", "later":
            if w(k + 1) == "this", w(k + 2) == "year" { return (published.map { String($0.year) }, 3) }
            return nil
        case "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten":
            // "a year later", "two days ago", "a month earlier"
            guard let unit = w(k + 1), let singular = Self.spanUnits[unit], let direction = w(k + 2),
                  Self.spanDirections.contains(direction) else { return nil }
            let count = Self.smallCounts[t] ?? 1
            if direction == "ago" { return (ago(count, singular), 3) }
            // "resumed last June; a year later it ended": counted from a date written just before.
            // Further away the last date written may be another event's, so the value stays open.
            guard singular == "year", let anchor = lastMentioned, tokens[k].start - lastMentionedEnd < 120 else { return (nil, 3) }
            let year = anchor.year + (direction == "later" || direction == "after" ? count : -count)
            lastMentioned = (year, anchor.month, anchor.day)
            return (String(year), 3)
        default:
            return nil
        }
    }

    /// Words after "this", "last" or "next" that make a date.
    static let relativeUnits: Set<String> = ["year", "month", "week", "morning", "afternoon", "evening", "spring", "summer",
                                             "autumn", "fall", "winter", "monday", "tuesday", "wednesday", "thursday", "friday",
                                             "saturday", "sunday"]

    /// Units a relative date counts in, plural to singular.
    static let spanUnits: [String: String] = ["day": "day", "days": "day", "week": "week", "weeks": "week",
                                              "month": "month", "months": "month", "year": "year", "years": "year"]
    static let spanDirections: Set<String> = ["ago", "later", "earlier", "before", "after"]
    static let smallCounts: [String: Int] = ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                                             "seven": 7, "eight": 8, "nine": 9, "ten": 10]

    private func seasonStart(_ season: String) -> Int {
        switch season { case "spring": return 3; case "summer": return 6; case "autumn", "fall": return 9; default: return 12 }
    }

    private func shift(days: Int) -> String? {
        guard let p = published else { return nil }
        return PublicationDate(daysSince1970: p.daysSince1970 + days)?.description
    }

    private func ago(_ count: Int, _ unit: String) -> String? {
        guard let p = published else { return nil }
        switch unit {
        case "day": return PublicationDate(daysSince1970: p.daysSince1970 - count)?.description
        case "week": return PublicationDate(daysSince1970: p.daysSince1970 - 7 * count)?.description
        case "month": return shiftMonth(p, by: -count)
        default: return String(p.year - count)
        }
    }

    /// "on Monday": the last such weekday on or before publication.
    /// "on Monday": the last such weekday on or before publication ("last Monday": before it);
    /// "by Friday", "will … on Saturday": the next one on or after it.
    private mutating func weekday(_ name: String, ahead: Bool, strictlyBefore: Bool = false) -> String? {
        // A document names the same weekdays again and again; each is worked out once, in a slot
        // per weekday and direction.
        guard let target = Self.weekdays[name] else { return nil }
        let slot = target * 4 + (ahead ? 2 : 0) + (strictlyBefore ? 1 : 0)
        if let known = resolvedWeekdays[slot] { return known }
        let value = resolveWeekday(name, ahead: ahead, strictlyBefore: strictlyBefore)
        resolvedWeekdays[slot] = .some(value)
        return value
    }

    /// The first three numbers of a written date value: "2019-03" → (2019, 3, nil).
    typealias DateParts = (year: Int?, month: Int?, day: Int?)

    /// The first three numbers of a written date value, read without making an array: every
    /// date found is read back for `lastMentioned`.
    static func dateParts(of value: String) -> DateParts {
        var parts: DateParts = (nil, nil, nil)
        var count = 0
        var current: Int?
        func end() {
            guard let n = current else { return }
            switch count { case 0: parts.year = n; case 1: parts.month = n; case 2: parts.day = n; default: break }
            count += 1
            current = nil
        }
        for byte in value.utf8 {
            if byte >= 48 && byte <= 57 { current = (current ?? 0) * 10 + Int(byte - 48) } else { end() }
        }
        end()
        return parts
    }

    private func resolveWeekday(_ name: String, ahead: Bool, strictlyBefore: Bool) -> String? {
        guard let p = published, let target = Self.weekdays[name] else { return nil }
        let days = p.daysSince1970
        let weekday = ((days % 7) + 7 + 3) % 7     // day 0 (1970-01-01) was a Thursday
        if ahead { return PublicationDate(daysSince1970: days + (target - weekday + 7) % 7)?.description }
        var back = (weekday - target + 7) % 7
        if strictlyBefore && back == 0 { back = 7 }
        return PublicationDate(daysSince1970: days - back)?.description
    }

    /// The month of the week before (-1), of (0) or after (1) publication.
    private func weekMonth(_ direction: Int) -> String? {
        guard let p = published, let day = PublicationDate(daysSince1970: p.daysSince1970 + 7 * direction) else { return nil }
        return Self.pad(day.year, day.month)
    }

    static let seasons: Set<String> = ["spring", "summer", "autumn", "fall", "winter"]

    /// Words a year stands after on its own: "in 2015", "since 2019", "the summer 2019".
    static let yearLeads: Set<String> = ["in", "since", "by", "until", "from", "of", "early", "late", "mid", "during", "before",
                                         "after", "throughout", "spring", "summer", "autumn", "fall", "winter"]
    /// Determiners a year stands after before a noun: "the 2015 surge", "a 2008 report".
    static let yearDeterminers: Set<String> = ["the", "a", "an", "its", "their", "his", "her"]
    /// Words before a month name that make it relative: "last June", "in March".
    static let monthLeads: Set<String> = ["in", "last", "this", "next", "since", "until", "by", "early", "late", "mid"]
    /// Words before a weekday that put it ahead: "by Friday", "until Monday".
    static let aheadCues: Set<String> = ["by", "until", "till", "next", "before", "from"]

    static let weekdays: [String: Int] = ["monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6]

    /// Whether a weekday at token `k` lies ahead: "by", "until" or "next" before it, or a future
    /// form earlier in its clause ("will reopen on Friday", "is due to … on Monday").
    static func pointsAhead(_ tokens: [Token], at k: Int) -> Bool {
        // "By Wednesday more than 60 vessels had passed": a deadline already met lies behind.
        if k > 0, tokens[k - 1].classes.contains(.aheadCues) { return !(tokens[k - 1].lower == "by" && Self.pastFollows(tokens, after: k)) }
        if k > 1, tokens[k - 1].lower == "on", tokens[k - 2].lower == "by" { return true }
        var j = k - 1
        while j >= 0, k - j <= 12 {
            // (Read in place: copying each word out cost more than the tests on it.)
            if tokens[j].kind == .punctuation { if Token.isMark(tokens[j].mark, in: ".;!?") { break } else { j -= 1; continue } }
            if tokens[j].classes.contains(.futureMarkers) { return true }
            if tokens[j].classes.contains(.pastMarkers) { return false }
            j -= 1
        }
        return false
    }

    /// Whether a past form follows in the weekday's clause before any future one.
    static func pastFollows(_ tokens: [Token], after k: Int) -> Bool {
        var j = k + 1
        while j < tokens.count, j - k <= 10 {
            if tokens[j].kind == .punctuation { if Token.isMark(tokens[j].mark, in: ".;!?") { break } else { j += 1; continue } }
            if tokens[j].classes.contains(.futureMarkers) { return false }
            if tokens[j].classes.contains(.pastMarkers) { return true }
            j += 1
        }
        return false
    }

    /// ("would reopen on Saturday": what someone said would happen lies after the saying, and the
    /// saying is the news of the day.)
    static let futureMarkers: Set<String> = ["will", "shall", "due", "plans", "planned", "expected", "scheduled", "'ll", "would"]
    static let pastMarkers: Set<String> = ["was", "were", "had", "did", "said", "last"]

    private func shiftMonth(_ p: PublicationDate, by n: Int) -> String {
        let total = p.year * 12 + (p.month - 1) + n
        return Self.pad(total / 12, total % 12 + 1)
    }

    /// The nearest such month before (direction -1), in (0) or after (1) the publication date's year.
    private func resolveMonth(_ month: Int, direction: Int) -> String? {
        guard let p = published else { return nil }
        switch direction {
        case 0: return Self.pad(p.year, month)
        case 1: return Self.pad(month > p.month ? p.year : p.year + 1, month)
        default: return Self.pad(month < p.month ? p.year : p.year - 1, month)
        }
    }

    /// "March 26" without a year: the publication year, or the year before when that would put
    /// the date more than a month after publication.
    private func inferYear(month: Int, day: Int) -> Int? {
        guard let p = published else { return nil }
        if (month - p.month) > 1 { return p.year - 1 }
        return p.year
    }

    static func pad(_ year: Int, _ month: Int) -> String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    static func month(_ word: String) -> Int? {
        let w = word.hasSuffix(".") ? String(word.dropLast()) : word
        if let index = months.firstIndex(of: w) { return index + 1 }
        if (w.count == 3 || w == "sept"), w != "may", let index = months.firstIndex(where: { $0.hasPrefix(w) }) { return index + 1 }
        return w == "may" ? 5 : nil
    }

    /// "mid-November", "early-March", "late-June".
    static func prefixedMonth(_ word: String) -> (modifier: String, month: Int)? {
        for modifier in ["mid-", "early-", "late-"] where word.hasPrefix(modifier) {
            if let m = month(String(word.dropFirst(modifier.count))) { return (String(modifier.dropLast()), m) }
        }
        return nil
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
}
