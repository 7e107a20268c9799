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
            while let (start, length) = find(entry.words, in: words, from: from) {
                var begin = start
                var end = start + length
                var level = entry.level
                // "the Brand Search campaign", "ad set Lookalike - Buyers": the level word names the level.
                if let (named, length) = Self.levelWord(endingAt: start - 1, in: words),
                    named == level || entries.contains(where: { $0.level == named && $0.words == entry.words })
                {
                    level = named
                    begin -= length
                } else if let (named, length) = Self.levelWord(startingAt: end, in: words),
                    named == level || entries.contains(where: { $0.level == named && $0.words == entry.words })
                {
                    level = named
                    end += length
                }
                words.markUsed(begin..<end)
                matches.append(
                    Match(
                        level: level, name: entries.first { $0.level == level && $0.words == entry.words }?.name ?? entry.name,
                        span: begin..<end))
                from = end
            }
        }
        return matches.sorted { $0.span.lowerBound < $1.span.lowerBound }
    }

    /// A singular level word ("campaign", "ad set") right before `index + 1` or from `index`.
    static func levelWord(endingAt index: Int, in words: Words) -> (level: String, length: Int)? {
        for (phrase, level) in singularLevels {
            let parts = phrase.split(separator: " ").map(String.init)
            let first = index - parts.count + 1
            if first >= 0, (0..<parts.count).allSatisfy({ words.isFree(first + $0) && words[first + $0] == parts[$0] }) {
                return (level, parts.count)
            }
        }
        return nil
    }

    static func levelWord(startingAt index: Int, in words: Words) -> (level: String, length: Int)? {
        for (phrase, level) in singularLevels {
            let parts = phrase.split(separator: " ").map(String.init)
            if (0..<parts.count).allSatisfy({ words.isFree(index + $0) && words.word(index + $0) == parts[$0] }) {
                return (level, parts.count)
            }
        }
        return nil
    }

    static let singularLevels: [(phrase: String, level: String)] = [
        ("ad account", "account"), ("ad set", "adset"), ("ad group", "adset"), ("adset", "adset"), ("adgroup", "adset"),
        ("campaign", "campaign"),
        ("account", "account"), ("ad", "ad"), ("creative", "ad"),
    ]

    /// Where `name` starts in the free words from `from`, and its length as typed: "and" between
    /// two of its words is allowed either way ("Shoes & Apparel" typed "shoes apparel").
    private func find(_ name: [String], in words: Words, from: Int) -> (start: Int, length: Int)? {
        guard !name.isEmpty else { return nil }
        var index = from
        while index + name.count <= words.count + name.filter { $0 == "and" }.count {
            if let end = matchEnd(name, in: words, at: index) { return (index, end - index) }
            index += 1
        }
        return nil
    }

    private func matchEnd(_ name: [String], in words: Words, at start: Int) -> Int? {
        var cursor = start
        var part = 0
        while part < name.count {
            if name[part] == "and", part > 0, words.word(cursor) != "and" {
                part += 1
                continue
            }
            guard words.isFree(cursor), let word = words.word(cursor) else { return nil }
            if word == "and", part > 0, name[part] != "and" {
                cursor += 1
                continue
            }
            guard Self.same(word, name[part]) else { return nil }
            cursor += 1
            part += 1
        }
        return cursor
    }

    /// Equal or a plural of each other; typos are corrected before names are matched (`Spelling`).
    static func same(_ typed: String, _ name: String) -> Bool {
        typed == name || typed == name + "s" || typed + "s" == name || typed == name + "es" || typed + "es" == name
    }
}
