/// A question as lowercase words, with a mark on each word a parser has already explained, so
/// that later parsers (metrics after entity names, limits after dates) never read it twice.
struct Words: Sendable {
    private(set) var words: [String]
    private(set) var used: [Bool]

    init(_ text: String) {
        var cleaned = ""
        cleaned.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            if character == "'" || character == "’" { continue }
            cleaned.append(character.isLetter || character.isNumber ? character : " ")
        }
        words = cleaned.split(separator: " ").map(String.init)
        used = Array(repeating: false, count: words.count)
    }

    var count: Int { words.count }
    subscript(index: Int) -> String { words[index] }
    func word(_ index: Int) -> String? { words.indices.contains(index) ? words[index] : nil }
    func isFree(_ index: Int) -> Bool { words.indices.contains(index) && !used[index] }

    /// Start of the first unused occurrence of `phrase` (already split into words).
    func find(_ phrase: [String], from start: Int = 0) -> Int? {
        guard !phrase.isEmpty, phrase.count <= words.count else { return nil }
        var index = start
        while index + phrase.count <= words.count {
            if (0..<phrase.count).allSatisfy({ !used[index + $0] && words[index + $0] == phrase[$0] }) { return index }
            index += 1
        }
        return nil
    }

    func contains(_ phrase: String) -> Bool {
        find(phrase.split(separator: " ").map(String.init)) != nil
    }

    /// Whether any word (used or not) starts with one of `prefixes`.
    func hasWord(startingWith prefixes: [String]) -> Bool {
        words.contains { word in prefixes.contains { word.hasPrefix($0) } }
    }

    mutating func markUsed(_ range: Range<Int>) {
        for index in range where used.indices.contains(index) { used[index] = true }
    }

    /// Finds and marks the first unused occurrence of the phrase.
    @discardableResult
    mutating func take(_ phrase: String) -> Range<Int>? {
        let parts = phrase.split(separator: " ").map(String.init)
        guard let start = find(parts) else { return nil }
        markUsed(start..<(start + parts.count))
        return start..<(start + parts.count)
    }

    /// The unused words, in order: what no parser explained.
    var leftovers: [String] { words.indices.filter { !used[$0] }.map { words[$0] } }
}

/// Cardinal numbers as people type them: "3", "three", "a dozen".
enum NumberWords {
    static let values: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
        "hundred": 100, "dozen": 12,
    ]

    static func value(_ word: String) -> Int? {
        if let number = Int(word), number >= 0 { return number }
        return values[word]
    }
}
