/// The workspace's campaign, ad set, ad and account names, for finding them in questions.
///
/// Matching is tolerant: case and punctuation are ignored ("retargeting cart" finds
/// "Retargeting - Cart"), a plural still matches (typos are corrected before), and the longest
/// name wins, so "Summer Sale - Set 1" is found before "Summer Sale".
struct EntityIndex: Sendable {
    struct Entry: Sendable, Equatable {
        var level: String
        var name: String
        var words: [String]
    }

    struct Match: Sendable, Equatable {
        var level: String
        var name: String
        var span: Range<Int>
    }

    static let levelOrder = ["campaign", "adset", "ad", "account"]

    let entries: [Entry]

    init(_ entities: [(level: String, name: String)]) {
        var seen = Set<String>()
        var entries: [Entry] = []
        for (level, name) in entities {
            let words = Words(name).words
            guard !words.isEmpty, seen.insert("\(level)|\(words.joined(separator: " "))").inserted else { continue }
            // One short word, or one the copilot reads as a metric, time or intent, would match too much.
            if words.count == 1, words[0].count < 4 || Self.reserved.contains(words[0]) { continue }
            entries.append(Entry(level: level, name: name, words: words))
        }
        self.entries = entries.sorted {
            $0.words.count != $1.words.count
                ? $0.words.count > $1.words.count
                : (Self.levelOrder.firstIndex(of: $0.level) ?? 9) < (Self.levelOrder.firstIndex(of: $1.level) ?? 9)
        }
    }

    /// Words that may not stand alone as a name: the copilot's own vocabulary.
    static let reserved: Set<String> = {
        var words = Set(Lexicon.metricPhrases.map(\.phrase))
        words.formUnion(Lexicon.platforms.flatMap(\.phrases))
        words.formUnion(Lexicon.dimensionWords.map(\.phrase))
        words.formUnion(Vocabulary.timeWords)
        words.formUnion(Fillers.words)
        return words
    }()

    /// Every distinct word of every name, for spelling correction.
    var nameWords: Set<String> { Set(entries.flatMap(\.words)) }

    /// Finds and marks names in `words`; a level word right after a name ("Brand Search
    /// campaign") picks that level and is consumed with it.
    func match(_ words: inout Words) -> [Match] {
        var matches: [Match] = []
        for entry in entries {
            var from = 0
            while let start = find(entry.words, in: words, from: from) {
                var end = start + entry.words.count
                var level = entry.level
                if let next = words.word(end), let named = Lexicon.dimensionWords.first(where: { $0.phrase == next })?.dimension, words.isFree(end) {
                    if named == level || entries.contains(where: { $0.level == named && $0.words == entry.words }) {
                        level = named
                        end += 1
                    }
                }
                words.markUsed(start..<end)
                matches.append(Match(level: level, name: entries.first { $0.level == level && $0.words == entry.words }?.name ?? entry.name, span: start..<end))
                from = end
            }
        }
        return matches.sorted { $0.span.lowerBound < $1.span.lowerBound }
    }

    private func find(_ name: [String], in words: Words, from: Int) -> Int? {
        guard name.count <= words.count else { return nil }
        var index = from
        while index + name.count <= words.count {
            if (0..<name.count).allSatisfy({ words.isFree(index + $0) && Self.same(words[index + $0], name[$0]) }) { return index }
            index += 1
        }
        return nil
    }

    /// Equal or a plural of each other; typos are corrected before names are matched (`Spelling`).
    static func same(_ typed: String, _ name: String) -> Bool {
        typed == name || typed == name + "s" || typed + "s" == name || typed == name + "es" || typed + "es" == name
    }
}
