import ClaimTraceCore
import ClaimTraceLink
import Foundation

/// The report's map: the places the documents name, each a circle sized by its mentions, over
/// an offline outline of the world's countries (Natural Earth, public domain; see
/// Resources/NOTICE.md). Plain inline SVG: every circle's title says what it is, with no script.
enum MapView {
    /// The outline as SVG path data in the map's coordinates (x = longitude, y = −latitude).
    static let outlinePath: String = {
        guard let url = Bundle.module.url(forResource: "world-outline", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        var path = ""
        for ring in text.split(separator: "\n") {
            for (n, point) in ring.split(separator: " ").enumerated() {
                guard let comma = point.firstIndex(of: ","), let lat = Double(point[point.index(after: comma)...]) else { continue }
                path += (n == 0 ? "M" : "L") + point[..<comma] + "," + Self.number(-lat)
            }
            path += "Z"
        }
        return path
    }()

    static func html(_ entities: [CorpusEntity]) -> String {
        let places = entities.filter { $0.type == .place && $0.latitude != nil && $0.longitude != nil }
        var out = "<section id=\"map\"><h2>Map</h2>\n"
        guard !places.isEmpty else { return out + "<p>No place with coordinates is named in the documents.</p></section>\n" }
        // The view frames the places named, with a margin, at least 20 degrees across.
        let lons = places.map { $0.longitude! }, lats = places.map { $0.latitude! }
        var (west, east, south, north) = (lons.min()!, lons.max()!, lats.min()!, lats.max()!)
        let width = max(20, (east - west) * 1.2), height = max(12, (north - south) * 1.2)
        let centre = ((west + east) / 2, (south + north) / 2)
        (west, east) = (max(-180, centre.0 - width / 2), min(180, centre.0 + width / 2))
        (south, north) = (max(-90, centre.1 - height / 2), min(90, centre.1 + height / 2))
        let scale = (east - west) / 100
        out += "<p>\(places.count) place\(places.count == 1 ? "" : "s") named in the documents; a circle's area follows its mentions.</p>\n"
        out += "<svg class=\"map\" viewBox=\"\(number(west)) \(number(-north)) \(number(east - west)) \(number(north - south))\" role=\"img\" aria-label=\"Map of the places named\">"
        out += "<rect x=\"-180\" y=\"-90\" width=\"360\" height=\"180\" class=\"sea\"/><path class=\"land\" stroke-width=\"\(number(scale * 0.15))\" d=\"\(outlinePath)\"/>"
        let most = Double(places.map(\.mentions.count).max() ?? 1)
        // The largest circles first, so smaller ones stay visible on top.
        for place in places.sorted(by: { $0.mentions.count > $1.mentions.count }) {
            let radius = scale * (0.6 + 2.4 * (Double(place.mentions.count) / most).squareRoot())
            let label = "\(place.name)\(place.country.map { " (\($0))" } ?? ""): \(place.mentions.count) mention\(place.mentions.count == 1 ? "" : "s") in \(place.documents.count) document\(place.documents.count == 1 ? "" : "s")"
            out += "<a href=\"#\(HTMLText.escape(place.id))\"><circle class=\"place\" cx=\"\(number(place.longitude!))\" cy=\"\(number(-place.latitude!))\" r=\"\(number(radius))\" stroke-width=\"\(number(scale * 0.12))\">"
                + "<title>\(HTMLText.escape(label, limit: 200))</title></circle></a>"
        }
        out += "</svg>\n<p class=\"legend\">Base map: Natural Earth (public domain).</p></section>\n"
        return out
    }

    static func number(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// The report's timeline: when the documents were published, and the dates their sentences
/// state, on one axis. Days are dots sized by how many statements give them; months are bars.
enum TimelineView {
    /// What the documents date: publication days, and stated dates by day and by month.
    struct Dates {
        var published: [(date: PublicationDate, document: Int, label: String)] = []
        var statedDays: [PublicationDate: Int] = [:]
        var statedMonths: [PublicationDate: Int] = [:]
        var statedYears = 0

        mutating func add(_ document: Document, number: Int, dates: [DateMention]) {
            if let date = document.published {
                published.append((date, number, (document.title ?? document.source) + (document.outlet.map { " — " + $0 } ?? "")))
            }
            for mention in dates {
                guard let value = mention.value else { continue }
                let parts = value.split(separator: "-").compactMap { Int($0) }
                switch parts.count {
                case 3: if let day = PublicationDate(year: parts[0], month: parts[1], day: parts[2]) { statedDays[day, default: 0] += 1 }
                case 2: if let month = PublicationDate(year: parts[0], month: parts[1], day: 1) { statedMonths[month, default: 0] += 1 }
                default: statedYears += 1
                }
            }
        }
    }

    static func html(_ dates: Dates) -> String {
        var out = "<section id=\"timeline\"><h2>Timeline</h2>\n"
        let stated = Array(dates.statedDays.keys) + Array(dates.statedMonths.keys)
        guard !dates.published.isEmpty || !stated.isEmpty else {
            return out + "<p>No document states when it was published, and no sentence a date that could be resolved.</p></section>\n"
        }
        // The window: the publication days with two months before them (what the stories look back
        // on) and a month after; with no publication day, every stated date.
        let publishedDays = dates.published.map { day($0.date) }
        let first: Int, last: Int
        if let earliest = publishedDays.min(), let latest = publishedDays.max() {
            (first, last) = (earliest - 61, latest + 31)
        } else {
            let days = stated.map(day)
            (first, last) = (days.min()! - 3, days.max()! + 3)
        }
        let span = Double(max(1, last - first))
        func x(_ d: Int) -> Double { 40 + 900 * Double(d - first) / span }
        var outside = 0
        var svg = "<svg class=\"timeline\" viewBox=\"0 0 960 150\" role=\"img\" aria-label=\"Timeline of publications and stated dates\">"
        svg += "<line x1=\"40\" y1=\"120\" x2=\"940\" y2=\"120\" class=\"axis\"/><text x=\"0\" y=\"44\" class=\"row\">published</text><text x=\"0\" y=\"89\" class=\"row\">stated</text>"
        // Month ticks along the axis.
        var tick = date(first)
        tick = PublicationDate(year: tick.year, month: tick.month, day: 1)!
        while day(tick) <= last {
            if day(tick) >= first {
                svg += "<line x1=\"\(f(x(day(tick))))\" y1=\"118\" x2=\"\(f(x(day(tick))))\" y2=\"124\" class=\"axis\"/>"
                    + "<text x=\"\(f(x(day(tick))))\" y=\"138\" class=\"tick\">\(tick.year)-\(tick.month < 10 ? "0" : "")\(tick.month)</text>"
            }
            tick = tick.month == 12 ? PublicationDate(year: tick.year + 1, month: 1, day: 1)! : PublicationDate(year: tick.year, month: tick.month + 1, day: 1)!
        }
        for (month, count) in dates.statedMonths.sorted(by: { $0.key < $1.key }) {
            let start = day(month), end = day(month.month == 12 ? PublicationDate(year: month.year + 1, month: 1, day: 1)! : PublicationDate(year: month.year, month: month.month + 1, day: 1)!)
            guard end > first, start < last else { outside += count; continue }
            svg += "<rect class=\"month\" x=\"\(f(x(max(start, first))))\" y=\"96\" width=\"\(f(x(min(end, last)) - x(max(start, first))))\" height=\"8\">"
                + "<title>\(month.year)-\(month.month < 10 ? "0" : "")\(month.month): stated \(count) time\(count == 1 ? "" : "s")</title></rect>"
        }
        let most = Double(dates.statedDays.values.max() ?? 1)
        for (stated, count) in dates.statedDays.sorted(by: { $0.key < $1.key }) {
            let d = day(stated)
            guard d >= first, d <= last else { outside += count; continue }
            svg += "<circle class=\"stated\" cx=\"\(f(x(d)))\" cy=\"85\" r=\"\(f(2 + 6 * (Double(count) / most).squareRoot()))\">"
                + "<title>\(stated): stated \(count) time\(count == 1 ? "" : "s")</title></circle>"
        }
        for item in dates.published.sorted(by: { ($0.date, $0.document) < ($1.date, $1.document) }) {
            let d = day(item.date)
            svg += "<a href=\"#doc-\(item.document)\"><rect class=\"published\" x=\"\(f(x(d) - 2))\" y=\"30\" width=\"4\" height=\"20\">"
                + "<title>\(item.date): \(HTMLText.escape(item.label, limit: 200))</title></rect></a>"
        }
        svg += "</svg>\n"
        out += "<p>\(dates.published.count) document\(dates.published.count == 1 ? "" : "s") with a publication date; "
            + "\(dates.statedDays.values.reduce(0, +)) stated days and \(dates.statedMonths.values.reduce(0, +)) stated months"
            + (outside > 0 ? " (\(outside) of them outside this window)" : "")
            + (dates.statedYears > 0 ? "; \(dates.statedYears) statements give a year only" : "") + ".</p>\n"
        return out + svg + "</section>\n"
    }

    static func day(_ d: PublicationDate) -> Int { d.daysSince1970 }
    static func date(_ days: Int) -> PublicationDate { PublicationDate(daysSince1970: days)! }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
