import ClaimTraceCore
import Foundation

/// Turns a raw article into a cleaned `Document`: the article body, its reader comments, the
/// boilerplate set aside with its kind, and the metadata the article states.
///
/// This is the only stage that makes document text. Heuristics, in order:
/// 1. Layout repair for text formats: a paragraph split by a page break mid-sentence is rejoined.
/// 2. Page structure for HTML: navigation, page header and footer, asides, share boxes, bios and
///    comment sections are recognised from their elements and class names.
/// 3. The header zone (first blocks): title, byline, dateline, republication line, taxonomy.
/// 4. The comment thread: "NAME's picture" headers in text, comment containers in HTML.
/// 5. Boilerplate phrases anywhere, and the boilerplate tail: the run of promo, copyright and
///    disclaimer blocks after the last paragraph of the article.
public struct Cleaner: Sendable {
    public init() {}

    public func clean(_ raw: RawArticle) -> Document {
        let (blocks, plan, meta) = decide(raw)
        return assemble(raw, blocks: blocks, plan: plan, meta: meta)
    }

    /// Each block with what cleaning made of it and why it could: for `claimtrace extract --format blocks`,
    /// which shows a user (or a developer tuning the rules) every decision.
    public func explain(_ raw: RawArticle) -> [(block: SourceBlock, fate: String)] {
        let (blocks, plan, _) = decide(raw)
        return zip(blocks, plan.fates).map { block, fate in
            switch fate {
            case .body: return (block, "body")
            case .removed(let kind): return (block, kind.rawValue)
            case .commentAuthor(let author): return (block, "comment author: \(author)")
            case .commentText(let starts): return (block, starts ? "comment (new)" : "comment")
            }
        }
    }

    private func decide(_ raw: RawArticle) -> ([SourceBlock], Plan, HeaderMetadata) {
        var blocks = raw.blocks
        if raw.format == .text || raw.format == .markdown {
            blocks = Self.rejoinPageBreaks(Self.separateStructuralLines(blocks))
        }
        var plan = Plan(count: blocks.count)
        let facts = BlockFacts.make(blocks)

        markPageStructure(blocks, facts: facts, plan: &plan)
        var meta = HeaderMetadata()
        markTitle(blocks, facts: facts, hints: raw.hints, plan: &plan, meta: &meta)
        markHeaderZone(blocks, facts: facts, plan: &plan, meta: &meta)
        let commentStart = markTextComments(blocks, facts: facts, plan: &plan)
        markBoilerplate(blocks, facts: facts, end: commentStart ?? blocks.count, meta: &meta, plan: &plan)
        return (blocks, plan, meta)
    }

    // MARK: - Plan

    /// What each block becomes.
    enum Fate: Equatable {
        case body
        case removed(RemovedKind)
        /// A comment header naming its author; the blocks after it are that comment's text.
        case commentAuthor(String)
        /// Text of the current comment (or of a new anonymous comment when `starts` is true).
        case commentText(starts: Bool)
    }

    struct Plan {
        var fates: [Fate]
        init(count: Int) { fates = Array(repeating: .body, count: count) }
        subscript(i: Int) -> Fate {
            get { fates[i] }
            set { fates[i] = newValue }
        }
    }

    struct HeaderMetadata {
        var title: String?
        var authors: [String] = []
        var tailAuthors: [String] = []
        var published: PublicationDate?
        var outlet: String?
        var republishedFrom: String?
        var republishedFromTail: String?
        /// "First published on …" in the tail.
        var tailPublished: PublicationDate?
    }

    /// Per-block values computed once: lowercased text and word count.
    struct BlockFacts {
        var lower: [FoldedText]
        var words: [Int]
        static func make(_ blocks: [SourceBlock]) -> BlockFacts {
            let folded = blocks.map { FoldedText($0.text) }
            return BlockFacts(lower: folded, words: folded.map(\.words))
        }
        func rule(_ i: Int, _ blocks: [SourceBlock]) -> BoilerplateRules.Block {
            BoilerplateRules.Block(lower: lower[i], words: words[i], role: blocks[i].role)
        }
    }

    // MARK: - 1. Layout repair

    /// Rejoins a paragraph that a page break split mid-sentence: the first part ends without
    /// sentence punctuation and the next begins in lower case.
    static func rejoinPageBreaks(_ blocks: [SourceBlock]) -> [SourceBlock] {
        var out: [SourceBlock] = []
        for block in blocks {
            if let last = out.last, last.role == .paragraph, block.role == .paragraph,
               let end = last.text.last, !".!?:;\"”’)…*]".contains(end),
               let first = block.text.first, first.isLowercase, last.text.count > 20,
               pictureHeaderAuthor(last.text) == nil, !isBoilerplate(block.text) {
                let offset = last.text.unicodeScalars.count + 1
                out[out.count - 1].text += " " + block.text
                out[out.count - 1].links += block.links.map { TextLink(start: $0.start + offset, end: $0.end + offset, target: $0.target) }
                continue
            }
            out.append(block)
        }
        return out
    }

    /// Gives structural lines their own block: in plain text a title, byline and dateline, or a
    /// copyright line and a share prompt, often sit on adjacent lines of one paragraph, and so do
    /// the "NAME's picture" headers of comments without text.
    static func separateStructuralLines(_ blocks: [SourceBlock]) -> [SourceBlock] {
        var out: [SourceBlock] = []
        for block in blocks {
            guard block.role == .paragraph, block.text.utf8.contains(10) else { out.append(block); continue }
            let lines = block.text.split(separator: "\n", omittingEmptySubsequences: false)
            let structural = lines.map { isStructuralLine(String($0)) }
            guard structural.contains(true) else { out.append(block); continue }
            var offset = 0
            var pending: (text: [Substring], start: Int)?
            func emit(_ text: String, start: Int) {
                let length = text.unicodeScalars.count
                let links = block.links.filter { $0.start >= start && $0.end <= start + length }
                    .map { TextLink(start: $0.start - start, end: $0.end - start, target: $0.target) }
                out.append(SourceBlock(text: text, role: block.role, links: links, context: block.context))
            }
            for (line, isStructural) in zip(lines, structural) {
                if isStructural {
                    if let p = pending { emit(p.text.joined(separator: "\n"), start: p.start); pending = nil }
                    emit(String(line), start: offset)
                } else if pending == nil {
                    pending = ([line], offset)
                } else {
                    pending!.text.append(line)
                }
                offset += line.unicodeScalars.count + 1
            }
            if let p = pending { emit(p.text.joined(separator: "\n"), start: p.start) }
        }
        return out
    }

    private static func isBoilerplate(_ text: String) -> Bool {
        return pictureHeaderAuthor(text) != nil || BoilerplateRules.classify(BoilerplateRules.Block(text)) != nil
    }

    /// A line that stands for itself: a comment header, byline, dateline or boilerplate line.
    static func isStructuralLine(_ line: String) -> Bool {
        let block = BoilerplateRules.Block(line)
        let words = block.words
        guard words <= 40 else { return false }
        if pictureHeaderAuthor(line) != nil { return true }
        if words <= 14, bylineNames(line) != nil { return true }
        if words <= 12, dateline(line) != nil { return true }
        return BoilerplateRules.classify(block) != nil
    }

    // MARK: - 2. HTML page structure

    private func markPageStructure(_ blocks: [SourceBlock], facts: BlockFacts, plan: inout Plan) {
        guard blocks.contains(where: { !$0.context.ancestors.isEmpty }) else { return }
        let root = Self.contentRoot(blocks, facts: facts)
        // The chain of elements from <html> down to the content root. Their class names describe
        // the page or the article as a whole (`paywall`, `url-breadcrumb` on an <article>), so the
        // box rules below only look at elements under that chain.
        let rootPath: [Int] = root.flatMap { serial in
            blocks.lazy.compactMap { block -> [Int]? in
                guard let index = block.context.ancestors.firstIndex(where: { $0.serial == serial }) else { return nil }
                return block.context.ancestors[...index].map(\.serial)
            }.first
        } ?? []
        // Prose outside the root is kept only between the root's first and last blocks, where a
        // page has split the article (a pull quote, an embedded box); after it come teasers.
        let rootBlocks = root.map { serial in blocks.indices.filter { blocks[$0].context.ancestors.contains { $0.serial == serial } } } ?? []
        let rootSpan = (rootBlocks.first ?? 0)...(rootBlocks.last ?? blocks.count)
        var commentSerial: Int?
        for (i, block) in blocks.enumerated() where !block.context.ancestors.isEmpty {
            if block.context.hidden {
                plan[i] = .removed(.hidden)
                continue
            }
            if let comment = Self.commentFate(block.context, block: block, lastSerial: &commentSerial) {
                plan[i] = comment
                continue
            }
            var shared = 0
            while shared < rootPath.count, shared < block.context.ancestors.count,
                  block.context.ancestors[shared].serial == rootPath[shared] { shared += 1 }
            let insideRoot = root == nil || shared == rootPath.count
            let context = BlockContext(ancestors: Array(block.context.ancestors.dropFirst(shared)))
            if context.inside(tag: "nav") || context.innermost(matching: ["nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "skip-link"]) != nil {
                plan[i] = .removed(.navigation)
            } else if context.innermost(matching: ["share", "sharing", "social", "sharebar", "share-tools"]) != nil {
                plan[i] = .removed(.share)
            } else if context.innermost(matching: ["bio", "authorbio", "biography", "about-author", "author-info", "author-box"]) != nil {
                plan[i] = .removed(.authorBio)
            } else if context.innermost(matching: ["related", "recommended", "recommendations", "recirc", "more-stories", "read-more",
                                                   "popular", "trending", "most-read", "most-popular", "outbrain", "taboola"]) != nil {
                plan[i] = .removed(.related)
            } else if context.innermost(matching: ["newsletter", "subscribe", "subscription", "donate", "donation", "membership", "promo", "signup"]) != nil {
                plan[i] = .removed(.membership)
            } else if context.innermost(matching: ["ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "cookie", "cookies", "consent"]) != nil {
                plan[i] = .removed(.pageChrome)
            } else if context.inside(tag: "footer") || context.inside(tag: "aside") {
                plan[i] = .removed(BoilerplateRules.classify(facts.rule(i, blocks)) ?? (context.inside(tag: "aside") ? .related : .pageChrome))
            } else if !insideRoot {
                // Outside the main content only substantial prose stays, for pages that split the article.
                if rootSpan.contains(i), Self.isSubstantialProse(block, words: facts.words[i]), !context.inside(tag: "header") { continue }
                plan[i] = .removed(BoilerplateRules.classify(facts.rule(i, blocks)) ?? .pageChrome)
            } else if context.innermost(matching: ["byline", "author", "dateline", "timestamp"]) != nil, facts.words[i] <= 20 {
                plan[i] = .removed(.byline)
            } else if block.linkDensity > 0.6, facts.words[i] <= 25, block.role != .heading(level: 1) {
                plan[i] = .removed(.related)
            }
        }
    }

    /// A paragraph that reads as article prose on its own: long, and mostly not link text.
    static func isSubstantialProse(_ block: SourceBlock, words: Int) -> Bool {
        words >= 30 && block.linkDensity < 0.25 && (block.role == .paragraph || block.role == .blockquote)
    }

    /// The element that holds the article: of the elements marked as article containers
    /// (`<article>`, `<main>`, `itemprop=articleBody`, `entry-content`…), the one with the most
    /// prose, narrowed to a descendant container that still holds nearly all of it. When no
    /// container holds a fair share of the page's prose, the element whose paragraphs carry the
    /// most prose (the parent of the paragraphs, as Readability scores it) is taken instead.
    static func contentRoot(_ blocks: [SourceBlock], facts: BlockFacts) -> Int? {
        var prose: [Int: Int] = [:]
        var parentScore: [Int: Int] = [:]
        var containers: [Int: (depth: Int, element: ElementInfo)] = [:]
        var total = 0
        var seen = Set<Int>()
        for (i, block) in blocks.enumerated() where !block.context.hidden {
            let ancestors = block.context.ancestors
            for (depth, element) in ancestors.enumerated() where seen.insert(element.serial).inserted && isArticleContainer(element) {
                containers[element.serial] = (depth, element)
            }
            guard facts.words[i] >= 8, block.linkDensity < 0.3,
                  block.role == .paragraph || block.role == .blockquote || block.role == .listItem else { continue }
            let score = Int(Double(block.text.utf8.count) * (1 - block.linkDensity))
            total += score
            for element in ancestors { prose[element.serial, default: 0] += score }
            // The paragraph's own element, its parent and grandparent, as Readability weighs them.
            let n = ancestors.count
            if n >= 2 { parentScore[ancestors[n - 2].serial, default: 0] += score }
            if n >= 3 { parentScore[ancestors[n - 3].serial, default: 0] += score / 2 }
        }
        guard total > 0 else { return nil }
        // A container named for the article body (itemprop=articleBody, `entry-content`…) is trusted
        // whatever its share of the page; a bare <article> or <main> must hold half the prose, since
        // pages also use them for teasers.
        let strong = containers.filter { !isBareContainer($0.value.element) && (prose[$0.key] ?? 0) >= 150 }
        let weak = containers.filter { Double(prose[$0.key] ?? 0) >= 0.5 * Double(total) }
        if let best = (strong.isEmpty ? weak : strong).max(by: { (prose[$0.key] ?? 0, -$0.value.depth) < (prose[$1.key] ?? 0, -$1.value.depth) }) {
            let bestProse = prose[best.key] ?? 0
            // Narrow to the deepest container inside it that keeps 80% of its prose.
            let narrower = containers.filter { $0.value.depth > best.value.depth && Double(prose[$0.key] ?? 0) >= 0.8 * Double(bestProse) }
                .max { $0.value.depth < $1.value.depth }
            return narrower?.key ?? best.key
        }
        return parentScore.max { $0.value < $1.value }?.key
    }

    /// `<article>` or `<main>` with no name that marks it as the article body.
    static func isBareContainer(_ element: ElementInfo) -> Bool {
        (element.tag == "article" || element.tag == "main") && !hasBodyName(element)
    }

    private static func hasBodyName(_ element: ElementInfo) -> Bool {
        !element.names.isEmpty && bodyNames.contains { ByteSearch.contains(element.names, $0) }
    }

    private static let bodyNames = ["articlebody", "article-body", "article-content", "entry-content", "post-content", "post-body",
                                    "story-body", "story-content", "article-text", "content-body"]

    static func isArticleContainer(_ element: ElementInfo) -> Bool {
        element.tag == "article" || element.tag == "main" || hasBodyName(element)
    }

    /// For a block inside a comment section: a header naming the commenter, or comment text.
    private static func commentFate(_ context: BlockContext, block: SourceBlock, lastSerial: inout Int?) -> Fate? {
        let text = block.text
        guard let section = context.ancestors.firstIndex(where: { element in
            element.names.split(separator: " ").contains { $0.hasPrefix("comment") && !$0.hasPrefix("comment-prompt") }
                || element.tag == "comments"
        }) else { return nil }
        let inner = context.ancestors[section...]
        // The innermost comment item (an `li`, `article` or element classed `comment`) tells comments apart.
        let item = inner.dropFirst().last { element in
            element.tag == "li" || element.tag == "article"
                || element.names.split(separator: " ").contains { $0 == "comment" || $0.hasPrefix("comment-item") || $0.hasPrefix("comment-") && $0.dropFirst(8).allSatisfy(\.isNumber) }
        }
        if inner.contains(where: { $0.matches("author") || $0.matches("username") || $0.matches("commenter") || $0.tag == "cite" }) {
            lastSerial = item?.serial
            return .commentAuthor(text)
        }
        if inner.contains(where: { $0.matches("date") || $0.matches("time") || $0.matches("meta") || $0.matches("reply") || $0.matches("permalink") }) {
            return .removed(.commentHeader)
        }
        if case .heading = block.role { return .removed(.commentHeader) }
        if item == nil && inner.count <= 2 {
            // Directly in the section: its heading ("3 comments") or a prompt.
            return .removed(.commentHeader)
        }
        let starts = item.map { $0.serial != lastSerial } ?? false
        if let item { lastSerial = item.serial }
        return .commentText(starts: starts)
    }

    // MARK: - 3. Title and header zone

    private func markTitle(_ blocks: [SourceBlock], facts: BlockFacts, hints: MetadataHints, plan: inout Plan, meta: inout HeaderMetadata) {
        // The first top-level heading of the article, or else the first short line of a text file.
        let candidates = blocks.indices.prefix(20).filter { plan[$0] == .body }
        if let h = candidates.first(where: { if case .heading(let level) = blocks[$0].role { return level <= 2 } else { return false } }),
           candidates.firstIndex(of: h)! < 8 {
            meta.title = blocks[h].text
            plan[h] = .removed(.title)
        } else if let hinted = hints.title {
            meta.title = hinted
            if let same = candidates.first(where: { blocks[$0].text == hinted }) { plan[same] = .removed(.title) }
        } else if let first = candidates.first, blocks[first].role == .paragraph, facts.words[first] <= 30,
                  !blocks[first].text.contains("\n"), let last = blocks[first].text.last, !".!?:,;".contains(last),
                  blocks.count > 1 {
            meta.title = blocks[first].text
            plan[first] = .removed(.title)
        }
        if let hinted = hints.title, meta.title == nil { meta.title = hinted }
    }

    private func markHeaderZone(_ blocks: [SourceBlock], facts: BlockFacts, plan: inout Plan, meta: inout HeaderMetadata) {
        var seen = 0
        var sawDateline = false
        var prose = 0
        for i in blocks.indices {
            guard seen < 12 else { break }
            if case .removed(let kind) = plan[i], kind != .byline { continue }
            if case .commentAuthor = plan[i] { break }
            if case .commentText = plan[i] { break }
            // An embedded post's credit ("— Mayor Lena Voss (@lenavoss) March 17, 2026") reads like
            // a dateline, but what a page quotes is not its own header.
            if blocks[i].role == .blockquote { continue }
            seen += 1
            let text = blocks[i].text
            let lower = facts.lower[i]
            let words = facts.words[i]
            if words <= 14, let names = Self.bylineNames(text) {
                meta.authors = names.authors
                if meta.republishedFrom == nil { meta.republishedFrom = names.via }
                plan[i] = .removed(.byline)
                continue
            }
            if words <= 8, lower.hasPrefix("via ") {
                // "Via The Saker": the outlet this piece was taken from.
                let name = BoilerplateRules.leadingName(text.dropFirst(4))
                if !name.isEmpty, Self.looksLikeName(name) {
                    if meta.republishedFrom == nil { meta.republishedFrom = name }
                    plan[i] = .removed(.republication)
                    continue
                }
            }
            if words <= 12, let dateline = Self.dateline(text) {
                plan[i] = .removed(.dateline)
                if dateline.name.isEmpty {
                    if meta.published == nil { meta.published = dateline.date }
                } else if !sawDateline {
                    meta.outlet = dateline.name
                    meta.published = dateline.date
                } else if meta.republishedFrom == nil && dateline.name != meta.outlet {
                    meta.republishedFrom = dateline.name
                    plan[i] = .removed(.republication)
                }
                sawDateline = true
                continue
            }
            if plan[i] == .removed(.byline) { continue }
            if BoilerplateRules.isTaxonomy(lower) && words <= 40 {
                plan[i] = .removed(.taxonomy)
                continue
            }
            // The header zone ends with the second paragraph of prose (the first may be a standfirst).
            if words >= 25, let last = text.last, ".!?\"”’".contains(last) {
                prose += 1
                if prose >= 2 { break }
            }
        }
    }

    /// Names from a byline: "By A", "By A and B", "By A, B and C", "Authored by A via X".
    static func bylineNames(_ text: String) -> (authors: [String], via: String?)? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        let lower = rest.lowercased()
        var prefixLength = 0
        for prefix in ["authored by ", "written by ", "submitted by ", "articles by: ", "articles by ", "by: ", "by ", "words by "]
        where lower.hasPrefix(prefix) {
            prefixLength = prefix.count
            break
        }
        guard prefixLength > 0 else { return nil }
        rest = rest.dropFirst(prefixLength)
        var via: String?
        if let range = rest.range(of: " via ") {
            via = BoilerplateRules.leadingName(rest[range.upperBound...])
            rest = rest[..<range.lowerBound]
        }
        // A trailing date or outlet after a separator belongs to the dateline, not the names.
        for separator in [" | ", " — ", " – ", " - ", "\n"] {
            if let range = rest.range(of: separator) { rest = rest[..<range.lowerBound] }
        }
        let parts = rest.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " & ", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let names = parts.filter(Self.looksLikeName)
        guard !names.isEmpty, names.count == parts.count else { return nil }
        return (names, via.flatMap { $0.isEmpty ? nil : $0 })
    }

    static func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...6).contains(words.count) else { return false }
        let particles: Set<String> = ["de", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le", "da", "di", "du", "of", "the"]
        return words.allSatisfy { word in
            guard let first = word.first else { return false }
            return first.isUppercase || particles.contains(word.lowercased()) || first.isNumber == false && !first.isLetter
        }
    }

    /// "Outlet, March 27, 2019", "Outlet 26 March 2019", "March 27, 2019", "Published: 27 March 2019".
    static func dateline(_ text: String) -> (name: String, date: PublicationDate)? {
        var line = text.trimmingCharacters(in: .whitespaces)
        let lower = line.lowercased()
        for prefix in ["first published on", "first published:", "first published", "published:", "published on", "published",
                       "posted on", "posted:", "posted", "date:"] where lower.hasPrefix(prefix) {
            line = String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        if lower.hasPrefix("updated") { return nil }
        if let date = DateText.parse(line) { return ("", date) }
        // "17 March 2026 · Russe", "Ruse | March 14, 2026": a date beside a place, not an outlet.
        for separator in [" · ", " | ", " — ", " – "] where line.contains(separator) {
            let parts = line.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            let dates = parts.compactMap { DateText.parse($0) }
            if dates.count == 1, parts.count <= 3, parts.allSatisfy({ DateText.parse($0) != nil || looksLikeName($0) }) {
                return ("", dates[0])
            }
        }
        guard let split = DateText.splitTrailingDate(line), looksLikeName(split.name) || split.name.isEmpty else { return nil }
        return split
    }

    // MARK: - 4. Comment threads in text

    /// Finds a "NAME's picture" comment thread; returns the index of its first header.
    private func markTextComments(_ blocks: [SourceBlock], facts: BlockFacts, plan: inout Plan) -> Int? {
        guard let first = blocks.indices.first(where: { Self.pictureHeaderAuthor(blocks[$0].text) != nil && plan[$0] == .body }) else {
            return nil
        }
        // A "Comments" heading just before the thread belongs to it.
        if first > 0, plan[first - 1] == .body, facts.words[first - 1] <= 3, facts.lower[first - 1].contains("comment") {
            plan[first - 1] = .removed(.commentHeader)
        }
        for i in first..<blocks.count {
            if let author = Self.pictureHeaderAuthor(blocks[i].text) {
                plan[i] = .commentAuthor(author)
            } else if facts.words[i] <= 6, Self.commentControls.contains(where: { facts.lower[i].equals($0) }) {
                plan[i] = .removed(.commentHeader)
            } else if plan[i] == .body {
                plan[i] = .commentText(starts: false)
            }
        }
        return first
    }

    /// Thread controls that converted pages keep as lines of their own.
    static let commentControls = ["reply", "report", "permalink", "share", "like", "flag", "parent", "edit", "delete",
                                  "login or register to post comments", "log in or register to post comments", "load more comments"]

    /// The author named by a comment header such as "MrBoompi's picture" or "Zed's idea's picture".
    static func pictureHeaderAuthor(_ text: String) -> String? {
        guard text.utf8.count <= 300, !text.utf8.contains(10) else { return nil }
        for suffix in ["'s picture", "’s picture", "' picture", "’ picture"] where text.hasSuffix(suffix) {
            let name = text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }
        return nil
    }

    // MARK: - 5. Boilerplate phrases and the tail

    private func markBoilerplate(_ blocks: [SourceBlock], facts: BlockFacts, end: Int, meta: inout HeaderMetadata, plan: inout Plan) {
        var kinds: [RemovedKind?] = Array(repeating: nil, count: end)
        for i in 0..<end where plan[i] == .body {
            kinds[i] = BoilerplateRules.classify(facts.rule(i, blocks))
            if kinds[i] == nil, !meta.authors.isEmpty, facts.words[i] <= 120,
               meta.authors.contains(where: { blocks[i].text.hasPrefix($0 + " is ") || blocks[i].text.hasPrefix($0 + " writes") || blocks[i].text.hasPrefix($0 + " has ") }) {
                kinds[i] = .authorBio
            }
        }
        // A book promotion runs from "Order … book" to "Click to order", whatever lies between.
        var i = 0
        while i < end {
            if kinds[i] == .bookPromo, facts.lower[i].hasPrefix("order ") || facts.lower[i].hasPrefix("buy the book") {
                var j = i + 1
                while j < min(end, i + 16), plan[j] == .body {
                    let isClose = facts.lower[j].hasPrefix("click to order")
                    if kinds[j] == nil || kinds[j] == .bookPromo || kinds[j] == .authorBio { kinds[j] = .bookPromo } else { break }
                    j += 1
                    if isClose { break }
                }
                i = j
            } else {
                i += 1
            }
        }
        // The tail: after the last block of prose, short unclassified blocks go with the boilerplate around them.
        var tailStart = end
        var k = end - 1
        while k >= 0 {
            if plan[k] != .body && kinds[k] == nil {
                k -= 1
                continue
            }
            if kinds[k] != nil { tailStart = k } else if facts.words[k] > 12 || blocks[k].role == .blockquote { break }
            k -= 1
        }
        for i in 0..<end where plan[i] == .body {
            if let kind = kinds[i] {
                plan[i] = .removed(kind)
            } else if i >= tailStart {
                plan[i] = .removed(.other)
            }
        }
        // Metadata stated in the tail.
        for i in 0..<end {
            guard case .removed(let kind) = plan[i] else { continue }
            let text = blocks[i].text
            if kind == .republication || kind == .copyright || kind == .other {
                for line in text.split(separator: "\n") {
                    if let source = BoilerplateRules.republicationSource(String(line)) { meta.republishedFromTail = meta.republishedFromTail ?? source }
                }
            }
            if kind == .byline, let names = Self.bylineNames(text) {
                if meta.tailAuthors.isEmpty { meta.tailAuthors = names.authors }
                if meta.republishedFromTail == nil { meta.republishedFromTail = names.via }
            }
            if meta.tailPublished == nil, FoldedText(text).hasPrefix("first published"), facts.words[i] <= 12,
               let dateline = Self.dateline(text), dateline.name.isEmpty {
                meta.tailPublished = dateline.date
            }
        }
    }

    // MARK: - Assembly

    private func assemble(_ raw: RawArticle, blocks: [SourceBlock], plan: Plan, meta: HeaderMetadata) -> Document {
        var text = String.UnicodeScalarView()
        var scalarCount = 0
        var links: [TextLink] = []
        var quotations: [TextSpan] = []
        var removed: [RemovedText] = []
        var comments: [Comment] = []
        var openComment: Comment?
        var warnings = raw.warnings

        // Where the open comment's header sits among the removed text, so that a header left
        // without text goes back to its place in page order.
        var openCommentHeader: (position: Int, text: String)?

        func closeComment() {
            if let comment = openComment {
                if comment.text.isEmpty, let header = openCommentHeader {
                    removed.insert(RemovedText(kind: .commentHeader, text: header.text), at: header.position)
                } else {
                    comments.append(comment)
                }
            }
            openComment = nil
        }

        for (i, block) in blocks.enumerated() {
            switch plan[i] {
            case .body:
                if scalarCount > 0 {
                    text.append(contentsOf: "\n\n".unicodeScalars)
                    scalarCount += 2
                }
                let start = scalarCount
                text.append(contentsOf: block.text.unicodeScalars)
                scalarCount += block.text.unicodeScalars.count
                links += block.links.map { TextLink(start: $0.start + start, end: $0.end + start, target: $0.target) }
                if block.role == .blockquote { quotations.append(TextSpan(start: start, end: scalarCount)) }
            case .removed(let kind):
                if kind == .separator, block.text.count <= 3 { removed.append(RemovedText(kind: kind, text: block.text)); continue }
                removed.append(RemovedText(kind: kind, text: block.text))
            case .commentAuthor(let author):
                closeComment()
                openComment = Comment(author: author, text: "")
                openCommentHeader = (removed.count, block.text)
            case .commentText(let starts):
                if starts || openComment == nil {
                    if starts { closeComment() }
                    if openComment == nil {
                        openComment = Comment(author: nil, text: "")
                        openCommentHeader = nil
                    }
                }
                openComment!.text += (openComment!.text.isEmpty ? "" : "\n\n") + block.text
            }
        }
        closeComment()

        let hints = raw.hints
        var published: PublicationDate?
        if let stated = hints.published {
            published = DateText.parse(stated)
            if published == nil { warnings.append("publication date \"\(stated)\" could not be read; left empty") }
        }
        published = published ?? meta.published ?? meta.tailPublished
        let outlet = hints.outlet ?? meta.outlet
        let authors = MetadataNormalizer.authors(!hints.authors.isEmpty ? hints.authors : (!meta.authors.isEmpty ? meta.authors : meta.tailAuthors),
                                                 outlet: outlet)
        var republished = hints.republishedFrom ?? meta.republishedFromTail ?? meta.republishedFrom
        if republished == outlet { republished = nil }
        let id = raw.recordID.map { DocumentID($0) } ?? DocumentID("sha256-" + String(raw.contentHash.prefix(16)))

        let title = (meta.title ?? hints.title).map { MetadataNormalizer.title($0, outlet: outlet) }
        return Document(id: id, source: raw.source, format: raw.format, url: raw.url, title: title,
                        authors: authors, published: published, outlet: outlet, republishedFrom: republished,
                        text: String(text), comments: comments, removed: removed, links: links, quotations: quotations,
                        contentHash: raw.contentHash, warnings: warnings)
    }
}
