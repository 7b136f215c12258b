import ClaimTraceCore
import Foundation
import Testing

/// Cleaning plain-text and Markdown conversions of web pages: bylines, republication lines,
/// boilerplate tails and comment threads in the shapes such pages take.
@Suite("Text cleaning")
struct TextCleaningTests {
    @Test("'Authored by X via Y' gives the author and the outlet it was republished from")
    func authoredVia() throws {
        let text = """
            Grain Prices Jump As Port Strike Drags On

            Authored by Petra Lindgren via The Quayside Review,

            Grain prices rose for a third day on Wednesday as the dock strike at the port entered its second week, traders said.

            Shipping agents expect delays of up to ten days for bulk carriers waiting at anchor.
            """
        let d = try #require(try readFile("post.txt", text).only)
        #expect(d.title == "Grain Prices Jump As Port Strike Drags On")
        #expect(d.authors == ["Petra Lindgren"])
        #expect(d.republishedFrom == "The Quayside Review")
        #expect(d.text.hasPrefix("Grain prices rose"))
        #expect(d.published == nil)
    }

    @Test("'Via X' under the title names the source outlet; numeric dates are read only when unambiguous")
    func viaLineAndNumericDate() throws {
        let text = """
            Bridge Tolls To Double

            Via The Harbour Ledger

            Sat, 11/18/2017 - 14:30

            The regional council voted on Friday to double tolls on the old bridge from next spring, the ledger reported.
            """
        let d = try #require(try readFile("tolls.txt", text).only)
        #expect(d.republishedFrom == "The Harbour Ledger")
        #expect(d.published?.description == "2017-11-18")
        #expect(d.text == "The regional council voted on Friday to double tolls on the old bridge from next spring, the ledger reported.")
        #expect(DateText.parse("03/04/2017") == nil)
        #expect(DateText.parse("25/12/2017")?.description == "2017-12-25")
    }

    @Test("A commentary site's long tail is set aside piece by piece, each with its kind")
    func boilerplateTail() throws {
        let text = """
            # Why the Canal Tender Matters

            By [Ivo Marek](https://x.example/ivo)

            Riverside Forum, June 3, 2024

            The canal tender will decide who maintains the locks for the next twenty years, and the bidders know it.

            Three consortia have qualified, according to documents seen by this author, and one of them has never run a lock.

            \\*

            All Riverside Forum articles can be read in 40 languages by activating the Translate Website menu on our home page.

            To receive the Riverside Forum's weekly newsletter, click here.

            Visit and follow us on Instagram at @riverside_forum.

            Ivo Marek is a regular contributor to Riverside Forum.

            The views expressed in this article are the author's own and do not necessarily reflect those of Riverside Forum.

            The original source of this article is [Canal Notes](https://canal.example)

            Copyright © [Ivo Marek](https://x.example/ivo), [Canal Notes](https://canal.example), 2024
            """
        let d = try #require(try readFile("tender.md", text).only)
        #expect(d.title == "Why the Canal Tender Matters")
        #expect(d.authors == ["Ivo Marek"])
        #expect(d.outlet == "Riverside Forum")
        #expect(d.published?.description == "2024-06-03")
        #expect(d.republishedFrom == "Canal Notes")
        #expect(d.text.components(separatedBy: "\n\n").count == 2)
        let kinds = d.removed.map(\.kind)
        for kind: RemovedKind in [.noteToReaders, .membership, .share, .authorBio, .disclaimer, .republication, .copyright] {
            #expect(kinds.contains(kind), "no \(kind)")
        }
    }

    @Test("Comment threads: controls are set aside, headers without text are kept as removed text")
    func commentControls() throws {
        let text = """
            Night Buses Cut

            The city will cut three night bus routes from May, the transport office said on Monday.

            owl_rider's picture

            That is my only way home.

            Reply

            Zed's idea's picture

            quiet_one's picture

            Login or register to post comments
            """
        let d = try #require(try readFile("buses.txt", text).only)
        #expect(d.text == "The city will cut three night bus routes from May, the transport office said on Monday.")
        #expect(d.comments == [Comment(author: "owl_rider", text: "That is my only way home.")])
        #expect(d.removed.filter { $0.kind == .commentHeader }.map(\.text) == ["Reply", "Zed's idea's picture", "quiet_one's picture", "Login or register to post comments"])
    }
}
