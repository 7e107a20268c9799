import Foundation

extension CorpusGenerator {
    // MARK: Metrics and scope

    /// A phrase for `metric`, sometimes with a typo by rule.
    mutating func phrase(_ metric: String, typos: Bool = true) -> (text: String, typo: Bool) {
        let base = rng.pick(CorpusVocabulary.metricPhrases[metric]!)
        guard typos, rng.chance(0.22) else { return (base, false) }
        var words = base.split(separator: " ").map(String.init)
        let eligible = words.indices.filter { words[$0].count >= 5 && words[$0].allSatisfy(\.isLetter) && words[$0] != "total" }
        guard let index = eligible.isEmpty ? nil : rng.pick(eligible), let typo = CorpusVocabulary.typo(words[index], &rng) else {
            return (base, false)
        }
        words[index] = typo
        return (words.joined(separator: " "), true)
    }

    mutating func anyMetric() -> String {
        // Base measures and ratios about evenly.
        rng.chance(0.5) ? rng.pick(CorpusVocabulary.additive) : rng.pick(CorpusVocabulary.derived)
    }

    /// A way to type an entity's name: as stored, lowercased, punctuation dropped, plural, or with a typo.
    mutating func nameVariant(_ entity: CorpusEntity) -> (text: String, tag: String) {
        let name = entity.name
        switch rng.int(8) {
        case 0, 1: return (name, "exact")
        case 2, 3: return (name.lowercased(), "lowercase")
        case 4:
            let dropped = name.replacingOccurrences(of: " - ", with: " ").replacingOccurrences(of: " & ", with: " ")
            if dropped != name { return (rng.chance(0.5) ? dropped.lowercased() : dropped, "no_punctuation") }
            return (name.uppercased() == name ? name : name.lowercased(), "lowercase")
        case 5:
            if let plural = entity.plural { return (rng.chance(0.5) ? plural.lowercased() : plural, "plural") }
            return (name, "exact")
        default:
            var words = name.split(separator: " ").map(String.init)
            let eligible = words.indices.filter { words[$0].count >= 5 && words[$0].allSatisfy(\.isLetter) }
            let index = eligible.isEmpty ? -1 : rng.pick(eligible)
            if index >= 0, let typo = CorpusVocabulary.typo(words[index], &rng) {
                words[index] = typo
                let text = words.joined(separator: " ")
                return (rng.chance(0.5) ? text.lowercased() : text, "typo")
            }
            return (name.lowercased(), "lowercase")
        }
    }

    func levelWord(_ level: CorpusEntity.Level) -> String {
        switch level {
        case .account: "account"
        case .campaign: "campaign"
        case .adset: "ad set"
        case .ad: "ad"
        }
    }

    mutating func providerScope(_ provider: CorpusProvider) -> CorpusScope {
        let alias = rng.pick(provider.aliases)
        let prep = rng.pick(["on", "for", "from", "on", "in"]) + " " + alias
        return CorpusScope(
            prep: prep, adj: alias, subject: alias, dimension: "provider", value: provider.value,
            tag: "provider:" + (alias.lowercased() == provider.value ? "name" : "alias"))
    }

    mutating func entityScope(_ entity: CorpusEntity) -> CorpusScope {
        let (text, tag) = nameVariant(entity)
        let level = levelWord(entity.level)
        let prep: String
        let subject: String
        switch rng.int(3) {
        case 0:
            prep = "for the \(text) \(level)"
            subject = "the \(text) \(level)"
        case 1:
            prep = "for \(level) \(text)"
            subject = "\(level) \(text)"
        default:
            prep = (entity.level == .campaign ? "for " : "in the ") + text + (entity.level == .campaign ? "" : " \(level)")
            subject = entity.level == .campaign ? text : "the \(text) \(level)"
        }
        return CorpusScope(
            prep: prep, adj: text, subject: subject, dimension: entity.level.rawValue, value: entity.name,
            tag: "\(entity.level.rawValue):\(tag)")
    }

    /// A scope with data in every one of `ranges`.
    mutating func scope(_ ctx: CorpusAsOf, _ ranges: [CorpusRange], noneShare: Double = 0.35) -> CorpusScope {
        if ctx.restricted || rng.chance(noneShare) { return .none }
        for _ in 0..<8 {
            let roll = rng.nextDouble()
            if roll < 0.45 {
                let provider = rng.pick(CorpusWorld.providers)
                if ranges.allSatisfy({ provider.firstDay <= $0.end && provider.lastDay >= $0.start }) { return providerScope(provider) }
            } else {
                let level: CorpusEntity.Level = roll < 0.75 ? .campaign : (roll < 0.85 ? .adset : (roll < 0.93 ? .ad : .account))
                let entity = rng.pick(CorpusWorld.entities.filter { $0.level == level })
                if ranges.allSatisfy({ entity.hasData($0.start, $0.end) }) { return entityScope(entity) }
            }
        }
        return .none
    }

    func filters(_ scopes: [CorpusScope]) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for scope in scopes {
            if let dimension = scope.dimension, let value = scope.value { out[dimension, default: []].insert(value.lowercased()) }
        }
        return out
    }

    mutating func pickAsOf(allowRestricted: Bool) -> CorpusAsOf {
        if allowRestricted, rng.chance(0.03) { return QuestionCorpus.leap }
        return rng.pick(QuestionCorpus.asOfs)
    }

    static func clean(_ text: String) -> String {
        var out = text
        while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
        out = out.replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: " ?", with: "?")
        return out.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ",")).trimmingCharacters(
            in: .whitespaces)
    }

    /// Fillers and capitalisation around a composed question.
    mutating func dress(_ question: String, intent: String, scoped: Bool) -> String {
        var q = question
        if rng.chance(0.3) {
            let imperative = [
                "compare", "show", "plot", "chart", "pause", "raise", "create", "forecast", "predict", "write", "tell", "translate",
            ]
            .contains { q.lowercased().hasPrefix($0) }
            let prefix = rng.pick(["hey ", "hey, ", "quick q: ", imperative ? "pls " : "can you tell me ", "pls ", "Hey, ", "Quick q: "])
            q = prefix + q
        }
        if rng.chance(0.4) {
            var suffixes = ["?", " pls", " for us", "?", " for us?"]
            if !scoped, intent == "metric_value" || intent == "trend" { suffixes += [" across the account", " across the account?"] }
            q += rng.pick(suffixes)
        }
        if rng.chance(0.3), let first = q.first, first.isLowercase { q = first.uppercased() + q.dropFirst() }
        return Self.clean(q)
    }
}
