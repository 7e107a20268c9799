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
        matches += partialMatches(&words)
        return matches.sorted { $0.span.lowerBound < $1.span.lowerBound }
    }

    /// "the retargeting campaign", "Google's shopping campaign": the words right before a level
    /// word name the one name of that level that holds them in a row, when exactly one does and
    /// one of them is not the copilot's own ("top ad", "google campaign" name nothing). The level
    /// word is what makes a part of a name safe to read: "retargeting" alone may be a campaign or
    /// its ad set, and is asked about.
    private func partialMatches(_ words: inout Words) -> [Match] {
        var matches: [Match] = []
        for index in 0..<words.count {
            guard let (level, length) = Self.levelWord(startingAt: index, in: words),
                !Self.startsDimensionPhrase(at: index, longerThan: length, in: words)
            else { continue }
            for size in stride(from: Swift.min(4, index), through: 1, by: -1) {
                let start = index - size
                guard (start..<index).allSatisfy({ words.isFree($0) }) else { continue }
                let typed = (start..<index).map { words[$0] }
                guard typed.contains(where: { !Vocabulary.isKnown($0) }) else { continue }
                let named = entries.filter { $0.level == level && Self.holds($0.words, typed) }
                // A shorter part is held by at least as many names: none of them is unique either.
                if named.count > 1 { break }
                guard let entry = named.first else { continue }
                words.markUsed(start..<(index + length))
                matches.append(Match(level: level, name: entry.name, span: start..<(index + length)))
                break
            }
        }
        return matches
    }

    /// Whether a dimension phrase longer than the level word starts at `index`: "ad" in "ad sets"
    /// or "ad accounts" is no level word of its own.
    private static func startsDimensionPhrase(at index: Int, longerThan length: Int, in words: Words) -> Bool {
        Lexicon.dimensionWords.contains { phrase, _ in
            let parts = phrase.split(separator: " ").map(String.init)
            return parts.count > length && parts.indices.allSatisfy { words.word(index + $0) == parts[$0] }
        }
    }

    /// Whether `name` holds `part` as words in a row.
    private static func holds(_ name: [String], _ part: [String]) -> Bool {
        guard part.count <= name.count else { return false }
        return (0...(name.count - part.count)).contains { offset in
            part.indices.allSatisfy { same(part[$0], name[offset + $0]) }
        }
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
