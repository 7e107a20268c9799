/// A question as lowercase words, with a mark on each word a parser has already explained, so
/// that later parsers (metrics after entity names, limits after dates) never read it twice, and
/// what is left unmarked at the end can be accounted for.
///
/// Punctuation separates words, except that a dash or slash between two numbers ("nov 5-12",
/// "5–12 march") reads as "to", so that a range survives as words; ISO dates keep their three
/// numbers ("2026 11 05"). `original` keeps each word as typed, before spelling correction, for
/// clarifying answers that name it.
struct Words: Sendable {
    private(set) var words: [String]
    private(set) var used: [Bool]
    private(set) var original: [String]

    init(_ text: String) {
        original = Self.split(text)
        words = original.map { Self.abbreviations[$0] ?? $0 }
        used = Array(repeating: false, count: words.count)
    }

    /// Short forms read as the words: time units ("this wk", "last qtr", "3 mths") and what is
    /// typed on a phone ("how much r we paying", "rev yday", "w the sneaker drop").
    static let abbreviations: [String: String] = [
        "wk": "week", "wks": "weeks", "mth": "month", "mths": "months", "qtr": "quarter", "qtrs": "quarters", "yr": "year",
        "yrs": "years", "hr": "hour", "hrs": "hours",
        "r": "are", "u": "you", "ur": "your", "w": "with", "rev": "revenue", "thx": "thanks",
    ]

    private static func split(_ text: String) -> [String] {
        let characters = Array(text.lowercased())
        var cleaned = ""
        cleaned.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() {
            if character == "'" || character == "’" { continue }
            if character == "&" || character == "+" {
                cleaned.append(" and ")
                continue
            }
            if character.isLetter || character.isNumber {
                cleaned.append(character)
                continue
            }
            // "11/18": one numeric date, read by the time parser.
            if character == "/", Self.number(before: index, in: characters) != nil, Self.number(after: index, in: characters) != nil,
                characters[index - 1].isNumber, characters[index + 1].isNumber
            {
                cleaned.append(character)
                continue
            }
            // "5-12", "5 – 12": a range, unless it is the dash of an ISO date ("2026-11-05").
            if "-–—".contains(character), Self.number(before: index, in: characters) != nil,
                Self.number(after: index, in: characters) != nil,
                !Self.isISODate(around: index, in: characters)
            {
                cleaned.append(" to ")
                continue
            }
            cleaned.append(" ")
        }
        return cleaned.split(separator: " ").map(String.init)
    }

    /// The digits that end right before `index` (spaces skipped), if a number ends there.
    private static func number(before index: Int, in characters: [Character]) -> String? {
        var cursor = index - 1
        while cursor >= 0, characters[cursor] == " " { cursor -= 1 }
        var digits = ""
        while cursor >= 0, characters[cursor].isNumber {
            digits.insert(characters[cursor], at: digits.startIndex)
            cursor -= 1
        }
        // "1st-5th": an ordinal's suffix is part of the number.
        if digits.isEmpty, cursor >= 1, ["st", "nd", "rd", "th"].contains(String(characters[(cursor - 1)...cursor])) {
            var back = cursor - 2
            while back >= 0, characters[back].isNumber {
                digits.insert(characters[back], at: digits.startIndex)
                back -= 1
            }
        }
        return digits.isEmpty ? nil : digits
    }

    private static func number(after index: Int, in characters: [Character]) -> String? {
        var cursor = index + 1
        while cursor < characters.count, characters[cursor] == " " { cursor += 1 }
        var digits = ""
        while cursor < characters.count, characters[cursor].isNumber {
            digits.append(characters[cursor])
            cursor += 1
        }
        return digits.isEmpty ? nil : digits
    }

    /// "2026-11-05" or "2026-11": a four-digit year joined to its month (and the month to its day).
    private static func isISODate(around index: Int, in characters: [Character]) -> Bool {
        guard characters[index] == "-" else { return false }
        guard let before = number(before: index, in: characters) else { return false }
        if before.count == 4 { return true }
        // The second dash: the number before it follows a dash that follows a year.
        var cursor = index - 1 - before.count
        guard cursor >= 0, characters[cursor] == "-" else { return false }
        cursor -= 1
        var year = 0
        while cursor >= 0, characters[cursor].isNumber {
            year += 1
            cursor -= 1
        }
        return year == 4
    }

    var count: Int { words.count }
    subscript(index: Int) -> String { words[index] }
    func word(_ index: Int) -> String? { words.indices.contains(index) ? words[index] : nil }
    func isFree(_ index: Int) -> Bool { words.indices.contains(index) && !used[index] }
    /// The word before `index`, past a "the": "from" in "from the week before last".
    func word(before index: Int) -> String? { word(index - 1) == "the" ? word(index - 2) : word(index - 1) }
    /// `index`, or the free "the" right before it: where "the first half of october" starts.
    func start(withThe index: Int) -> Int { word(index - 1) == "the" && isFree(index - 1) ? index - 1 : index }

    /// Start of the first unused occurrence of `phrase` (already split into words).
    func find(_ phrase: [String], from start: Int = 0) -> Int? {
        guard !phrase.isEmpty, phrase.count <= words.count else { return nil }
        var index = max(0, start)
        while index + phrase.count <= words.count {
            if (0..<phrase.count).allSatisfy({ !used[index + $0] && words[index + $0] == phrase[$0] }) { return index }
            index += 1
        }
        return nil
    }

    /// Whether the phrase occurs anywhere, used or not.
    func contains(_ phrase: String) -> Bool {
        let parts = phrase.split(separator: " ").map(String.init)
        guard !parts.isEmpty, parts.count <= words.count else { return false }
        return (0...(words.count - parts.count)).contains { index in
            (0..<parts.count).allSatisfy { words[index + $0] == parts[$0] }
        }
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

    /// Marks every unused occurrence of each phrase; whether any was found.
    @discardableResult
    mutating func takeAll(_ phrases: [String]) -> Bool {
        var found = false
        for phrase in phrases { while take(phrase) != nil { found = true } }
        return found
    }

    /// Replaces a word with its corrected spelling; `original` keeps what was typed.
    mutating func replace(_ index: Int, with word: String) {
        words[index] = word
    }

    /// The indices of the unused words, in order: what no parser explained.
    var leftoverIndices: [Int] { words.indices.filter { !used[$0] } }
    var leftovers: [String] { leftoverIndices.map { words[$0] } }
}

/// Cardinal numbers as people type them: "3", "three", "a dozen".
enum NumberWords {
    static let values: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100, "dozen": 12, "couple": 2,
    ]

    static func value(_ word: String) -> Int? {
        if word.count <= 6, let number = Int(word), number >= 0 { return number }
        return values[word]
    }
}
