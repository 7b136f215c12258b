import Foundation

/// Tidies metadata values as pages state them: bylines carrying roles and outlet names,
/// shouting capitals, titles carrying the site name.
enum MetadataNormalizer {
    /// "By TOM KRISHER, AP Auto Writer" → ["Tom Krisher"]; "Ana Berg and Jo Lim" → both;
    /// drops roles ("Staff Writer"), the outlet itself, and empty or duplicate names.
    static func authors(_ raw: [String], outlet: String?) -> [String] {
        var out: [String] = []
        for value in raw {
            var text = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.lowercased().hasPrefix("by ") { text = String(text.dropFirst(3)) }
            let pieces = text.replacingOccurrences(of: " and ", with: ";").replacingOccurrences(of: " & ", with: ";")
                .replacingOccurrences(of: "|", with: ";")
                .split(separator: ";")
                .flatMap { piece -> [Substring] in
                    // "Name, Role" keeps the name; "A, B, C" of names keeps them all.
                    let parts = piece.split(separator: ",")
                    return parts.count > 1 && parts.dropFirst().contains(where: { isRole(String($0)) }) ? [parts[0]] : parts
                }
            for piece in pieces {
                var name = piece.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".,:;·-–—")))
                guard !name.isEmpty, !isRole(name), !name.hasPrefix("http"), !name.contains("@") else { continue }
                if let outlet, comparable(name) == comparable(outlet) { continue }
                // "TOM KRISHER" reads as a name shouted, "KWCH" as an acronym.
                if name == name.uppercased(), name.contains(" "), name.contains(where: \.isLetter) { name = name.capitalized }
                if !out.contains(name) { out.append(name) }
            }
        }
        return out
    }

    private static func isRole(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["writer", "correspondent", "reporter", "editor", "staff", "contributor", "columnist", "news service",
                "special to", "for the "].contains { lower.contains($0) }
    }

    /// "Headline | Site" → "Headline" when the part after the separator is the outlet.
    static func title(_ title: String, outlet: String?) -> String {
        guard let outlet else { return title }
        for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let tail = title[range.upperBound...]
            if comparable(String(tail)) == comparable(outlet) || comparable(outlet).hasPrefix(comparable(String(tail))) && tail.count >= 3 {
                return String(title[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
        }
        return title
    }

    /// Letters and digits only, lowercased: "The Guardian" and "theguardian" compare equal.
    static func comparable(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}
