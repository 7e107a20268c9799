import Foundation

// The generated question corpus: questions composed from independent parts (metric phrasings,
// scope phrasings drawn from CorpusWorld's names, time forms, comparison forms, intent templates,
// fillers, sentences of context) with the understanding each must get under CONVENTIONS.md,
// dates computed here with CorpusDay's own arithmetic.
//
// Where the conventions leave room for two readings (the "same span" of a previous month or
// quarter when the months differ in length, previous_period of a whole calendar period whose
// predecessor has another length, previous_period of a month or quarter named while it is still
// running, days-of-the-month ranges that end after today, the edges of the default trend grain),
// the generator does not ask.

struct CorpusRange: Equatable, Sendable, CustomStringConvertible {
    let start: CorpusDay
    let end: CorpusDay
    init(_ start: CorpusDay, _ end: CorpusDay) {
        precondition(start <= end, "empty range \(start)…\(end)")
        self.start = start
        self.end = end
    }
    var length: Int { end - start + 1 }
    var description: String { "\(start)…\(end)" }
}

struct CorpusBreakdown: Sendable, CustomStringConvertible {
    var dimension: String
    /// Exact limit (a stated N, or the default 10); nil when only `minLimit` is checked.
    var limit: Int?
    var minLimit: Int?
    var order: String?
    var orderBy: String?
    var description: String {
        "\(dimension) limit \(limit.map(String.init) ?? ">=\(minLimit ?? 0)") \(orderBy ?? "") \(order ?? "")"
    }
}

struct CorpusItem: Sendable {
    var question: String
    var asOf: String
    var timezone: String
    var intent: String
    var metrics: [String] = []
    /// dimension → lowercased values.
    var filters: [String: Set<String>] = [:]
    var breakdown: CorpusBreakdown?
    /// Checked when set (stated, or for trends the default by range length).
    var granularity: String?
    var range: CorpusRange?
    var comparison: CorpusRange?
    /// For clarify: the answer must name one of these (lowercased).
    var unknownWords: [String] = []
    /// What the question exercises, for grouping failures.
    var form: String

    var expectedDescription: String {
        var parts = ["intent=\(intent)"]
        if !metrics.isEmpty { parts.append("metrics=\(metrics)") }
        if !filters.isEmpty { parts.append("filters=\(filters.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.sorted())" })") }
        if let breakdown { parts.append("breakdown=\(breakdown)") }
        if let granularity { parts.append("grain=\(granularity)") }
        if let range { parts.append("range=\(range)") }
        if intent != "clarify", intent != "unsupported", intent != "anomalies", intent != "lineage" {
            parts.append("comparison=\(comparison.map(\.description) ?? "none")")
        }
        if !unknownWords.isEmpty { parts.append("names=\(unknownWords)") }
        return parts.joined(separator: " ")
    }
}

struct CorpusAsOf: Sendable {
    let instant: String
    let timezone: String
    /// The workspace's local date at `instant`, worked out by hand.
    let today: CorpusDay
    /// Far from the data (the leap-year instant): unnamed scope and a few forms only.
    let restricted: Bool
}

enum QuestionCorpus {
    static let seed: UInt64 = 0x5EED_2026_0022

    static let asOfs: [CorpusAsOf] = [
        // Monday, ISO week 1, a new year
        CorpusAsOf(instant: "2027-01-04T09:30:00Z", timezone: "UTC", today: CorpusDay(2027, 1, 4), restricted: false),
        // Thursday, year end
        CorpusAsOf(instant: "2026-12-31T22:00:00Z", timezone: "UTC", today: CorpusDay(2026, 12, 31), restricted: false),
        // Monday, month end
        CorpusAsOf(instant: "2026-11-30T14:00:00Z", timezone: "UTC", today: CorpusDay(2026, 11, 30), restricted: false),
        // Thursday, quarter start
        CorpusAsOf(instant: "2026-10-01T08:00:00Z", timezone: "UTC", today: CorpusDay(2026, 10, 1), restricted: false),
        // Sunday
        CorpusAsOf(instant: "2026-12-13T18:00:00Z", timezone: "UTC", today: CorpusDay(2026, 12, 13), restricted: false),
        // Wednesday
        CorpusAsOf(instant: "2026-11-04T12:00:00Z", timezone: "UTC", today: CorpusDay(2026, 11, 4), restricted: false),
        // Saturday
        CorpusAsOf(instant: "2026-11-21T11:00:00Z", timezone: "UTC", today: CorpusDay(2026, 11, 21), restricted: false),
        // 04:00 UTC on Jan 1 is still Dec 31 (20:00) in Los Angeles: the year has not turned there.
        CorpusAsOf(instant: "2027-01-01T04:00:00Z", timezone: "America/Los_Angeles", today: CorpusDay(2026, 12, 31), restricted: false),
    ]
    /// A leap year's March 1st (Wednesday): February has 29 days.
    static let leap = CorpusAsOf(instant: "2028-03-01T12:00:00Z", timezone: "UTC", today: CorpusDay(2028, 3, 1), restricted: true)

    static let quotas: [(intent: String, count: Int)] = [
        ("metric_value", 560), ("compare", 450), ("rank", 335), ("trend", 225), ("explain", 180),
        ("clarify", 180), ("unsupported", 112), ("anomalies", 90), ("lineage", 112),
    ]

    static func generate() -> [CorpusItem] {
        var generator = CorpusGenerator(rng: SplitMix64(seed: seed))
        var context = SplitMix64(seed: seed ^ 0xC0_47E7)
        var items: [CorpusItem] = []
        var seen: Set<String> = []
        for (intent, count) in quotas {
            var made = 0
            var attempts = 0
            while made < count {
                attempts += 1
                precondition(attempts < count * 200, "cannot make \(count) distinct \(intent) questions")
                guard var item = generator.make(intent) else { continue }
                item.question = generator.dress(item.question, intent: item.intent, scoped: !item.filters.isEmpty)
                item = CorpusContext.wrap(item, &context)
                // Some clarifying questions are answerable ones told after a name the workspace
                // does not have; drawn from their own generator, the other questions stay as they are.
                if intent == "clarify", context.chance(0.15) {
                    let told = items.filter {
                        CorpusContext.answerable.contains($0.intent) && !$0.metrics.isEmpty && !$0.form.hasSuffix("+context")
                    }
                    item = CorpusContext.naming(told[context.int(told.count)], &context)
                }
                let key = item.asOf + "|" + item.question.lowercased()
                guard seen.insert(key).inserted else { continue }
                items.append(item)
                made += 1
            }
        }
        return items
    }
}
