import ClaimTraceCore
import ClaimTraceStore
import Foundation

/// A self-contained HTML report of the stored documents: no scripts, no network requests,
/// readable and printable as it is. Every string from a document is escaped.
///
/// This first version shows the documents: metadata, cleaned body, reader comments, and the
/// boilerplate set aside (collapsed). Claim, reuse and entity views come with their stages.
public enum HTMLReport {
    public static func write(_ store: StoreReader, to output: OutputFile) throws {
        var documents: [Document] = []
        try store.forEachDocument { documents.append(Self.summaryCopy($0)) }
        try output.write("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>ClaimTrace report</title>
            <style>\(css)</style></head><body>
            <header><h1>ClaimTrace report</h1><p>\(documents.count) document\(documents.count == 1 ? "" : "s")</p></header>
            <main><section id="documents"><h2>Documents</h2>
            <table><thead><tr><th>Published</th><th>Outlet</th><th>Title</th><th>Authors</th><th>Republished from</th><th>Comments</th></tr></thead><tbody>

            """)
        for (n, d) in documents.enumerated() {
            try output.write("<tr><td>\(escape(d.published?.description ?? "—"))</td><td>\(escape(d.outlet ?? "—"))</td>"
                + "<td><a href=\"#doc-\(n)\">\(escape(d.title ?? d.source))</a></td><td>\(escape(d.authors.joined(separator: ", ")))</td>"
                + "<td>\(escape(d.republishedFrom ?? "—"))</td><td>\(d.comments.count)</td></tr>\n")
        }
        try output.write("</tbody></table></section>\n")
        // Bodies are read again one by one so the report never holds every text at once.
        var n = 0
        try store.forEachDocument { d in
            try output.write("<article id=\"doc-\(n)\"><h2>\(escape(d.title ?? d.source))</h2>\n<p class=\"meta\">")
            let facts = [d.outlet, d.published?.description, d.authors.isEmpty ? nil : "by " + d.authors.joined(separator: ", "),
                         d.republishedFrom.map { "republished from " + $0 }].compactMap { $0 }
            try output.write(escape(facts.joined(separator: " · ")) + "<br><code>" + escape(d.source) + "</code></p>\n")
            for paragraph in d.text.components(separatedBy: "\n\n") {
                try output.write("<p>\(escape(paragraph).replacingOccurrences(of: "\n", with: "<br>"))</p>\n")
            }
            if !d.comments.isEmpty {
                try output.write("<details><summary>\(d.comments.count) reader comment\(d.comments.count == 1 ? "" : "s")</summary>\n")
                for c in d.comments {
                    try output.write("<div class=\"comment\"><b>\(escape(c.author ?? "anonymous"))</b><p>\(escape(c.text).replacingOccurrences(of: "\n\n", with: "</p><p>"))</p></div>\n")
                }
                try output.write("</details>\n")
            }
            if !d.removed.isEmpty {
                try output.write("<details><summary>\(d.removed.count) piece\(d.removed.count == 1 ? "" : "s") of boilerplate set aside</summary><dl>\n")
                for r in d.removed { try output.write("<dt>\(escape(r.kind.rawValue))</dt><dd>\(escape(r.text))</dd>\n") }
                try output.write("</dl></details>\n")
            }
            try output.write("</article>\n")
            n += 1
        }
        try output.write("</main></body></html>\n")
    }

    private static func summaryCopy(_ d: Document) -> Document {
        var copy = d
        copy.text = ""
        copy.removed = []
        copy.comments = d.comments.map { Comment(author: $0.author, text: "") }
        return copy
    }

    /// Escapes text for HTML element content and double-quoted attributes, and neutralises
    /// bidirectional overrides that could make text display as something it is not.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}": out += String(format: "&#x%X;", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let css = """
        body{font:16px/1.5 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
        table{border-collapse:collapse;width:100%;font:14px/1.4 sans-serif}th,td{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
        article{border-top:2px solid #333;margin-top:2rem}.meta{font:13px sans-serif;color:#555}
        details{margin:.5rem 0;font-size:14px}.comment{border-left:3px solid #ccc;padding-left:.6rem;margin:.5rem 0}
        dt{font:bold 12px sans-serif;color:#666}dd{margin:0 0 .4rem 0}code{font-size:12px}
        @media print{details{display:block}}
        """
}
