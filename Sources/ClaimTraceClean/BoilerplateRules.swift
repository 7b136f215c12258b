import Foundation
import ClaimTraceCore

/// Phrase rules that recognise boilerplate blocks by what they say.
///
/// Each rule reads the block's lowercased text. Rules that could also match ordinary prose only
/// fire on short blocks; the clean stage additionally only treats them as boilerplate where the
/// page layout allows it (the header zone, the tail, or a block on its own).
enum BoilerplateRules {
    struct Block {
        let lower: FoldedText
        let words: Int
        let role: BlockRole

        init(lower: FoldedText, words: Int, role: BlockRole) { self.lower = lower; self.words = words; self.role = role }

        init(_ text: String, role: BlockRole = .paragraph) {
            lower = FoldedText(text)
            words = lower.words
            self.role = role
        }
    }

    /// The kind of boilerplate a block is on its own, or nil when it reads as article prose.
    static func classify(_ block: Block) -> RemovedKind? {
        let t = block.lower
        let short = block.words <= 40
        if block.role == .rule { return .separator }
        if t.hasPrefix("disclaimer") { return .disclaimer }
        if t.contains("fair use") && (t.contains("copyright") || t.contains("provisions")) { return .fairUse }
        if t.contains("contains copyrighted material") { return .fairUse }
        if t.hasPrefix("note to readers") || (t.contains("can be read in") && t.contains("languages") && t.contains("translate")) {
            return .noteToReaders
        }
        if t.hasPrefix("the original source of this article is") { return .republication }
        guard short else { return nil }
        // "The views and opinions expressed in the article do not necessarily reflect those of …".
        if (t.contains("views") || t.contains("opinions")) && (t.contains("necessarily reflect") || t.contains("necessarily represent")) {
            return .disclaimer
        }
        if t.contains("click the share button") || t.hasPrefix("share this") || t.hasPrefix("share on ")
            || t.hasPrefix("share:") || t.hasPrefix("please share") || t.equals("share") || t.hasPrefix("tweet this")
            || t.hasPrefix("forward this article") || t.hasPrefix("follow us on") || t.hasPrefix("visit and follow us")
            || t.contains("feel free to repost") || t.contains("repost and share") || t.hasPrefix("click the share button") {
            return .share
        }
        if t.hasPrefix("featured image") || t.hasPrefix("all images in this article") || t.hasPrefix("image credit")
            || t.hasPrefix("photo credit") || t.hasPrefix("top image") || t.hasPrefix("header image")
            || t.hasPrefix("photo:") || t.hasPrefix("image:") || t.hasPrefix("(photo") || t.hasPrefix("lead image") {
            return .featuredImage
        }
        if t.hasPrefix("isbn") || t.hasPrefix("list price") || t.hasPrefix("special price") || t.hasPrefix("click to order")
            || (t.hasPrefix("order ") && t.contains("book")) || t.hasPrefix("buy the book") {
            return .bookPromo
        }
        if t.hasPrefix("copyright") || t.hasPrefix("©") || t.contains("all rights reserved") || t.hasPrefix("(c) ") {
            return .copyright
        }
        if (t.hasPrefix("comment on") && t.contains("facebook")) || t.hasPrefix("leave a comment") || t.hasPrefix("join the conversation")
            || t.hasPrefix("comments are closed") || t.hasPrefix("add a comment") {
            return .commentPrompt
        }
        if t.hasPrefix("become a member") || t.hasPrefix("support our work") || t.hasPrefix("donate") || t.hasPrefix("subscribe")
            || t.hasPrefix("sign up for our") || t.hasPrefix("support independent") || t.hasPrefix("join our mailing list")
            || t.hasPrefix("get our newsletter") || (t.hasPrefix("to receive") && t.contains("newsletter"))
            || t.contains("please consider making a donation") || t.contains("make a donation") || t.hasPrefix("please support")
            || t.contains("fundraising") {
            return .membership
        }
        if t.hasPrefix("articles by:") || t.hasPrefix("authored by ") || t.hasPrefix("written by ") || t.hasPrefix("submitted by ") {
            return .byline
        }
        if t.hasPrefix("for media inquiries") || t.hasPrefix("media inquiries") || t.hasPrefix("contact:") || t.hasPrefix("contact us") {
            return .contact
        }
        if t.hasPrefix("about the author") || t.contains("is a regular contributor to")
            || t.contains("research associate of the centre for research on globalization") {
            return .authorBio
        }
        if block.words <= 25, t.contains("@"), t.contains(".example") || t.contains(".com") || t.contains(".org") || t.contains("."),
           ["tips", "contact", "write to", "email us", "e-mail us", "inquiries", "enquiries", "corrections"].contains(where: { t.contains($0) }) {
            return .contact
        }
        if t.hasPrefix("related:") || t.hasPrefix("read more:") || t.hasPrefix("see also:") || t.hasPrefix("recommended:")
            || t.hasPrefix("you may also like") || t.hasPrefix("more from ") || t.hasPrefix("related articles") || t.hasPrefix("related stories") {
            return .related
        }
        if t.hasPrefix("this article was originally published") || t.hasPrefix("this article was first published")
            || t.hasPrefix("originally published") || t.hasPrefix("first published in") || t.hasPrefix("republished from")
            || t.hasPrefix("reprinted with permission") || t.hasPrefix("this article originally appeared") {
            return .republication
        }
        if isTaxonomy(t) { return .taxonomy }
        return nil
    }

    static func isTaxonomy(_ t: FoldedText) -> Bool {
        ["region:", "theme:", "in-depth report:", "tags:", "topics:", "filed under:", "categories:", "category:", "section:"]
            .contains { t.hasPrefix($0) }
    }

    /// The outlet named by a republication statement, e.g. "The original source of this article is X",
    /// "This article was originally published in X", "Authored by A via X".
    static func republicationSource(_ text: String) -> String? {
        let lower = text.lowercased()
        let markers = ["the original source of this article is ", "originally published in ", "originally published on ",
                       "originally published at ", "originally published by ", "first published in ", "first published by ",
                       "first published on ", "originally appeared in ", "originally appeared on ", "republished from ",
                       "reprinted from "]
        for marker in markers {
            guard let range = lower.range(of: marker) else { continue }
            let offset = lower.distance(from: lower.startIndex, to: range.upperBound)
            let rest = text[text.index(text.startIndex, offsetBy: offset)...]
            let name = leadingName(rest)
            // "First published on Nov 20, 2019" names a date, not an outlet.
            if !name.isEmpty, DateText.monthNumber(String(name.prefix { $0 != " " })) == nil, !name.contains(where: \.isNumber) { return name }
        }
        return nil
    }

    /// A name at the start of `text`, up to the end of the sentence or the line.
    static func leadingName(_ text: Substring) -> String {
        var name = text.prefix { $0 != "\n" }
        for stop in [". ", ", ", " on ", " in 20", " (", ";", " with permission", " where ", " under "] {
            if let r = name.range(of: stop) { name = name[..<r.lowerBound] }
        }
        // "X and appears here…": an "and" followed by a lower-case word ends the name.
        var search = name.startIndex
        while let r = name.range(of: " and ", range: search..<name.endIndex) {
            if let next = name[r.upperBound...].first, next.isLowercase { name = name[..<r.lowerBound]; break }
            search = r.upperBound
        }
        var result = String(name).trimmingCharacters(in: .whitespaces)
        while let last = result.last, ".,;:!*_".contains(last) { result.removeLast() }
        if result.lowercased().hasPrefix("the ") && result.split(separator: " ").count > 6 { return "" }
        return result.split(separator: " ").count <= 8 ? result : ""
    }
}
