import Foundation

/// Reads calendar dates written the ways articles and feeds write them.
///
/// Accepted: ISO 8601 (`2019-03-27`, `2019-03-27T10:00:00Z`, `2019-03-27 10:00:00.000000`),
/// `March 27, 2019`, `Mar. 27 2019`, `27 March 2019`, `27th March, 2019`, and RFC 822 feed dates
/// (`Wed, 27 Mar 2019 10:00:00 GMT`). A leading weekday and a trailing time or zone are allowed.
/// The date is the one written: a zone offset never moves it to another day.
public enum DateText {
    /// Parses a string that is a date and nothing else (weekday, time and zone allowed).
    public static func parse(_ text: some StringProtocol) -> PublicationDate? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let iso = parseISO(trimmed) { return iso }
        var tokens = wordTokens(trimmed)
        if let first = tokens.first, weekdays.contains(first.lowercased()) { tokens.removeFirst() }
        if tokens.first?.contains("/") == true, let date = parseNumeric(tokens[0]) {
            return tokens.dropFirst().allSatisfy(isTimeOrZone) || tokens.dropFirst().allSatisfy({ $0 == "-" || isTimeOrZone($0) }) ? date : nil
        }
        guard let (date, used) = parseDayMonthYear(tokens[...]) else { return nil }
        let rest = tokens.dropFirst(used)
        return rest.allSatisfy(isTimeOrZone) ? date : nil
    }

    /// Splits a dateline such as `Global Research, March 27, 2019` or `InfoRos 26 March 2019`
    /// into the name before the date and the date. Returns nil when the line does not end in a date.
    public static func splitTrailingDate(_ line: String) -> (name: String, date: PublicationDate)? {
        let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // Try the shortest trailing run of tokens that forms a whole date (3 to 8 tokens).
        guard tokens.count >= 2 else { return nil }
        for count in 1...min(8, tokens.count) {
            let tail = tokens.suffix(count).joined(separator: " ")
            guard let date = parse(tail) else { continue }
            var name = tokens.dropLast(count).joined(separator: " ")
            while let last = name.last, last == "," || last == "|" || last == "-" || last == "–" || last == "—" || last == " " || last == "·" {
                name.removeLast()
            }
            return (name, date)
        }
        return nil
    }

    // MARK: - ISO 8601

    private static func parseISO(_ s: String) -> PublicationDate? {
        let bytes = Array(s.utf8)
        guard bytes.count >= 8 else { return nil }
        var i = 0
        func number(maxDigits: Int) -> Int? {
            var value = 0, digits = 0
            while i < bytes.count, digits < maxDigits, bytes[i] >= 48, bytes[i] <= 57 {
                value = value * 10 + Int(bytes[i] - 48); i += 1; digits += 1
            }
            return digits == 0 ? nil : value
        }
        guard let year = number(maxDigits: 4), i == 4, i < bytes.count, bytes[i] == 45 || bytes[i] == 47 else { return nil }
        let separator = bytes[i]; i += 1
        guard let month = number(maxDigits: 2), i < bytes.count, bytes[i] == separator else { return nil }
        i += 1
        guard let day = number(maxDigits: 2) else { return nil }
        if i < bytes.count {
            // After the day only a time part may follow: `T10:00:00Z`, ` 10:00:00.000`, `+02:00`.
            guard bytes[i] == 84 || bytes[i] == 32 else { return nil }
            for b in bytes[(i + 1)...] {
                let ok = (b >= 48 && b <= 57) || b == 58 || b == 46 || b == 90 || b == 43 || b == 45 || b == 32
                    || (b >= 65 && b <= 90)
                if !ok { return nil }
            }
        }
        return PublicationDate(year: year, month: month, day: day)
    }

    /// `11/18/2017` or `18/11/2017`: read only when the order is certain (one part above 12, or
    /// both parts equal); `03/04/2017` could be either and is left unread rather than guessed.
    private static func parseNumeric(_ token: String) -> PublicationDate? {
        let parts = token.split(separator: "/")
        guard parts.count == 3, parts[2].count == 4, let a = Int(parts[0]), let b = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        if a > 12 { return PublicationDate(year: year, month: b, day: a) }
        if b > 12 || a == b { return PublicationDate(year: year, month: a, day: b) }
        return nil
    }

    // MARK: - Written dates

    static func wordTokens(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\u{00A0}" })
            .map { token in
                var t = Substring(token)
                while t.last == "." { t.removeLast() }
                return String(t)
            }
            .filter { !$0.isEmpty }
    }

    private static func parseDayMonthYear(_ tokens: ArraySlice<String>) -> (PublicationDate, Int)? {
        guard tokens.count >= 3 else { return nil }
        let a = tokens[tokens.startIndex], b = tokens[tokens.startIndex + 1], c = tokens[tokens.startIndex + 2]
        if let month = monthNumber(a), let day = dayNumber(b), let year = yearNumber(c),
           let date = PublicationDate(year: year, month: month, day: day) {
            return (date, 3)
        }
        if let day = dayNumber(a), let month = monthNumber(b), let year = yearNumber(c),
           let date = PublicationDate(year: year, month: month, day: day) {
            return (date, 3)
        }
        return nil
    }

    public static func monthNumber(_ token: String) -> Int? {
        let t = token.lowercased()
        if let index = months.firstIndex(of: t) { return index + 1 }
        if t.count == 3 || t == "sept", let index = months.firstIndex(where: { $0.hasPrefix(t) }) { return index + 1 }
        return nil
    }

    private static func dayNumber(_ token: String) -> Int? {
        var t = Substring(token.lowercased())
        for suffix in ["st", "nd", "rd", "th"] where t.hasSuffix(suffix) { t = t.dropLast(2); break }
        guard (1...2).contains(t.count), let n = Int(t), (1...31).contains(n) else { return nil }
        return n
    }

    private static func yearNumber(_ token: String) -> Int? {
        guard token.count == 4, let n = Int(token), (1000...9999).contains(n) else { return nil }
        return n
    }

    private static func isTimeOrZone(_ token: String) -> Bool {
        if token.contains(":") { return token.allSatisfy { $0.isNumber || $0 == ":" || $0 == "." } }
        let upper = token.uppercased()
        if ["GMT", "UTC", "Z", "UT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "AM", "PM", "A.M", "P.M"].contains(upper) { return true }
        if let first = token.first, first == "+" || first == "-", token.count == 5 || token.count == 6 {
            return token.dropFirst().allSatisfy { $0.isNumber || $0 == ":" }
        }
        return false
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july",
                                 "august", "september", "october", "november", "december"]
    private static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                                "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
}
