/// Typo tolerance for the words of a question: a word the copilot does not know is replaced by
/// the one known word it is closest to, when that is close enough for the word's length and no
/// other known word is as close.
///
/// The allowance grows with length because short words are close to too many others ("cost" is
/// one letter from "most", "post" and "host"): words under 4 letters are never corrected, 4-letter
/// words only for two swapped letters, 5-8 letters for one edit, and longer words for two. A
/// transposition ("spedn") counts as one edit. Only words the copilot does not know are
/// corrected, so a correctly spelled word is never turned into another.
struct Spelling: Sendable {
    /// Words a typo may be corrected to: metric, provider, dimension, time and intent words and
    /// the workspace's names. Filler words are known but are not targets below 5 letters.
    let targets: Set<String>
    /// What a target means, where two spellings mean one thing ("visits" and "visitors" are both
    /// the visitors metric): a tie between them is no ambiguity.
    let meanings: [String: String]
    private let byLength: [Int: [[Character]]]

    /// Words only a longer typo may be corrected to: intent and filler words, so that a short
    /// unknown name ("winter") is never read as a ranking word ("winner").
    let secondary: Set<String>

    init(targets: Set<String>, secondary: Set<String> = [], meanings: [String: String] = [:]) {
        self.targets = targets.union(secondary)
        self.secondary = secondary.subtracting(targets)
        self.meanings = meanings
        var byLength: [Int: [[Character]]] = [:]
        for word in self.targets where word.count >= 4 && word.allSatisfy(\.isLetter) {
            byLength[word.count, default: []].append(Array(word))
        }
        self.byLength = byLength
    }

    /// How many edits a word of this length may be away from what it was meant to be.
    static func allowance(_ length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4: 1 // a swap only, see `correction(of:)`
        case 5...8: 1
        default: 2
        }
    }

    /// The known word `word` most likely meant, or nil when it is known already, too far from
    /// every known word, or equally close to two.
    func correction(of word: String) -> String? {
        guard !targets.contains(word), word.count >= 4, word.allSatisfy(\.isLetter) else { return nil }
        let limit = Self.allowance(word.count)
        let typed = Array(word)
        var best: [(word: [Character], distance: Int)] = []
        for length in (typed.count - limit)...(typed.count + limit) {
            for candidate in byLength[length] ?? [] {
                // A longer typo is not taken for a short word: "reach" is not "each".
                if typed.count >= 5, candidate.count < 5 { continue }
                if typed.count < 7, secondary.contains(String(candidate)) { continue }
                let distance = Self.distance(typed, candidate, limit: limit)
                guard distance <= limit else { continue }
                // Four letters: two swapped ("raos") or one left out of a longer word ("clik").
                if typed.count == 4, !Self.isSwap(typed, candidate), !(candidate.count == 5 && Self.isSubsequence(typed, of: candidate)) {
                    continue
                }
                if let first = best.first, distance > first.distance { continue }
                if let first = best.first, distance < first.distance { best.removeAll() }
                best.append((candidate, distance))
            }
        }
        // Equally close: typos rarely touch the first letter ("interest" is "interests", not
        // "pinterest"); spellings of one meaning are no ambiguity, and the one of the typed length
        // keeps the form a longer phrase may need ("cost per 1000 impressiosn" is "impressions",
        // not "impression"); otherwise a doubled or dropped letter keeps the typed last letter;
        // a tie that remains is not guessed.
        if best.count > 1, best.contains(where: { $0.word.first == typed.first }) { best = best.filter { $0.word.first == typed.first } }
        if best.count > 1, Set(best.map { meanings[String($0.word)] ?? String($0.word) }).count == 1 {
            best = [best.min { abs($0.word.count - typed.count) < abs($1.word.count - typed.count) }!]
        }
        if best.count > 1, best.contains(where: { $0.word.last == typed.last }) { best = best.filter { $0.word.last == typed.last } }
        guard best.count == 1 else { return nil }
        return String(best[0].word)
    }

    private static func isSubsequence(_ short: [Character], of long: [Character]) -> Bool {
        var index = 0
        for character in long where index < short.count && short[index] == character { index += 1 }
        return index == short.count
    }

    private static func isSwap(_ a: [Character], _ b: [Character]) -> Bool {
        guard a.count == b.count else { return false }
        let differing = a.indices.filter { a[$0] != b[$0] }
        return differing.count == 2 && differing[1] == differing[0] + 1 && a[differing[0]] == b[differing[1]]
            && a[differing[1]] == b[differing[0]]
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up
    /// early once every alignment is past `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a == b { return 0 }
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var best = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, beforePrevious[j - 2] + 1) }
                current[j] = value
                best = min(best, value)
            }
            if best > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
