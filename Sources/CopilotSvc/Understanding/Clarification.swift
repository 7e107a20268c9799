/// The questions the copilot asks back instead of computing: each names the word it did not
/// understand and offers what the workspace has instead.
enum Clarification {
    static func absentProvider(_ typed: String, providers: [String]) -> String {
        let known = providers.isEmpty ? "it has no data from any provider yet" : "its providers are \(AnswerComposer.list(providers))"
        return "There is no “\(typed)” in this workspace: \(known). Which one did you mean?"
    }

    static func whichMetric(explain: Bool) -> String {
        explain
            ? "Which metric should I explain? For example: “Why did ROAS drop last week?” or “What drove CPC up yesterday?”"
            : "Which metric would you like: spend, revenue, ROAS, CPA, CPC, CTR, conversions or another catalog metric?"
    }

    /// "I don't know “blackfriday” in this workspace. Did you mean Black Friday Sale (campaign)?"
    /// `phrases`: the typed words as the question runs them together ("winter promo"), for saying.
    static func unknownWords(
        _ typed: [String], corrected: [String], phrases: [String]? = nil, entities: EntityIndex, providers: [String],
        vocabulary: MetricVocabulary
    ) -> String {
        if let (typed, monthFirst, dayFirst) = typed.lazy.compactMap(Self.twoWayDate).first {
            return "“\(typed)” could be \(monthFirst) or \(dayFirst), so I haven't computed anything. "
                + "Which one did you mean? Writing the month's name (“\(monthFirst)”) makes it clear."
        }
        let suggestions = closest(to: corrected + typed, entities: entities, providers: providers, metrics: vocabulary.names)
        let nameWords = entities.nameWords
        // Words of real names typed without the rest ("summer sale" for "Summer Clearance Sale").
        if !suggestions.isEmpty, corrected.allSatisfy({ nameWords.contains($0) || Fillers.words.contains($0) }) {
            return "“\(typed.joined(separator: " "))” is not the whole name of anything in this workspace, so I haven't computed anything. "
                + "Did you mean \(AnswerComposer.list(suggestions, conjunction: "or"))?"
        }
        let shown = Array((phrases ?? typed).prefix(3))
        let quoted = AnswerComposer.list(shown.map { "“\($0)”" })
        var text =
            "I don't know what \(quoted) \(shown.count == 1 ? "refers" : "refer") to in this workspace, so I haven't computed anything."
        if !suggestions.isEmpty {
            text += " Did you mean \(AnswerComposer.list(suggestions, conjunction: "or"))?"
        } else if !providers.isEmpty {
            text +=
                " Its providers are \(AnswerComposer.list(providers)); ask about a campaign, ad set or ad by its name, or a catalog metric."
        }
        return text
    }

    /// "11/3": a numeric date both months and days can be read from, with its two readings
    /// ("Nov 3", "Mar 11").
    static func twoWayDate(_ word: String) -> (String, String, String)? {
        guard let (first, second, _) = TimeParser.numericDate(word), first != second, (1...12).contains(first), (1...12).contains(second)
        else { return nil }
        let months = ValueFormat.months
        return (word, "\(months[first - 1]) \(second)", "\(months[second - 1]) \(first)")
    }

    /// Up to three known names closest to the typed words: metrics, providers and entity names
    /// with the level they are at.
    static func closest(to typed: [String], entities: EntityIndex, providers: [String], metrics: [String]) -> [String] {
        var scored: [(text: String, distance: Int)] = []
        let targets = typed.filter { $0.count >= 2 }.map { Array($0) }
        func score(_ words: [String]) -> Int? {
            var best: Int?
            let joined = Array(words.joined())
            for target in targets {
                let limit = max(1, target.count / 3)
                for candidate in words.map(Array.init) + [joined] {
                    let distance = Spelling.distance(target, candidate, limit: limit)
                    if distance <= limit { best = min(best ?? .max, distance) }
                    // "summer" for "Summer Sale - Set 1", "blackfriday" for "Black Friday Blowout".
                    if target.count >= 4, candidate.starts(with: target) { best = min(best ?? .max, 1) }
                }
            }
            return best
        }
        for metric in metrics {
            if let distance = score([metric]) { scored.append((Lexicon.displayName(metric), distance)) }
        }
        for provider in providers {
            if let distance = score(Words(provider).words) { scored.append((provider, distance)) }
        }
        for entry in entities.entries {
            let level = entry.level == "adset" ? "ad set" : entry.level
            if let distance = score(entry.words) { scored.append(("\(entry.name) (\(level))", distance)) }
        }
        var seen = Set<String>()
        return scored.sorted { $0.distance < $1.distance }.map(\.text).filter { seen.insert($0).inserted }.prefix(3).map { $0 }
    }
}
