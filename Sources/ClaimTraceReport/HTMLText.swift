import Foundation

/// Turns text taken from the web into HTML that shows it and does nothing else.
///
/// Every title, author, URL, comment and body comes from pages ClaimTrace does not control, so
/// each is escaped for element content and for double- or single-quoted attributes alike, and
/// characters that change how text around them displays without showing themselves (direction
/// overrides, zero-width characters, other controls) are written as a visible code such as
/// "⟨U+202E⟩": a reader sees that they are there, and they act on nothing.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return out
    }

    /// Escapes at most `limit` characters, and says how long the whole text was when it is cut:
    /// a 10,000-character name must not push a table off the page. Plain text, so it serves in
    /// attributes too.
    static func escape(_ text: String, limit: Int) -> String {
        let count = text.count
        guard count > limit else { return escape(text) }
        return escape(String(text.prefix(limit))) + "… (\(count) characters)"
    }

    @inline(__always) static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\n", "\t": out.unicodeScalars.append(scalar)
        default:
            if isHidden(scalar) {
                out += "⟨U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + "⟩"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Controls, direction marks and overrides, zero-width characters, and the noncharacters
    /// XML cannot hold.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0: return true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0x061C, 0xFEFF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// The URL itself when it is a web address a reader may follow (http or https); nil for
    /// anything else, `javascript:` and `data:` among them, which are then shown as text only.
    static func followableURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.unicodeScalars.contains(where: isHidden), let colon = trimmed.firstIndex(of: ":") else { return nil }
        let scheme = trimmed[..<colon].lowercased()
        guard scheme == "http" || scheme == "https", trimmed[colon...].hasPrefix("://") else { return nil }
        return trimmed
    }

    /// A link to a web address, or the address as text when it is not one to follow.
    static func link(_ url: String, label: String? = nil) -> String {
        guard let href = followableURL(url) else { return "<code>" + escape(url, limit: 300) + "</code>" }
        return "<a href=\"\(escape(href))\" rel=\"noopener noreferrer nofollow\">" + escape(label ?? url, limit: 300) + "</a>"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
