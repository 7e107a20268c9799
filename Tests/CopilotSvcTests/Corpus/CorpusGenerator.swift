import Foundation

// The parts a corpus question is composed of, and the seeded generator that composes them;
// its dates, scopes and intents are in the CorpusGenerator+*.swift files beside it.

struct CorpusTimeExpr {
    enum Span {
        case plain
        case toDate(Unit)
        case full(Unit)
        case currentNamed
    }
    enum Unit { case week, month, quarter, year }
    var text: String
    var range: CorpusRange
    var span: Span
    var tag: String
}

struct CorpusScope {
    var prep: String // "on tiktok", "for the Summer Sale campaign"
    var adj: String // "tiktok", "Summer Sale"
    var subject: String // "tiktok", "the Summer Sale campaign"
    var dimension: String?
    var value: String?
    var tag: String
    static let none = CorpusScope(prep: "", adj: "", subject: "", dimension: nil, value: nil, tag: "none")
}

struct CorpusGenerator {
    var rng: SplitMix64

}
