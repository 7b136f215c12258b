import ClaimTraceCore
import ClaimTraceExtract
import ClaimTracePipeline
import ClaimTraceSQLite
import Foundation
import Testing

@Suite("Extraction")
struct ExtractTests {
    private func annotate(_ text: String) -> (Annotations, (TextSpan) -> String) {
        let document = Document(id: DocumentID("t"), source: "t", format: .text, text: text, contentHash: "t")
        let scalars = Array(text.unicodeScalars)
        return (Extractor().annotate(document), { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) })
    }

    /// Each attribution by the first sixteen characters of its sentence, with its source's name or
    /// description ("-" for none).
    private func attributionSources(_ a: Annotations, _ words: (TextSpan) -> String) -> [(String, String)] {
        a.attributions.map { (String(words($0.span).prefix(16)), $0.source ?? $0.sourceDescription ?? "-") }
    }

    /// The source of the first attribution whose sentence starts with a prefix, from `attributionSources`.
    private func sourceFinder(_ found: [(String, String)]) -> (String) -> String? {
        { prefix in found.first { $0.0.hasPrefix(prefix) }?.1 }
    }

    @Test("Sentences survive abbreviations, initials, quotes that end sentences and ellipses")
    func sentences() {
        let (a, words) = annotate("Gen. Talal Silo met U.S. officials in Jan. and Charles J. Dunlap said “it is over.” Then he left... and came back. Was it true? Nobody knows.")
        #expect(a.sentences.map(words) == [
            "Gen. Talal Silo met U.S. officials in Jan. and Charles J. Dunlap said “it is over.”",
            "Then he left... and came back.",
            "Was it true?",
            "Nobody knows.",
        ])
    }

    @Test("A model name with a full stop, and a quotation in straight marks, do not end a sentence")
    func sentencesWithDottedNamesAndStraightQuotes() {
        let text = """
            Corvina says the RX. RIVER SPRINTER is its fastest barge. It sails in May.

            Stanev, via the Ledger, said that the pilots "want the channel dredged. … They are tired of waiting." Nobody answered.

            Talks stalled in the US. NATO officials said nothing.
            """
        let (a, words) = annotate(text)
        #expect(a.sentences.map(words) == [
            "Corvina says the RX. RIVER SPRINTER is its fastest barge.",
            "It sails in May.",
            "Stanev, via the Ledger, said that the pilots \"want the channel dredged. … They are tired of waiting.\"",
            "Nobody answered.",
            "Talks stalled in the US.",
            "NATO officials said nothing.",
        ])
    }

    @Test("Quotes get their speakers, with titles split off and later references resolved")
    func speakers() {
        let text = """
            “The leak has been contained,” Deputy Director Ana Petrova told reporters on Saturday. “We will publish every sample.”

            Petrova added that the river was safe. “Nobody should drink from it yet,” she said.

            The ministry said in a statement: “Investigations continue.”
            """
        let (a, words) = annotate(text)
        let quotes = a.quotes.map { (words($0.span), $0.kind, $0.speaker, $0.role, $0.cue, $0.speakerDescription) }
        #expect(quotes.count == 4)
        #expect(quotes[0].0 == "The leak has been contained,")
        #expect(quotes[0].2 == "Ana Petrova")
        #expect(quotes[0].3 == "Deputy Director")
        #expect(quotes[0].4 == "told reporters")
        #expect(quotes[1].2 == "Ana Petrova")     // the next quotation in the paragraph
        #expect(quotes[2].2 == "Ana Petrova")     // "she said"
        #expect(quotes[3].2 == nil)              // an unnamed body keeps its description
        #expect(quotes[3].5 == "The ministry")
    }

    @Test("Two single marks typed for a double one pair like it")
    func doubledSingleMarks() {
        let (a, words) = annotate("‘‘We are done,’’ Mayor Lena Voss said. She called it a ‘‘fair deal’’ for the port.")
        let quotes = a.quotes.map { (words($0.span), $0.speaker) }
        #expect(quotes.first?.0 == "We are done,")
        #expect(quotes.first?.1 == "Lena Voss")
        #expect(quotes.last?.0 == "fair deal")
    }

    @Test("A straight mark closed by a curly one, and a curly one closed by a straight one, pair")
    func mixedMarks() {
        let (a, words) = annotate("The vote ended late. \"A great day for the port,” Mayor Lena Voss wrote. “We stay open,\" she added. He said \"no\" and left.")
        let quotes = a.quotes.map { (words($0.span), $0.speaker) }
        #expect(quotes.map(\.0) == ["A great day for the port,", "We stay open,", "no"])
        #expect(quotes.first?.1 == "Lena Voss")
    }

    @Test("Scare quotes and quoted titles get no speaker")
    func scareAndTitles() {
        let (a, words) = annotate("The so-called “final stronghold” fell, as the article titled “Ten Days on the River” had predicted.")
        #expect(a.quotes.map { (words($0.span), $0.kind) } .map { "\($0.0):\($0.1)" } == ["final stronghold:scare", "Ten Days on the River:title"])
        #expect(a.quotes.allSatisfy { $0.speaker == nil })
    }

    @Test("A paragraph introduced by 'According to the X report:' is a block quote by X")
    func blockQuote() {
        let text = """
            According to yesterday's Harbour Times report:

            The barge had been patched twice in January, crew members said, and the repair was never inspected.

            The council denied it.
            """
        let (a, words) = annotate(text)
        let block = a.quotes.first { $0.block }
        #expect(block.map { words($0.span) } == "The barge had been patched twice in January, crew members said, and the repair was never inspected.")
        #expect(block?.speaker == "Harbour Times")
        #expect(a.quotes.filter(\.block).count == 1)
        // A paragraph that is one quotation after an introduction ending in a colon, with no verb.
        let (b, bWords) = annotate("""
            Harbour master Ivo Stanev told the Ledger the permit was routine. Worse, and apparently confirming the deal, the harbour master:

            “… signed the permit before the inspection was done.”
            """)
        let quoted = b.quotes.first { bWords($0.span).contains("signed the permit") }
        #expect(quoted?.block == true)
        #expect(quoted?.speaker == "Ivo Stanev")
    }

    @Test("Attributions name their source and cue; hedges are kept per sentence")
    func attributions() {
        let text = "The dam reportedly failed at night, according to the Waterways Board. Officials said the water was safe. The spill may have been larger, citing Eastgate Wire."
        let (a, words) = annotate(text)
        #expect(a.attributions.map { $0.source ?? $0.sourceDescription ?? "-" } == ["Waterways Board", "Officials", "Eastgate Wire"])
        #expect(a.attributions.map(\.cue) == ["according to", "said", "citing"])
        #expect(a.attributions[0].hedges == ["reportedly"])
        #expect(a.hedges.map { words($0.span) } == ["reportedly", "may"])
        #expect(a.hedges.map(\.kind) == [.hearsay, .uncertainty])
        // An unnamed source by its kind or owner, a claim made by no one, and "seemingly".
        let (b, bWords) = annotate("""
            The barge was towed to Ruse, according to a local police source. Sources described a second leak. It has also been claimed that the pilot fled. The lock was seemingly never inspected. The source of the leak is unknown.
            """)
        #expect(b.hedges.map { bWords($0.span) } == ["source", "Sources", "It has also been claimed", "seemingly"])
        #expect(b.hedges.map(\.kind) == [.anonymousSource, .anonymousSource, .hearsay, .uncertainty])
    }

    @Test("Surnames take the full name given earlier; he and she follow the subject; the writer is no source")
    func references() {
        let text = """
            Harbour master Lena Voss closed the canal on Monday. Officials from the port met the crews.

            Voss said the water level was falling. “We will reopen on Friday,” she said.

            I told the port that the log was missing. Tomas Brandt, a pilot, was not convinced. Brandt, however, is waiting. “Nobody has told us anything,” he said.
            """
        let (a, words) = annotate(text)
        let sources = a.attributions.map { (words($0.span).prefix(12), $0.source) }
        #expect(sources.contains { $0.0 == "Voss said th" && $0.1 == "Lena Voss" })
        #expect(!sources.contains { $0.0.hasPrefix("I told") })
        let speakers = a.quotes.map { (words($0.span), $0.speaker) }
        #expect(speakers.first { $0.0.hasPrefix("We will") }?.1 == "Lena Voss")
        #expect(speakers.first { $0.0.hasPrefix("Nobody") }?.1 == "Tomas Brandt")
    }

    @Test("Speech tags with roles, ages, adverbs, participles and descriptions name the speaker")
    func speechTags() {
        let text = """
            “There has not been one good season since 2008,” says veteran river analyst Ken Marsh. “Can I give it to Milena?” Varga tearfully asked.

            “Two weeks after the spill, I could not sail,” wrote 43-year-old Ivo Stanev of Silistra, in a letter to the port.

            “As a rule, tolls are a tax,” said Lawrence White, a professor at the river academy. Petrov chimed in, noting that the toll was “a lovely gesture.”

            Actor Nia Doran spoke first. “It makes you more careful,” said the actor.
            """
        let (a, words) = annotate(text)
        let speakers = Dictionary(a.quotes.map { (words($0.span), $0.speaker ?? "-") }, uniquingKeysWith: { first, _ in first })
        #expect(speakers["There has not been one good season since 2008,"] == "Ken Marsh")
        #expect(a.quotes.first { $0.speaker == "Ken Marsh" }?.role == "veteran river analyst")
        #expect(speakers["Can I give it to Milena?"] == "Varga")
        #expect(speakers["Two weeks after the spill, I could not sail,"] == "Ivo Stanev")
        #expect(speakers["As a rule, tolls are a tax,"] == "Lawrence White")
        #expect(speakers["a lovely gesture."] == "Petrov")
        #expect(speakers["It makes you more careful,"] == "Nia Doran")
    }

    @Test("They, he and she: a pair, a body with a plural verb, and a person already called he")
    func pronounsAndGroups() {
        let text = """
            The row drew in two councillors: Senator Ana Petrova and councillor Ivo Stanev. They criticised the barge company.

            Corvina Lines have twice denied doing anything wrong. “At no point did we block the pilots,” they said in a statement.

            Dario Vell, a pilot, joined the talks. He has denied being unfair. Later, Mara Quinn posted a letter. “I just want to sail,” she said.
            """
        let (a, words) = annotate(text)
        let sources = a.attributions.map { (String(words($0.span).prefix(14)), $0.source ?? "-") }
        #expect(sources.contains { $0.0 == "They criticise" && $0.1 == "Ana Petrova" })
        let speakers = a.quotes.map { (words($0.span), $0.speaker ?? "-") }
        #expect(speakers.first { $0.0.hasPrefix("At no point") }?.1 == "Corvina Lines")
        #expect(speakers.first { $0.0.hasPrefix("I just want") }?.1 == "Mara Quinn")
    }

    @Test("Attributions: findings, beliefs, agentless passives, naming, headlines and plural descriptions")
    func attributionCues() {
        let text = """
            Toll plan completely debunked: Waterways Authority

            Backers of tolls say that they help local ports. Most mainstream economists, however, argue that shippers pay the tolls. Studies have shown that small ports lose traffic. A closer look shows that the tolls were small.

            Corvina on Tuesday announced that it had bought a stake in the port. A third spill was reported near Ruse on Monday. Protesters believe the toll is unfair. The Waterways Authority called the toll plan a sham. She claimed the company thought the trips were a breach. Corvina claimed the lives of two pilots.

            Milena Varga said in a statement, “We are relieved” at the release, adding that the crew had asked to convey its thanks.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(source("Toll plan") == "Waterways Authority")
        #expect(source("Backers of") == "Backers of tolls")
        #expect(source("Most mainstream") == "Most mainstream economists")
        #expect(source("Studies have") == "Studies")
        #expect(a.attributions.first { words($0.span).hasPrefix("Studies") }?.source == nil)
        #expect(source("A closer look") == nil)
        #expect(source("Corvina on Tues") == "Corvina")
        #expect(found.contains { $0.0.hasPrefix("A third spill") })
        #expect(source("Protesters") == "Protesters")
        #expect(source("The Waterways") == "Waterways Authority")
        #expect(found.contains { $0.0.hasPrefix("She claimed") })
        #expect(!found.contains { $0.0.hasPrefix("Corvina claimed") })
        #expect(source("Milena Varga sai") == "Milena Varga")
    }

    @Test("Subjects set off by a description, findings shown in a paper, a team's head; objects, gerunds and nouns that report nothing")
    func attributionSubjectsAndNonReports() {
        let text = """
            Vera Iliev, now a hydrologist at the Ruse Institute, helped to show that the plume sank. Stoyan Marinov, head of Danube Watch, a small monitoring group, said the samples were clean. The laboratory of Elena Petrova, who was then at the river station, reported that the fish had fled. Petrova showed in a paper published in 2019 that the silt held the oil. A crew member on the Silver Heron, who spoke on condition of anonymity, said the tank was cracked. A spokesperson for the Waterways Authority reiterated that the channel was open.

            “The thing with the barge bothered” the crew, Ivo Stanev said.

            In a company email sent by chairman Pavel Draganov, pilots were told that the channel was shallow. The group, River Pilots Union, formed in March and sent a letter to the authority last week stating that the depth was unsafe.

            Most pilots are of the view that the channel is too shallow. The Waterways Authority had called the Corvina decision on the night convoys a reckless gamble. Here are some of the highlights:

            “No convoys after dark.”

            According to evidence presented at the hearing, Petrov steered into the bank. According to his aunt, Vera Iliev, “He loved the river.” Danube chaos: Corvina halts convoys and warns that the channel is shut. Ivo Stanev also spent 45 seconds explaining how the tug had drifted.

            Corvina Barge Lines published a blog post that said the convoys would resume. His repeated claims of a clear channel were the most telling sign. It did not name the pilot and said it was withholding the log.

            The pilot swerved before Petrov responded by ramming the tug. When asked, he responded quickly. “No convoys,” Ivo Stanev replied. The authority responded that the channel was open.

            The most telling slip was his claim that the log was lost. Those in favor of tolls have said that small ports would survive.

            The operator Corvina called ‘Silver Run’ “the safest convoy on the river.” Studies indicate that the carp recover within a year. The gauge indicated a depth of two metres.

            A pilot was called out several times by reporters for tell obvious lies about “boots on the deck” in Ruse.

            The “new Corvina,” as Ivo Stanev dubbed the merged fleet, has twelve tugs. Ivo Stanev met Mara Quinn at the port. In a reflection of the confusion, the Lower Danube Waterways Authority, which runs the channel, issued a statement warning that the depth was uncertain. The fishermen are alleging that the spill killed the carp. Ivo Stanev sees the toll as a tax on small ports. While the toll did not appeal to Mara Quinn, a pilot in Ruse, she said she would pay it.

            The laboratory of Elena Petrova, who was then at the Ruse Institute, found oil in the silt. Moreover, they showed that the oil had come from a tank.

            Tugs earn a lower RPM (Revenue Per Thousand) for owners. On Monday, the Boatmen’s Herald, the voice of the shipping lobby, warned that the tolls would rise. Corvina is adding veteran pilot Ivo Stanev as its first safety officer. Petrova's findings were significant for the port. Petrova's analysis found that the silt held oil. Corvina added two tugs to the fleet. The family claimed Petrov's boat and left. Anglers wanted some say in the inquiry. The crew squandered two match points at the regatta. Current fears about the spill are growing. Never urged the port to close. The firm bid $16 per share for Corvina. The regulator pressed the operator into announcing a recall.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(source("Vera Iliev, now") == "Vera Iliev")
        #expect(source("Stoyan Marinov, ") == "Stoyan Marinov")
        #expect(source("The laboratory o") == "Elena Petrova")
        #expect(source("Petrova showed i") == "Elena Petrova")
        #expect(source("A crew member on") == "A crew member")
        #expect(source("A spokesperson f") == "A spokesperson for the Waterways Authority")
        #expect(source("Moreover, they s") == "Elena Petrova")
        #expect(a.quotes.first { words($0.span) == "new Corvina," }?.speaker == "Ivo Stanev")
        #expect(source("“The thing with") == "Ivo Stanev")
        // ("for tell", a slip pages do make: no speaker ends in a preposition.)
        #expect(a.quotes.first { words($0.span) == "boots on the deck" }?.kind == .scare)
        #expect(source("In a reflection") == "Lower Danube Waterways Authority")
        #expect(source("The fishermen ar") == "The fishermen")
        #expect(source("Ivo Stanev sees ") == "Ivo Stanev")
        #expect(source("While the toll d") == "Mara Quinn")
        #expect(source("Petrova's analys") == "Elena Petrova")
        #expect(source("In a company ema") == "Pavel Draganov")
        #expect(source("Most pilots are ") == "Most pilots")
        #expect(source("Studies indicate") == "Studies")
        #expect(source("The operator Cor") == "Corvina Barge Lines")
        #expect(found.contains { $0.0.hasPrefix("The most telling") })
        #expect(source("Those in favor o") == "Those in favor of tolls")
        #expect(source("The authority re") != nil)
        #expect(a.quotes.first { words($0.span) == "No convoys," }?.speaker == "Ivo Stanev")
        #expect(source("Corvina Barge Li") == "Corvina Barge Lines")
        #expect(source("His repeated cla") != "His")
        #expect(source("It did not name ") != "It")
        #expect(source("According to evi") == "evidence presented at the hearing")
        #expect(a.quotes.first { words($0.span) == "He loved the river." }?.speaker == "Vera Iliev")
        #expect(source("Danube chaos: Co") == "Corvina")
        #expect(source("Ivo Stanev also ") == "Ivo Stanev")
        #expect(source("The Waterways Au") == "Waterways Authority")
        #expect(a.quotes.first { words($0.span).hasPrefix("No convoys") }.map { !$0.block } == true)
        #expect(source("The group, River") == "River Pilots Union")
        #expect(source("On Monday, the B") == "Boatmen’s Herald")
        for sentence in ["The gauge indica", "The pilot swerve", "When asked, he r", "Tugs earn", "Corvina is addin", "Petrova's findin", "Corvina added", "The family", "Anglers wanted", "The crew squand", "Current fears", "Never urged", "The firm bid", "The regulator"] {
            #expect(source(sentence) == nil, "\(sentence)")
        }
    }

    @Test("Roles named before the person, people of an outlet, acronyms by initials, royals and quotations across captions")
    func rolesAndBodies() {
        let text = """
            Romania’s ambassador to Bulgaria accused the port of delays and warned that ships “will not wait” much longer.

            Romania’s ambassador to Bulgaria Ion Marin has said that the river is open. Marin said that pilots could be sent, warning: “They are already in Ruse. They are there to help.

            Pilots wait at the quay in Ruse (Image: Ledger)

            “If the water keeps falling, we will act.”

            The Lower Danube Center for River Safety and Navigation said it had tested the water. The LDCRS assured the public that the risk was “extremely low.” Vasil Petrov of the Ledger reports that crews were told to “stay calm.”

            Prince Casimir spoke to the crews on Monday. Casimir does not remember the spill, but he remembers the storm. “It was a strange night,” he said.
            """
        let (a, words) = annotate(text)
        let speakers = a.quotes.map { (words($0.span), $0.speaker ?? "-") }
        func speaker(_ prefix: String) -> String? { speakers.first { $0.0.hasPrefix(prefix) }?.1 }
        #expect(speaker("will not wait") == "Ion Marin")
        #expect(speaker("They are already") == "Ion Marin")
        #expect(speaker("If the water") == "Ion Marin")
        #expect(speaker("extremely low") == "Lower Danube Center for River Safety and Navigation")
        #expect(speaker("stay calm") == "Vasil Petrov")
        #expect(speaker("It was a strange night") == "Prince Casimir")
        let sources = a.attributions.map { (String(words($0.span).prefix(14)), $0.source ?? "-") }
        #expect(sources.contains { $0.0 == "Romania’s amba" && $0.1 == "Ion Marin" })
        #expect(sources.contains { $0.0 == "Marin said tha" && $0.1 == "Ion Marin" })
    }

    @Test("'The group' and 'the company' stand for the body named before, unless a description took the noun since")
    func bodiesByTheirKind() {
        let text = """
            Pilots on the Danube formed a union last year. The group, River Pilots Coalition, says it speaks for 300 crews. The group said on Monday that the port had ignored its letters. US officials met Corvina Lines on Tuesday, and the Harbour Equities Trust joined. In a separate message, the group added that it would strike.

            The Drug Enforcement Administration met the pilots. The DEA says that the port is a route for smuggling.

            The water company in Giurgiu said its intake would stay closed. Tap water comes from wells, the company said.
            """
        let (a, words) = annotate(text)
        let found = a.attributions.map { (String(words($0.span).prefix(16)), $0.source ?? "-") }
        let source = sourceFinder(found)
        #expect(source("The group said o") == "River Pilots Coalition")
        #expect(source("In a separate") == "River Pilots Coalition")
        #expect(source("The DEA says") == "Drug Enforcement Administration")
        #expect(source("Tap water comes") == "-")
    }

    @Test("'The company' stands for a one-word name the text shows to be a company; a plea in court reports nothing")
    func oneWordCompanies() {
        let text = """
            Prosecutors in Ruse are looking into Barjo amid layoffs. The company confirmed that it had received a letter, which Barjo's board will discuss on Friday.

            Barjo CEO Ivo Stanev took over in March.

            A Tutrakan man pleaded guilty to charges he sank a pontoon.

            Vidin DL Mara Quinn said the season was over.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(source("The company conf") == "Barjo")
        #expect(source("A Tutrakan man p") == nil)
        #expect(source("Vidin DL Mara Qu") == "Mara Quinn")
        // A medium's word alone ("TV") names no body for "the company" to stand for.
        let (b, bWords) = annotate("Streaming apps now reach phones and TV. The company said it would add a free tier.")
        #expect(attributionSources(b, bWords).map(\.1) == ["The company"])
    }

    @Test("Sources after a conjunction or before a pronoun's clause, 'was said to', and a nationality before a person noun")
    func unnamedAndDescribedSources() {
        let text = """
            The dredger left Ruse at dawn. This comes after police said the crew had no licence.

            The delay was about money, according to several people I spoke to.

            The mayor was said to have been furious about the closure.

            Elena Petrova toured the harbour on Monday. In it, the Danish skipper flatly denied taking any fee.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(source("This comes after") == "police")
        #expect(source("The delay was ab") == "several people")
        #expect(source("The mayor was sa") == "-")
        let (c, cWords) = annotate("Tolls will double in May, according to a group of pilots. The group, River Pilots Coalition, formed last month.")
        #expect(attributionSources(c, cWords).first?.1 == "River Pilots Coalition")
        let (d, dWords) = annotate("Elena Petrova studies the delta. Petrova and Quinn’s survey suggested that the sturgeon had moved upstream.")
        #expect(attributionSources(d, dWords).first?.1 == "Elena Petrova")
        #expect(source("In it, the Danis") == "Elena Petrova")
        let (b, bWords) = annotate("The only two firms licensed by the Lower Danube Waterways Authority - Corvina Barge Lines and Ister Tugs - sharply criticised the new toll.")
        #expect(attributionSources(b, bWords).map(\.1) == ["Corvina Barge Lines"])
    }

    @Test("Bodies named through 'for the' and a possessive of their own, and names typeset with no-break spaces")
    func longBodyNames() {
        let text = "A Ruse man pleaded guilty to sinking a pontoon, the U.S. Attorney\u{2019}s Office for the Southern District of New\u{A0}York announced Monday. His hearing is set for March, according to the office release."
        let (a, words) = annotate(text)
        #expect(attributionSources(a, words).map(\.1) == ["U.S. Attorney\u{2019}s Office for the Southern District of New York",
                                                          "U.S. Attorney\u{2019}s Office for the Southern District of New York"])
        // A run of title words that opens with a body's word names the body; its reports' words are its own.
        let (b, bWords) = annotate("Pressure on Corvina grew as the port's Office of the Inspector General released two critical reports that depicted “years of neglect”.")
        #expect(b.quotes.map { (bWords($0.span), $0.speaker ?? "-") }.first?.1 == "Office of the Inspector General")
        #expect(attributionSources(b, bWords).map(\.1) == ["Office of the Inspector General"])
    }

    @Test("'Wrote', 'replied', 'testified' and 'explained' report only with the words beside them")
    func contentVerbs() {
        let text = """
            Ivo Stanev wrote three guides to the river. Later he wrote that the guides were out of date.

            Mara Quinn testified before the port board on Tuesday. The channel is too shallow, Quinn testified.

            The pilots asked about fees, and Stanev replied with a shrug. He replied: “Fees will rise.”
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        #expect(found.map(\.0) == ["Later he wrote t", "The channel is t"])
        #expect(found.map(\.1) == ["Ivo Stanev", "Mara Quinn"])
    }

    @Test("Forecasts, hopes with a clause and recognitions report, 'as X explained' tags, a weekday is no part of a name, 'the news organization' is the outlet")
    func forecastsAndOutlets() {
        let text = """
            Analysts expect the number of barges on the river to double by 2030. They say the new locks will help. Pilots who expect to retire soon were not asked.

            Captain Ivo Stanev recognizes that the season is over. Tolls, as the Black Sea Ledger very recently explained, are set in Ruse.

            The toll wasn’t announced. Romania Wednesday accused the port of delays.

            The Black Sea Ledger ran the story first. The news organization, citing an anonymous official, reported that the lock would close.

            Corvina Barge Lines is hoping a new lock at Ruse will open in May. Mara Quinn hopes to retire in June.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(source("Analysts expect ") == "Analysts")
        #expect(source("Pilots who expec") == nil)
        #expect(source("They say the new") == "Analysts")
        #expect(source("Captain Ivo Stan") == "Ivo Stanev")
        #expect(source("Tolls, as the Bl") == "Black Sea Ledger")
        #expect(source("The toll wasn’t ") == nil)
        #expect(source("Romania Wednesda") == "Romania")
        #expect(source("The news organiz") == "Black Sea Ledger")
        #expect(source("Corvina Barge Li") == "Corvina Barge Lines")
        #expect(source("Mara Quinn hopes") == nil)
    }

    @Test("Shows named where they aired or what they made someone are titles; a phrase named as a term is a scare quote")
    func titlesAndTerms() {
        let text = """
            “The river never sleeps,” the “Harbour Lights” actor said on “Danube Tonight” this week.

            Stanev said he never used the term “lock mafia” and added, “I dislike it.”
            """
        let (a, words) = annotate(text)
        let kinds = a.quotes.map { (words($0.span), $0.kind, $0.speaker ?? $0.speakerDescription ?? "-") }
        #expect(kinds.first { $0.0 == "Harbour Lights" }?.1 == .title)
        #expect(kinds.first { $0.0 == "Danube Tonight" }?.1 == .title)
        #expect(kinds.first { $0.0.hasPrefix("The river") }?.1 == .speaker)
        #expect(kinds.first { $0.0 == "lock mafia" }?.1 == .scare)
        #expect(kinds.first { $0.0.hasPrefix("I dislike") }?.2 == "Stanev")
    }

    @Test("A name coined inside reported speech is the coiner's; 'she' after a woman named in a later paragraph than the last speaker")
    func coinedNamesAndLaterWomen() {
        let text = """
            Stanev said his predecessor, Elena Petrova, had dubbed the dredging plan “the Ruse problem.”

            “The channel silts up every spring,” Maria Ionescu said.

            When Stanev visited his editor Anna Kovacs in Tutrakan, he left sketches on her desk. “He never stopped drawing,” she recalled.
            """
        let (a, words) = annotate(text)
        let speakers = a.quotes.map { (words($0.span), $0.speaker ?? "-") }
        #expect(speakers.first { $0.0.contains("Ruse problem") }?.1 == "Elena Petrova")
        #expect(speakers.first { $0.0.contains("never stopped") }?.1 == "Anna Kovacs")
        // A quotation from a letter a body sent is the body's.
        let (b, bWords) = annotate("Pilots on the Danube formed a union. The group, River Pilots Coalition, sent a letter to the port earlier this week stating that they “will not sail without a survey.”")
        #expect(b.quotes.map { (bWords($0.span), $0.speaker ?? "-") }.first?.1 == "River Pilots Coalition")
    }

    @Test("Name suffixes, party tags, trailing roles, 'as X notes', coordinated subjects, participles and short body names")
    func moreSourceShapes() {
        let text = """
            Port Attorney James Kennedy Jr. said in the release that threats are not protected. In October, Rep. Dan Moss, R-W.Va., visited the locks near Ruse, and argued that the port needs more pilots.

            It is crucial to keep your nets in check, says certified river pilot Ivo Stanev. For example, as Stanev notes, seeing the buoys gives pilots more time.

            Cutting costs is hard, he and his wife Kali explained on their podcast. Saving takes effort, they said.

            Karl Boden and Tim Lark were held for a year. Both men claimed at the time that they were treated well.

            Then, last week, Mara Quinn posted on Twitter accusing Corvina of blocking her boats. Quinn got support, after accusing them of bullying.

            The merger of Danube Freight and Harbour Barge Media became final. Harbour announced on Tuesday that it had cut 60 jobs.

            Petrov said he never used the term "three captains" and added, "I do not know who did."
            """
        let (a, words) = annotate(text)
        let found = a.attributions.map { (String(words($0.span).prefix(14)), $0.source ?? $0.sourceDescription ?? "-") }
        let source = sourceFinder(found)
        #expect(source("Port Attorney") == "James Kennedy Jr")
        #expect(source("In October") == "Dan Moss")
        #expect(source("It is crucial") == "Ivo Stanev")
        #expect(source("For example") == "Ivo Stanev")
        #expect(source("Saving takes") == "Ivo Stanev")
        #expect(source("Both men") == "Karl Boden")
        #expect(source("Then, last") == "Mara Quinn")
        #expect(source("Quinn got") == "Mara Quinn")
        #expect(source("Harbour announ") == "Harbour Barge Media")
        #expect(source("Petrov said he") == "Petrov")
    }

    @Test("Quotations a next paragraph credits with 'That is the view voiced by X', and titles after the noun that names them")
    func pointedBackAndTitles() {
        let text = """
            The merger of the two barge lines will create a “stronger” and “more viable” river carrier “with deep local roots.”

            That’s the hopeful view voiced by Milena Varga, the chief executive of Corvina Lines, after the vote.

            You can earn more by sailing longer routes, Ivo Stanev explained on an episode of his podcast “River Money.”
            """
        let (a, words) = annotate(text)
        let quotes = a.quotes.map { (words($0.span), $0.kind, $0.speaker ?? "-") }
        #expect(quotes.first { $0.0 == "stronger" }?.1 == .speaker)
        #expect(quotes.first { $0.0 == "stronger" }?.2 == "Milena Varga")
        #expect(quotes.first { $0.0.hasPrefix("with deep") }?.2 == "Milena Varga")
        #expect(quotes.first { $0.0.hasPrefix("River Money") }?.1 == .title)
        #expect(a.attributions.first { words($0.span).hasPrefix("That’s") }?.source == "Milena Varga")
    }

    @Test("A pronoun after a clause about a named person, surnames before a suffix, and a body's document")
    func clausesSuffixesDocuments() {
        let text = """
            Port Attorney Vera Lind said the case was closed. Karl Boden Jr., a pilot, was fined in April.

            Boden was questioned in May over a call in which he said he would “sink the ferry.” When Boden was approached, he told police he had been joking.

            The Lower Danube Port Office filed the charges. His hearing is set for March, according to the office release.
            """
        let (a, words) = annotate(text)
        #expect(a.quotes.first { words($0.span) == "sink the ferry." }?.speaker == "Karl Boden Jr")
        let found = a.attributions.map { (String(words($0.span).prefix(14)), $0.source ?? "-") }
        #expect(found.first { $0.0.hasPrefix("When Boden") }?.1 == "Karl Boden Jr")
        #expect(found.first { $0.0.hasPrefix("His hearing") }?.1 == "Lower Danube Port Office")
    }

    @Test("A paragraph the page sets off as a quotation is a block quote by the speaker named before it, and stays one from the store")
    func pageQuotations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try dir.write("in/delta.html", """
            <html><head><title>Delta counts questioned</title></head><body><article><h1>Delta counts questioned</h1>
            <p>The survey of the delta was published on Monday by the regional office, which has counted birds there for twenty years.</p>
            <p>Dr. Ana Petrova, who studies the delta for the university, said the office had missed a whole colony this spring.</p>
            <blockquote><p>We counted twice, on two different mornings, and found the same gap both times.</p>
            <p>Nobody from the office has asked to see our notes.</p></blockquote>
            <p>The office did not answer questions about the survey before publication.</p></article></body></html>
            """)
        let store = try SQLiteStore(path: dir.path + "/db.sqlite")
        _ = try Pipeline().ingest([dir.path + "/in"], into: store, problem: { Issue.record("\($0)") })
        var stored: [AnnotatedDocument] = []
        try store.forEachAnnotatedDocument { stored.append($0) }
        let document = try #require(stored.first)
        #expect(document.document.quotations.count == 2)
        let blocks = document.annotations.quotes.filter(\.block)
        #expect(blocks.count == 2)
        #expect(blocks.allSatisfy { $0.speaker == "Ana Petrova" })
        // Annotated again from the stored document, the result is the same.
        #expect(Extractor().annotate(document.document).quotes.filter(\.block).map(\.speaker) == blocks.map(\.speaker))
    }

    @Test("An embedded post is a block quote by the account its credit line names; the credit line and a labelled summary box quote no one")
    func embeddedPosts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try dir.write("in/post.html", """
            <html><head><title>Mayor answers on the toll</title></head><body><article><h1>Mayor answers on the toll</h1>
            <p>The port's new toll drew a long reply from the mayor of Ruse on Tuesday evening, after a day of protests at the quay.</p>
            <blockquote class="twitter-tweet"><p>The toll stays until the locks are paid for. Nobody in Ruse will pay it twice.</p>
            <p>&mdash; Mayor Lena Voss (@lenavoss) March 17, 2026</p></blockquote>
            <p>The barge operators said they would meet on Friday to decide what to do next about the toll.</p>
            <blockquote><p>Summary Studies show that tolls at small river ports cut barge traffic within a year.</p></blockquote>
            </article></body></html>
            """)
        let store = try SQLiteStore(path: dir.path + "/db.sqlite")
        _ = try Pipeline().ingest([dir.path + "/in"], into: store, problem: { Issue.record("\($0)") })
        var stored: [AnnotatedDocument] = []
        try store.forEachAnnotatedDocument { stored.append($0) }
        let document = try #require(stored.first)
        let blocks = document.annotations.quotes.filter(\.block)
        #expect(blocks.count == 1)
        #expect(blocks.first?.speaker == "Lena Voss")
        #expect(blocks.first?.cue == "posted")
    }

    @Test("Tags after a quotation's comma, a month before the verb, a day or modifier before an owned report noun, and a claim's place before its clause")
    func invertedTagsAndOwnedReports() {
        let text = """
            Ivo Stanev said the port was closed. In the wake of the flood, the port “rebuilt its locks and pumps,” writes the Danube Courier. Four inspections failed to find the cause, which was "extremely worrying," wrote Stanev, who had never sailed. He sat down, wrote a letter and left.

            Stanev in October revealed plans to expand the fleet. The closure came in view of Stanev’s announcement that the company had lost two barges. Closer to home, the LDWA’s Monday announcement to widen the channel raised the number of operators to 14.

            Stanev is under fire for failing to deliver on his often-repeated claim that the port would open in May. His claim in the same interview that the pair were not close contradicts the record. Her report on the company that failed was long.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(source("In the wake") == "Danube Courier")
        #expect(source("Four inspections") == "Ivo Stanev")
        #expect(!found.contains { $0.0.hasPrefix("He sat") })
        #expect(source("Stanev in Oct") == "Ivo Stanev")
        #expect(source("The closure") == "Ivo Stanev")
        #expect(source("Closer to home") == "LDWA")
        #expect(source("Stanev is under") == "Ivo Stanev")
        #expect(source("His claim") == "Ivo Stanev")
        #expect(!found.contains { $0.0.hasPrefix("Her report") })
    }

    @Test("Whom someone reports to, a claim weighed with 'than', an office kept, a name before a noun after 'citing', and 'the German automaker'")
    func nonReportsAndNationalBodies() {
        let text = """
            Ivo Stanev said the port was closed. After Elena Petrova left the authority, it was Stanev who took over, and Petrova reported to him. Stanev reported to police that the barge was missing.

            It is more complicated than Stanev suggests. That is smaller than what Stanev said, but close. The crew were released in Ruse, where the company maintains a small office, according to a port official. The talks stalled when Mayor Petrova left in September, citing Corvina delays.

            Volkswagen CEO Anna Berg opened the yard near the ID. Buzz assembly hall. The German automaker, which has focused on river freight, says the engine will run for 300 hours.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(!found.contains { $0.0.hasPrefix("After Elena") })
        #expect(source("Stanev reported") == "Ivo Stanev")
        #expect(!found.contains { $0.0.hasPrefix("It is more") || $0.0.hasPrefix("That is smaller") })
        #expect(source("The crew were") == "a port official")
        #expect(source("The talks") != "Corvina")
        #expect(source("The German auto") == "Volkswagen")
    }

    @Test("A few quoted words inside a named source's reported claim are its words; a body's 'and said' after its own verb; a count 'previously reported'")
    func creditedFragmentsAndBodyClauses() {
        let text = """
            Ivo Stanev spoke to the council on Monday. He contradicts his claim in the same interview that the pair were “not close”.

            Crews formed a union, the Corvina Crews Coalition. However, the group raised alarm at the terms of the deal, and said that crews were told by Corvina to sign by Monday.

            When he checked the log, Stanev found 18 times the number of spills previously reported. As the Riverbank Observer first reported, a crew member said the tank leaked.

            Stanev: 2 Barges, 1 Tug, 40 t.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        let fragment = a.quotes.first { words($0.span) == "not close" }
        #expect(fragment?.kind == .speaker && fragment?.speaker == "Ivo Stanev")
        #expect(source("However, the gr") == "Corvina Crews Coalition")
        #expect(!found.contains { $0.0.hasPrefix("When he checked") })
        #expect(source("As the Riverban") == "Riverbank Observer")
        #expect(!found.contains { $0.0.hasPrefix("Stanev: 2") })
    }

    @Test("Questions, suppositions, counterfactuals, asides, adjectival participles, negated passives and deeds report nothing; a capitalised common noun opening the sentence is a description")
    func nonReportsOfManyKinds() {
        let text = """
            Polls show that the mayor is almost back to where she was. Research also shows that tolls cut traffic. The port reopened, a new study reports.

            It’s worth noting, though, that those figures are on the old scale. For starters, the observed volume is much higher than predicted. From 2010 to 2015 there were 3248 spills reported worldwide.

            Would Ivo Stanev have pleaded to keep the pilot’s name secret? The pilot would then have claimed the barge was empty. If they really believed that the toll was a sham, they would have left.

            The researchers observed the river for 17 nights. A radical minority of protesters have responded with violence. Toll pricing has not been confirmed at this stage. So many people were talking about the slogan that the state and “We Stay Open” became top trends.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(source("Polls show") == "Polls")
        #expect(a.attributions.first { words($0.span).hasPrefix("Polls") }?.source == nil)
        #expect(source("Research also") == "Research")
        #expect(source("The port reopen") == "a new study")
        for opening in ["It’s worth", "For starters", "From 2010", "Would Ivo", "The pilot would", "If they really", "The researchers", "A radical", "Toll pricing"] {
            #expect(!found.contains { $0.0.hasPrefix(opening) }, "\(opening)")
        }
        #expect(a.quotes.first { words($0.span) == "We Stay Open" }?.speakerDescription == nil)
    }

    @Test("Listed title-cased quotations are titles; picture credits name no source; a study shows, not those it studied")
    func titleListsCreditsAndStudies() {
        let text = """
            According to the promoter, expect to hear the band’s hits on the tour, including “Listen To The River,” “Barges At Dawn,” “Black Water” and “Ruse Nights.” “Yes,” “No,” Stanev said.

            Ruse General Hospital, where crew members from the barge sought treatmentCredit: Danube Courier

            One small study in 50 barges with BED showed that dredging led to fewer groundings. Another study in older barges showed that welding helped. For instance, one 6-month study in 77 pilots showed that rest stopped groundings.
            """
        let (a, words) = annotate(text)
        let titles = a.quotes.filter { $0.kind == .title }.map { words($0.span) }
        #expect(titles == ["Listen To The River,", "Barges At Dawn,", "Black Water", "Ruse Nights."])
        #expect(a.quotes.first { words($0.span) == "No," }?.speaker == "Stanev")
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(!found.contains { $0.0.hasPrefix("Ruse General") })
        #expect(source("One small study") == "One small study")
        #expect(source("Another study i") == "Another study")
        #expect(source("For instance, o") == "one 6-month study")
    }

    @Test("Findings shown in the passive, stances held with a clause, statement nouns a name owns, and a box's label before a common noun")
    func passiveFindingsStancesAndStatementNouns() {
        let text = """
            Summary Studies show that tolls cut traffic. Sleep loss has been shown to alter the levels of hormones. The outflows were also shown to change the river's course. The barge was shown to the press.

            The crews think the source of the leak is a valve. Most of us think we overeat when the food is good. I think the port will reopen.

            One of the strangest developments was Stanev’s own doubling-down admission that he didn’t know the pilot’s name.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        let source = sourceFinder(found)
        #expect(source("Summary Studies") == "Studies")
        #expect(source("Sleep loss has") == "-")
        #expect(source("The outflows we") == "-")
        #expect(!found.contains { $0.0.hasPrefix("The barge was") })
        #expect(source("The crews think") == "The crews")
        #expect(!found.contains { $0.0.hasPrefix("Most of us") || $0.0.hasPrefix("I think") })
        #expect(source("One of the stra") == "Stanev")
    }

    @Test("Where a name is from is no part of it, a legal suffix is no part of a short name, and an opening adverb is no source")
    func placeModifiersSuffixesAndAdverbs() {
        let (a, words) = annotate("Ships of Varna Co. and Ruse Barges Ltd. waited. Varna-based Marevo, a chain of 30 shipyards, may be another warning sign. Marevo reported a loss of $30 million. Highly recommended as an affordable way to cross the river.")
        let found = attributionSources(a, words)
        #expect(found.first { $0.0.hasPrefix("Marevo reported") }?.1 == "Marevo")
        #expect(!found.contains { $0.0.hasPrefix("Highly") })
    }

    @Test("'They' stands for a body named within a few paragraphs, not for a picture credit's agency pages before")
    func pronounsForBodiesNearby() {
        let filler = String(repeating: "The river rose slowly through the week and the barges waited below the bridge for the water to fall again. ", count: 30)
        let text = """
            The mayor spoke at the quay. (Ana Dimova/Danube Courier)

            \(filler)

            Most of the witnesses were vague: they never cite a log but feel that the barge was late.
            """
        let (a, words) = annotate(text)
        let found = attributionSources(a, words)
        #expect(found.first { $0.0.hasPrefix("Most of the wit") }?.1 == "they")
    }

    @Test("'She said' after a quotation is not the woman named inside it")
    func speakerNotNamedInOwnWords() {
        let (a, words) = annotate("An agreeable woman in her 80s, Elena Petrova lives in Ruse now. She spoke with pride of her late nephew. She gave me an email address for the pilot’s sister, Maria Quinn. “I cannot believe Maria would not want the log made public,” she said.")
        #expect(a.quotes.first { words($0.span).hasPrefix("I cannot") }?.speaker == "Elena Petrova")
    }

    @Test("A given name alone, set off by 'who', names a person a later 'he' can stand for")
    func givenNameAlone() {
        let (a, words) = annotate("Ivo Stanev, a pilot, said the river was low. “We wait,” he said.\n\nTommy — who only goes by his first name online — retired ten years ago. He never earned a big salary, but saved steadily, he wrote in a blog post.\n\n\"So much of a good retirement is mental,\" he wrote.")
        #expect(a.quotes.first { words($0.span).hasPrefix("So much") }?.speaker == "Tommy")
        #expect(a.attributions.first { words($0.span).hasPrefix("He never") }?.source == "Tommy")
    }

    @Test("'His doctor', 'her lawyer': a described source behind a possessive pronoun")
    func possessivePronounSources() {
        let (a, words) = annotate("Ivo Stanev fell ill in May. At first, his doctor assumed he had a chest infection. Her lawyer told reporters that the claim was false.")
        let found = attributionSources(a, words)
        #expect(found.first { $0.0.hasPrefix("At first, his d") }?.1 == "his doctor")
        #expect(found.first { $0.0.hasPrefix("Her lawyer") }?.1 == "Her lawyer")
    }

    @Test("A quotation with a credit line after a dash is the credited person's")
    func creditedPullQuotes() {
        let (a, words) = annotate("The Silver Heron\n\n“Had he stayed on the river, he would have been the best pilot of his time.” — Elena Petrova\n\nSome text follows here about the river.")
        let quote = a.quotes.first { words($0.span).hasPrefix("Had he stayed") }
        #expect(quote?.speaker == "Elena Petrova")
        #expect(quote?.cue == "credited")
    }

    @Test("'Cited the backlash as proof that …' holds a view, as 'sees … as' does")
    func citedAsProof() {
        let (a, words) = annotate("Ivo Stanev runs the port. The toll drew ridicule on Monday, but Stanev cited the backlash as proof that the campaign worked.")
        #expect(attributionSources(a, words).first { $0.0.hasPrefix("The toll drew") }?.1 == "Ivo Stanev")
    }

    @Test("A title cue in the sentence before does not make the next sentence's quotation a title")
    func titleCueStopsAtSentenceEnd() {
        let (a, words) = annotate("“He could have had a better career,” Elena Petrova said, “if he had kept to one river” and written a series. “But Ivo wanted to sail where he wanted to sail.”")
        let quote = a.quotes.first { words($0.span).hasPrefix("But Ivo") }
        #expect(quote?.kind == .speaker)
        #expect(quote?.speaker == "Elena Petrova")
    }

    @Test("A person named after a preposition counts when the text names her elsewhere too")
    func peopleAfterPrepositions() {
        let text = """
            Beth Meacham edited the pilot's books. “They sold well,” she said.

            Elena Petrova found the log in May. “It was soaked,” she wrote.

            After a year of talks led by Beth Meacham, the port agreed to publish the log.

            When I got word of the deal, I thought of Elena Petrova. How would she feel about it?

            “I don’t even have words,” she replied in an email.
            """
        let (a, words) = annotate(text)
        #expect(a.quotes.first { words($0.span).hasPrefix("I don’t") }?.speaker == "Elena Petrova")
    }

    @Test("A bare verb form closing a list is a noun; a name after 'with' is no subject")
    func listNounsAndObjectsOfWith() {
        let (a, words) = annotate("A good support system may be linked to fewer groundings and stress. In fact, one survey of 146 pilots found that those with BED reported more symptoms of insomnia. As experts warn, the river is low.")
        let found = attributionSources(a, words)
        #expect(!found.contains { $0.0.hasPrefix("A good support") || $0.0.hasPrefix("In fact, one su") })
        #expect(found.contains { $0.0.hasPrefix("As experts warn") && $0.1 == "experts" })
    }

    @Test("A middle initial stays inside a name, and 'he’d' stands for a man, never for a woman last heard")
    func middleInitialsAndContractedPronouns() {
        let text = """
            Ivo M. Stanev wrote the pilot's handbook. Its charts were dense, as the surveyor Elena Petrova explained to me. “You see a tenth of the river,” she said. When his editors asked for more, he’d respond, “I have a horror of being obvious.”

            In 1997, Elena wrote, she interviewed Ivo for the harbour newsletter. “No,” he said. “Tell me one first.”
            """
        let document = Document(id: DocumentID("t"), source: "t", format: .text, text: text, contentHash: "t")
        let (a, entities) = Extractor().annotateWithEntities(document)
        let scalars = Array(text.unicodeScalars)
        func words(_ span: TextSpan) -> String { String(String.UnicodeScalarView(scalars[span.start..<span.end])) }
        #expect(entities.contains { $0.name == "Ivo M. Stanev" && $0.type == .person })
        #expect(!entities.contains { $0.name == "Ivo M" })
        #expect(a.quotes.first { words($0.span).hasPrefix("I have a horror") }?.speaker == "Ivo M. Stanev")
        #expect(a.quotes.first { words($0.span).hasPrefix("No") }?.speaker == "Ivo M. Stanev")
    }

    @Test("A roster of names with colons is no one's claims; a transcript's labels are")
    func rostersAndTranscripts() {
        let roster = """
            Arrests on the quay

            Ana D. Velkova: Theft of a mooring line, trespass on the quay.

            Petar K. Dimov: Possession of stolen fuel, resisting the harbour police.

            Mila T. Ruseva: Trespass, failing to appear in court.
            """
        let (a, _) = annotate(roster)
        #expect(a.attributions.isEmpty)
        let transcript = """
            Ivo Stanev spoke with Elena Petrova about the spill.

            Elena Petrova: The river was closed for a week after the leak.

            Ivo Stanev: We lost every contract we had in the port.

            Elena Petrova: The authority has promised to pay for the losses.
            """
        let (b, words) = annotate(transcript)
        let found = attributionSources(b, words)
        #expect(found.contains { $0.0.hasPrefix("Elena Petrova: T") && $0.1 == "Elena Petrova" })
    }

    @Test("A verb in a clause describing a noun is no tag; a clause's subject after a phrase of time owns its participle")
    func describedNounsAndTimeOpeners() {
        let (a, words) = annotate("Elena Petrova and her brother Ivo Stanev agreed to an interview. Over the course of that interview, Ivo and Elena disputed that Mara was estranged from them, saying instead she was “shy by nature.” Elena Petrova added that the letter Mara wrote was “kind and loving.”")
        #expect(a.quotes.first { words($0.span).hasPrefix("shy") }?.speaker == "Ivo Stanev")
        #expect(a.quotes.first { words($0.span).hasPrefix("kind") }?.speaker == "Elena Petrova")
    }

    @Test("Views held in the passive by people left unnamed, and findings a study shows without 'that'")
    func heldPassivesAndFindings() {
        let (a, words) = annotate("A rested crew is thought to reduce the risk of a grounding. Night sailing is considered the riskiest habit on the river. Two pilots who fell ill are suspected to have drunk river water. Ivo Stanev considered the offer for a week. One study in 101 pilots showed improvements in sleep after six months. A video shows a barge at the pier.")
        let found = attributionSources(a, words)
        #expect(found.map(\.0) == ["A rested crew is", "Night sailing is", "Two pilots who f", "One study in 101"])
        #expect(a.attributions.first { words($0.span).hasPrefix("One study") }?.sourceDescription == "One study")
        #expect(a.attributions.first { words($0.span).hasPrefix("A rested") }?.cue == "thought")
    }

    @Test("A tag after a quotation may name a person and the body she belongs to at length, or a role before her name and an appositive after it")
    func longTagsAfterQuotations() {
        let (a, words) = annotate("“The channel is open again,” Deputy Director Milena Todorinova of the Lower Danube Waterways Authority said on Tuesday.")
        let quote = a.quotes.first { words($0.span).hasPrefix("The channel") }
        #expect(quote?.speaker == "Milena Todorinova")
        #expect(quote?.cue == "said")
        // A role in lower case before the name, and an appositive after it.
        let (b, bWords) = annotate("“The fish are back in the side arms,” study lead author Elena Petrova, a river ecologist at the Pannonian River Institute in Budapest, said in a statement. China said it is committed to the “one channel, two ports” plan granting Ruse control, while pilots there say little.")
        #expect(b.quotes.first { bWords($0.span).hasPrefix("The fish") }?.speaker == "Elena Petrova")
        #expect(b.quotes.first { bWords($0.span).hasPrefix("one channel") }?.speaker == "China")
    }

    @Test("A word between a name's possessive and its statement noun: 'Stanev’s astounding assertion that …'")
    func adjectiveBeforeOwnedStatement() {
        let (a, words) = annotate("Ivo Stanev runs the port. Stanev’s astounding assertion that he never met the pilot drew scorn. Stanev’s boat sank.")
        let found = attributionSources(a, words)
        #expect(found.first { $0.0.hasPrefix("Stanev’s astoun") }?.1 == "Ivo Stanev")
        #expect(a.attributions.first { words($0.span).hasPrefix("Stanev’s astoun") }?.cue == "assertion")
        #expect(!found.contains { $0.0.hasPrefix("Stanev’s boat") })
    }

    @Test("Annotations are stored, exported, and refreshed when the extractor changes")
    func storedAnnotations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try dir.write("in/a.txt", "Canal closes\n\n“We have no choice,” harbour master Lena Voss said on Monday, according to the port.\n")
        let store = try SQLiteStore(path: dir.path + "/db.sqlite")
        _ = try Pipeline().ingest([dir.path + "/in"], into: store, problem: { Issue.record("\($0)") })
        var stored: [AnnotatedDocument] = []
        try store.forEachAnnotatedDocument { stored.append($0) }
        #expect(stored.first?.annotations.quotes.first?.speaker == "Lena Voss")
        #expect(try store.documentsNeedingAnnotation(version: Extractor.version).isEmpty)
        // A document stored by an older extractor is annotated again on the next ingest.
        _ = try store.write([Document(id: DocumentID("old"), source: "old.txt", format: .text, text: "“Fine,” Ola Berg said.", contentHash: "h-old")])
        #expect(try store.documentsNeedingAnnotation(version: Extractor.version) == [DocumentID("old")])
        let summary = try Pipeline().ingest([dir.path + "/in"], into: store, problem: { Issue.record("\($0)") })
        #expect(summary.reannotated == 1)
        var refreshed: [AnnotatedDocument] = []
        try store.forEachAnnotatedDocument { refreshed.append($0) }
        #expect(refreshed.last?.annotations.quotes.first?.speaker == "Ola Berg")
    }
}

@Suite("Dates, quantities and citations")
struct DatesQuantitiesCitationsTests {
    private func annotate(_ text: String, published: PublicationDate?, links: [TextLink] = [], outlet: String? = nil) -> (Annotations, (TextSpan) -> String) {
        let document = Document(id: DocumentID("t"), source: "t", format: .text, published: published, outlet: outlet, text: text,
                                links: links, contentHash: "t")
        let scalars = Array(text.unicodeScalars)
        return (Extractor().annotate(document), { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) })
    }

    @Test("Dates are written as YYYY-MM-DD with zeros, and scalars decode any UTF-8 text")
    func dateTextAndScalars() {
        #expect(PublicationDate(year: 1066, month: 3, day: 5)?.description == "1066-03-05")
        #expect(PublicationDate(year: 2026, month: 11, day: 23)?.description == "2026-11-23")
        let text = "Ruse — “Dunărea” 水 👍🏽 e\u{301}"
        #expect([Unicode.Scalar](scalarsOf: text) == Array(text.unicodeScalars))
    }

    @Test("Absolute dates as written; relative ones against the publication date, or left unresolved")
    func dates() {
        let text = "The deal was struck on February 26, 2018 and confirmed 26 March 2019. Yesterday's report said strikes stopped in mid-November 2017. The mayor spoke on Monday. Fighting began in 2012 and resumed last June; a year later it ended."
        let (a, words) = annotate(text, published: PublicationDate(year: 2019, month: 3, day: 27))
        let found = a.dates.map { "\(words($0.span))=\($0.value ?? "nil")" }
        #expect(found == ["February 26, 2018=2018-02-26", "26 March 2019=2019-03-26", "Yesterday's=2019-03-26",
                          "mid-November 2017=2017-11", "Monday=2019-03-25", "2012=2012", "last June=2018-06", "a year later=2019"])
        let (undated, _) = annotate("He spoke on Monday, yesterday.", published: nil)
        #expect(undated.dates.map(\.value) == [nil, nil])
        // "last Monday" is the Monday before; "next Monday" and "the next morning" are not.
        let (later, laterWords) = annotate("She said last Monday that the pilots would sail the next morning.",
                                           published: PublicationDate(year: 2019, month: 3, day: 27))
        let laterFound = later.dates.map { "\(laterWords($0.span))=\($0.value ?? "nil")" }
        #expect(laterFound.contains("last Monday=2019-03-25"))
        #expect(!laterFound.contains("next morning=2019-03-27"))
        // What someone said would happen on a weekday lies ahead; a deadline already met, behind.
        let (said, saidWords) = annotate("The authority said the intakes would reopen on Saturday. By Monday more than 60 barges had passed.",
                                         published: PublicationDate(year: 2019, month: 3, day: 27))
        #expect(said.dates.map { "\(saidWords($0.span))=\($0.value ?? "nil")" } == ["Saturday=2019-03-30", "Monday=2019-03-25"])
    }

    @Test("Quantities carry what they count, a normalised value and a comparator")
    func quantities() {
        let text = "We took out around 4,000 people. The convoy was six to seven kilometers long and had almost 50 trucks, more than 3,000 fighters and dozens of buses, costing $9.95 and 1.4 million euros."
        let (a, _) = annotate(text, published: nil)
        let found = a.quantities.map { "\($0.value)|\($0.upper.map { "\($0)" } ?? "-")|\($0.unit ?? "-")|\($0.comparator ?? "-")" }
        #expect(found == ["4000.0|-|people|around", "6.0|7.0|kilometers|between", "50.0|-|trucks|almost",
                          "3000.0|-|fighters|more than", "24.0|-|buses|at least", "9.95|-|$|-", "1400000.0|-|euros|-"])
    }

    @Test("Links and outlets named as sources are citations")
    func citations() {
        let text = "The Harbour Times reported that the quay had cracked, and the council's own survey agreed."
        let at = text.unicodeScalars.count - "survey agreed.".unicodeScalars.count
        let (a, words) = annotate(text, published: nil, links: [TextLink(start: at, end: at + 6, target: "https://council.example/survey")],
                                  outlet: nil)
        let links = a.citations.filter { $0.kind == .link }
        #expect(links.map(\.target) == ["https://council.example/survey"])
        #expect(links.map { words($0.span) } == ["survey"])
    }
}
