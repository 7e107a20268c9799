import Foundation
import MetricxProtos
import MetricxTestSupport
import Testing

@testable import CopilotSvc

/// Every question of the generated corpus through the real pipeline (gRPC, MetricsSvc, LineageSvc,
/// Postgres), scored against the understanding CONVENTIONS.md gives it.
///
/// Set CORPUS_FAILURES_PATH to write every failure (one JSON object a line) to that file.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct QuestionCorpusTests {
    struct Outcome: Sendable {
        var passed: Bool
        var wrongNumber: Bool
        var problems: [String]
        var got: String
    }

    static let dataIntents: Set<String> = ["metric_value", "compare", "rank", "trend"]

    @Test func theGeneratedCorpusIsUnderstood() async throws {
        let items = QuestionCorpus.generate()
        #expect(items.count >= 2000)
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            try await harness.importRows(CorpusWorld.rows(), workspace: workspace)

            var outcomes = [Outcome?](repeating: nil, count: items.count)
            try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
                var next = 0
                func submit() {
                    guard next < items.count else { return }
                    let index = next
                    next += 1
                    let item = items[index]
                    group.addTask { (index, await Self.ask(item, harness: harness, workspace: workspace)) }
                }
                for _ in 0..<4 { submit() }
                while let (index, outcome) = try await group.next() {
                    outcomes[index] = outcome
                    submit()
                }
            }
            let results = outcomes.map { $0! }
            Self.report(items, results)
        }
    }

    static func ask(_ item: CorpusItem, harness: CopilotHarness, workspace: UUID) async -> Outcome {
        do {
            let events = try await harness.ask(item.question, workspace: workspace, asOf: item.asOf, timezone: item.timezone)
            guard let answer = events.answer else {
                return Outcome(passed: false, wrongNumber: false, problems: ["no answer"], got: "events: \(events.count)")
            }
            let problems = score(item, answer)
            return Outcome(
                passed: problems.isEmpty, wrongNumber: !problems.isEmpty && answer.hasResult, problems: problems, got: describe(answer))
        } catch {
            return Outcome(passed: false, wrongNumber: false, problems: ["error"], got: "error: \(error)")
        }
    }

    /// What is wrong with `answer` for `item`; empty when it is right.
    static func score(_ item: CorpusItem, _ answer: Metricx_V1_Answer) -> [String] {
        var problems: [String] = []
        if answer.intent != item.intent { problems.append("intent") }
        switch item.intent {
        case "clarify":
            if answer.hasResult { problems.append("computed") }
            let text = answer.answer.lowercased()
            if !item.unknownWords.contains(where: { text.contains($0) }) { problems.append("does_not_name_word") }
            return problems
        case "unsupported":
            if answer.hasResult { problems.append("computed") }
            return problems
        case "anomalies":
            return problems
        case "lineage":
            if let metric = item.metrics.first, !lineageNames(answer, metric) { problems.append("metric") }
            return problems
        default:
            break
        }
        guard problems.isEmpty || dataIntents.contains(item.intent) || item.intent == "explain" else { return problems }
        guard answer.hasResult else {
            problems.append("no_result")
            return problems
        }
        let query = answer.result.query
        if Set(query.metrics) != Set(item.metrics) { problems.append("metrics") }
        let resolved = answer.result.resolved
        if let range = item.range, resolved.range.start != "\(range.start)" || resolved.range.end != "\(range.end)" {
            problems.append("range")
        }
        let gotComparison = resolved.hasComparison && !resolved.comparison.start.isEmpty
        if let comparison = item.comparison {
            if !gotComparison || resolved.comparison.start != "\(comparison.start)" || resolved.comparison.end != "\(comparison.end)" {
                problems.append("comparison")
            }
        } else if gotComparison {
            problems.append("comparison")
        }
        if item.intent == "explain" { return problems }

        var filters: [String: Set<String>] = [:]
        var badOp = false
        for filter in query.filters {
            filters[filter.dimension, default: []].formUnion(filter.values.map { $0.lowercased() })
            if filter.op != "in" { badOp = true }
        }
        if filters != item.filters || badOp { problems.append("filters") }

        let gotBreakdown = query.hasBreakdown && !query.breakdown.dimension.isEmpty
        if let expected = item.breakdown {
            if !gotBreakdown || query.breakdown.dimension != expected.dimension {
                problems.append("breakdown")
            } else {
                let limit = query.breakdown.limit == 0 ? 10 : Int(query.breakdown.limit)
                if let want = expected.limit, limit != want { problems.append("limit") }
                if let least = expected.minLimit, limit < least { problems.append("limit") }
                let order = query.breakdown.order.isEmpty ? "desc" : query.breakdown.order
                if let want = expected.order, order != want { problems.append("order") }
                let orderBy = query.breakdown.orderBy.isEmpty ? (query.metrics.first ?? "") : query.breakdown.orderBy
                if let want = expected.orderBy, orderBy != want { problems.append("order_by") }
            }
        } else if gotBreakdown, item.intent == "metric_value" {
            // CONVENTIONS.md: a metric_value has no breakdown (a compare of periods may carry one
            // on its own filter without changing a number, so it is not held against it).
            problems.append("breakdown")
        }
        if let grain = item.granularity, query.granularity != grain { problems.append("granularity") }
        return problems
    }

    /// Whether a lineage answer is about `metric`: its payload's subject, or failing that the
    /// metric named in the answer's first sentence.
    static func lineageNames(_ answer: Metricx_V1_Answer, _ metric: String) -> Bool {
        if let data = answer.extraJson.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            for key in ["metric", "root", "subject", "node"] {
                if let value = object[key] as? String { return value.lowercased() == metric || value.lowercased() == "metric:\(metric)" }
            }
        }
        let first = answer.answer.split(separator: ".").first.map(String.init)?.lowercased() ?? ""
        return CorpusVocabulary.tokens(first).contains(metric)
    }

    static func describe(_ answer: Metricx_V1_Answer) -> String {
        var parts = ["intent=\(answer.intent)"]
        if answer.hasResult {
            let q = answer.result.query
            parts.append("metrics=\(q.metrics)")
            if !q.filters.isEmpty { parts.append("filters=\(q.filters.map { "\($0.dimension) \($0.op) \($0.values)" })") }
            if q.hasBreakdown, !q.breakdown.dimension.isEmpty {
                parts.append("breakdown=\(q.breakdown.dimension) limit \(q.breakdown.limit) \(q.breakdown.orderBy) \(q.breakdown.order)")
            }
            if !q.granularity.isEmpty { parts.append("grain=\(q.granularity)") }
            let r = answer.result.resolved
            parts.append("range=\(r.range.start)…\(r.range.end)")
            parts.append(
                "comparison=\(r.hasComparison && !r.comparison.start.isEmpty ? "\(r.comparison.start)…\(r.comparison.end)" : "none")")
        } else {
            parts.append("no result")
        }
        let text = answer.answer.replacingOccurrences(of: "\n", with: " ")
        parts.append("answer=\"\(text.prefix(160))\(text.count > 160 ? "…" : "")\"")
        return parts.joined(separator: " ")
    }

    static func report(_ items: [CorpusItem], _ results: [Outcome]) {
        var byIntent: [String: (total: Int, passed: Int)] = [:]
        for (item, result) in zip(items, results) {
            byIntent[item.intent, default: (0, 0)].total += 1
            if result.passed { byIntent[item.intent, default: (0, 0)].passed += 1 }
        }
        let passed = results.filter(\.passed).count
        let wrongNumbers = results.filter(\.wrongNumber).count
        let accuracy = Double(passed) / Double(max(1, items.count))
        var lines = ["Question corpus: \(items.count) questions (seed \(String(QuestionCorpus.seed, radix: 16)))"]
        for (intent, _) in QuestionCorpus.quotas {
            let counts = byIntent[intent] ?? (0, 0)
            lines.append(
                "  \(intent.padding(toLength: 13, withPad: " ", startingAt: 0)) \(counts.passed)/\(counts.total) = \(percent(counts.passed, counts.total))"
            )
        }
        lines.append("  overall       \(passed)/\(items.count) = \(percent(passed, items.count))")
        lines.append("  wrong-number answers (failed, yet carried data): \(wrongNumbers)")

        // Failure classes: what went wrong, by the question's form.
        var classes: [String: Int] = [:]
        for (item, result) in zip(items, results) where !result.passed {
            let form = item.form.split(separator: "|").first.map(String.init) ?? item.form
            classes["\(item.intent)/\(form): \(result.problems.joined(separator: "+"))", default: 0] += 1
        }
        lines.append("Most common failure classes:")
        for (name, count) in classes.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(30) {
            lines.append("  \(count)\t\(name)")
        }

        // Up to 40 failures, at most two of a class, so that the list shows the variety.
        lines.append("Failures (up to 40):")
        var shown: [String: Int] = [:]
        var listed = 0
        for (item, result) in zip(items, results) where !result.passed && listed < 40 {
            let form = item.form.split(separator: "|").first.map(String.init) ?? item.form
            let key = "\(item.intent)/\(form): \(result.problems.joined(separator: "+"))"
            guard shown[key, default: 0] < 2 else { continue }
            shown[key, default: 0] += 1
            listed += 1
            lines.append("- Q: \(item.question)   [as_of \(item.asOf)\(item.timezone == "UTC" ? "" : " \(item.timezone)"); \(item.form)]")
            lines.append("  expected: \(item.expectedDescription)")
            lines.append("  got:      \(result.got)   problems: \(result.problems.joined(separator: ", "))")
        }
        print(lines.joined(separator: "\n"))

        if let path = ProcessInfo.processInfo.environment["CORPUS_FAILURES_PATH"], !path.isEmpty {
            var out = ""
            for (item, result) in zip(items, results) where !result.passed {
                let record: [String: Any] = [
                    "question": item.question, "as_of": item.asOf, "timezone": item.timezone, "form": item.form,
                    "expected": item.expectedDescription, "got": result.got, "problems": result.problems,
                    "wrong_number": result.wrongNumber,
                ]
                if let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]),
                    let line = String(data: data, encoding: .utf8)
                {
                    out += line + "\n"
                }
            }
            try? out.write(toFile: path, atomically: true, encoding: .utf8)
        }

        #expect(accuracy >= 0.97, "corpus accuracy \(percent(passed, items.count)) is below 97%")
        #expect(wrongNumbers == 0, "\(wrongNumbers) answers stated numbers for a question they did not understand")
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        String(format: "%.1f%%", 100 * Double(part) / Double(max(1, whole)))
    }
}

/// The corpus itself, without a database: its size, its spread over intents, and that it is the
/// same on every run. Set CORPUS_DUMP_PATH to write it out (one JSON object a line) for review.
struct QuestionCorpusShapeTests {
    @Test func theCorpusIsLargeSpreadAndFixed() throws {
        let items = QuestionCorpus.generate()
        #expect(items.count >= 2000)
        let again = QuestionCorpus.generate()
        #expect(items.map(\.question) == again.map(\.question))
        var counts: [String: Int] = [:]
        for item in items { counts[item.intent, default: 0] += 1 }
        for (intent, quota) in QuestionCorpus.quotas { #expect(counts[intent] == quota, "\(intent)") }
        for item in items where item.intent != "clarify" && item.intent != "unsupported" && item.intent != "anomalies" {
            #expect(!item.metrics.isEmpty, "\(item.question)")
        }
        if let path = ProcessInfo.processInfo.environment["CORPUS_DUMP_PATH"], !path.isEmpty {
            var out = ""
            for item in items {
                let record: [String: Any] = [
                    "question": item.question, "as_of": item.asOf, "timezone": item.timezone, "form": item.form,
                    "expected": item.expectedDescription,
                ]
                let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
                out += String(decoding: data, as: UTF8.self) + "\n"
            }
            try out.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
