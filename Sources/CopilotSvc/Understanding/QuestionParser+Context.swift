/// A question told with its context: "I have the status call with the client in an hour, so let me
/// have it ready: what was our revenue last weekend?" The sentences around the ask explain why it
/// is asked; their words ("status", "call", "client") are not names or units the number depends on,
/// yet read together with the ask they are words no step explains, and the whole question is asked
/// back.
///
/// When that happens, the question is read again sentence by sentence. It is answered from one
/// sentence alone only when that sentence is a complete question by itself and every other sentence
/// is inert: it names nothing the ask does not name itself (no metric, workspace name, provider,
/// period, grain, level, ranking or comparison word of its own; "up" and "down", and words asking
/// for what the ask is anyway, aside) and has nothing that may be the name of something in the
/// account (a capitalised word inside a sentence, a word beside "campaign" or "ad"). "The Winter
/// Promo numbers look odd. What was spend yesterday?" is still asked back: Winter Promo may be what
/// the spend was meant to be of.
extension QuestionParser {
    /// The understanding of the one sentence (or clause) that asks, when the others are context;
    /// nil when the question is one clause, when no clause or more than one asks, or when a
    /// context clause may change the number.
    func askAmidContext(_ question: String, previous: Understanding?) -> Understanding? {
        let parts = Self.clauses(question).enumerated().flatMap { sentence, clauses in
            clauses.map { (sentence: sentence, text: $0) }
        }
        guard parts.count >= 2 else { return nil }
        let readings = parts.map { read($0.text) }
        // An ask is a run of clauses of one sentence that reads completely by itself: "CTR: aug
        // 2-14 vs july 2-14" is one ask in two clauses. A run inside a longer one that reads as
        // well is part of the same ask.
        var asks: [(clauses: ClosedRange<Int>, reading: Reading)] = []
        for first in parts.indices {
            for last in first..<parts.count where parts[last].sentence == parts[first].sentence {
                let reading = first == last ? readings[first] : read(parts[first...last].map(\.text).joined(separator: " "))
                if Self.unexplained(reading.words).isEmpty, !Self.namesNothing(reading) { asks.append((first...last, reading)) }
            }
        }
        let widest = asks.filter { ask in
            !asks.contains { other in
                other.clauses != ask.clauses && other.clauses.contains(ask.clauses.lowerBound)
                    && other.clauses.contains(ask.clauses.upperBound)
            }
        }
        guard widest.count == 1, let ask = widest.first, ask.clauses.count < parts.count else { return nil }
        var reading = ask.reading
        let understanding = decide(&reading, previous: previous)
        guard understanding.isUnderstood else { return nil }
        for index in parts.indices where !ask.clauses.contains(index) {
            guard Self.isInert(readings[index], text: parts[index].text, beside: ask.reading, asking: understanding.intent)
            else { return nil }
        }
        return understanding
    }

    /// The question's sentences, cut after each ".", "!" or "?" that ends one (followed by a space
    /// or the end, so "2.5" and "15.10.2026" stay whole) and at line breaks, each cut into its
    /// clauses after a ":" or ";" that ends one.
    static func clauses(_ text: String) -> [[String]] {
        var sentences: [[String]] = [[]]
        var current = ""
        func close(sentence: Bool) {
            if current.contains(where: { $0.isLetter || $0.isNumber }) { sentences[sentences.count - 1].append(current) }
            current = ""
            if sentence, !sentences[sentences.count - 1].isEmpty { sentences.append([]) }
        }
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character.isNewline {
                close(sentence: true)
                continue
            }
            current.append(character)
            guard index + 1 == characters.count || characters[index + 1].isWhitespace else { continue }
            if ".!?".contains(character) { close(sentence: true) }
            if ":;".contains(character) { close(sentence: false) }
        }
        close(sentence: true)
        return sentences.filter { !$0.isEmpty }
    }

    /// Whether a reading found nothing at all: no name, period, metric or question word.
    private static func namesNothing(_ reading: Reading) -> Bool {
        reading.entities.isEmpty && reading.providers.isEmpty && reading.absentProviders.isEmpty && reading.times.isEmpty
            && reading.grain == nil && reading.metrics.isEmpty && reading.dimensions.isEmpty && reading.cues.isEmpty
            && reading.limit == nil && reading.unsupportedReason == nil
    }

    /// Whether a context sentence leaves the ask's number as it is: all it names, the ask names
    /// too, and none of its unexplained words may be a name.
    private static func isInert(_ context: Reading, text: String, beside ask: Reading, asking intent: Understanding.Intent) -> Bool {
        let askNames = Set(ask.entities.map(\.name))
        let askTimes = ask.times.map(\.kind)
        guard context.entities.allSatisfy({ askNames.contains($0.name) }),
            context.providers.allSatisfy(ask.providers.contains), context.absentProviders.isEmpty,
            context.times.allSatisfy({ askTimes.contains($0.kind) }),
            context.grain == nil || context.grain == ask.grain,
            context.metrics.allSatisfy(ask.metrics.contains), context.dimensions.allSatisfy(ask.dimensions.contains),
            context.cues.subtracting(directionCues).subtracting(cues(of: intent)).isSubset(of: ask.cues),
            context.limit == nil || context.limit == ask.limit,
            context.unsupportedReason == nil, !context.everyOne || ask.everyOne
        else { return false }
        let words = context.words
        let capitalised = capitalisedWords(text)
        let levelWords: Set<String> = ["campaign", "campaigns", "adset", "ad", "ads", "account", "set", "group", "creative"]
        return !unexplained(words).contains { index in
            capitalised.contains(words.original[index]) || levelWords.contains(words.word(index + 1) ?? "")
                || levelWords.contains(words.word(index - 1) ?? "")
        }
    }

    /// "up" and "down" say which way something went ("before our catch up"); they are how an
    /// explanation is worded, never what is computed.
    private static let directionCues: Set<Cue> = [.up, .down]

    /// The words that ask for `intent`: in a context, they say what the ask already does ("I'm
    /// building a chart. Daily CPA on Google for October?").
    private static func cues(of intent: Understanding.Intent) -> Set<Cue> {
        switch intent {
        case .trend: [.trend]
        case .rank: [.rank, .ascending, .descending, .better, .worse]
        case .compare: [.compare, .cheaper, .pricier]
        case .explain: [.explain, .dramatic]
        case .anomalies: [.anomalies]
        case .lineage: [.upstream, .downstream, .suspicion]
        case .metricValue, .clarify, .unsupported: []
        }
    }

    /// The words written with a capital inside a sentence (its first word and "I" aside),
    /// lowercased and without apostrophes as ``Words`` reads them: what may be a proper name.
    private static func capitalisedWords(_ text: String) -> Set<String> {
        let tokens = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") }).map { token in
            String(token.filter { $0 != "'" && $0 != "’" })
        }
        var names = Set<String>()
        for token in tokens.dropFirst() where token.first?.isUppercase == true {
            let word = token.lowercased()
            if !["i", "im", "ive", "id", "ill"].contains(word) { names.insert(word) }
        }
        return names
    }
}
