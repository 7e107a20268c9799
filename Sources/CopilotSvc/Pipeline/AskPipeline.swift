import Foundation
import GRPCCore
import Logging
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import MetricxSemantics
import SwiftProtobuf

/// understand -> fetch_data -> respond, each stage announced as it starts, the answer streamed
/// as tokens and then delivered whole in `done`. Numbers come only from MetricsSvc; a question
/// that maps to nothing gets `unsupported` and says what can be asked.
struct AskPipeline: Sendable {
    static let maximumQuestionLength = 1_000

    let metrics: any Metricx_V1_MetricsService.ClientProtocol
    let lineage: any Metricx_V1_LineageService.ClientProtocol
    let conversations: ConversationStore
    let entities: EntityCache
    /// The workspace's own metrics, refetched from LineageSvc when its catalog version moves.
    let vocabularies: MetricDefinitionsCache<MetricVocabulary>
    /// The optional LLM understanding; nil (the default) keeps everything embedded.
    var llm: LLMUnderstanding?
    var logger = Logger(label: "CopilotSvc.ask")

    init(
        metrics: any Metricx_V1_MetricsService.ClientProtocol, lineage: any Metricx_V1_LineageService.ClientProtocol,
        conversations: ConversationStore, entities: EntityCache
    ) {
        self.metrics = metrics
        self.lineage = lineage
        self.conversations = conversations
        self.entities = entities
        vocabularies = MetricDefinitionsCache(lineage: lineage) { MetricVocabulary($0) }
    }

    /// Where an event of the answer goes as it is produced.
    typealias Emit = @Sendable (Metricx_V1_AskEvent) async throws -> Void

    /// A question with its settings checked and its conversation found.
    struct Asked {
        var question: String
        var now: Date
        var zone: TimeZone
        var conversationID: UUID
        /// What the conversation's last question was understood as, for a follow-up.
        var previous: Understanding?
    }

    func run(_ request: Metricx_V1_AskRequest, workspaceID: UUID, emit: Emit) async throws {
        let asked = try await check(request, workspaceID: workspaceID)

        try await emit(.with { $0.stage = "understand" })
        let vocabulary = await vocabulary(workspaceID: workspaceID)
        let understanding = try await understand(
            asked.question, workspaceID: workspaceID, today: CalendarDay(asked.now, in: asked.zone), vocabulary: vocabulary,
            previous: asked.previous)
        logger.debug("understood", metadata: ["intent": "\(understanding.intent.rawValue)"])

        try await emit(.with { $0.stage = "fetch_data" })
        let (text, answer) = try await answer(understanding, request, asked: asked, vocabulary: vocabulary, emit: emit)

        try await emit(.with { $0.stage = "respond" })
        try await respond(text, answer: answer, understanding: understanding, asked: asked, workspaceID: workspaceID, emit: emit)
    }

    // MARK: - Steps

    /// Refuses a question or setting it cannot work with, naming the field, and finds the
    /// conversation a follow-up belongs to.
    private func check(_ request: Metricx_V1_AskRequest, workspaceID: UUID) async throws -> Asked {
        let question = request.question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else { throw ServiceError.invalidArgument("ask a question", field: "question") }
        guard question.count <= Self.maximumQuestionLength else {
            throw ServiceError.invalidArgument("at most \(Self.maximumQuestionLength) characters", field: "question")
        }
        var now = Date()
        if !request.asOf.isEmpty {
            guard let instant = RFC3339.date(request.asOf) else {
                throw ServiceError.invalidArgument("must be an RFC 3339 instant", field: "as_of")
            }
            now = instant
        }
        let zone = try WorkspaceTimeZone.resolve(request.settings.timezone, field: "settings.timezone").zone
        var asked = Asked(question: question, now: now, zone: zone, conversationID: UUID())
        if !request.conversationID.isEmpty {
            guard let id = UUID(uuidString: request.conversationID) else {
                throw ServiceError.invalidArgument("must be a UUID", field: "conversation_id")
            }
            guard try await conversations.exists(workspaceID: workspaceID, id: id) else {
                throw ServiceError.notFound("conversation \(request.conversationID) not found")
            }
            asked.conversationID = id
            asked.previous = try await conversations.lastQuery(workspaceID: workspaceID, conversationID: id).flatMap(Self.restore)
        }
        return asked
    }

    /// Fetches what the understanding asks for and words it; data and visuals are emitted as
    /// they arrive.
    private func answer(
        _ understanding: Understanding, _ request: Metricx_V1_AskRequest, asked: Asked, vocabulary: MetricVocabulary, emit: Emit
    ) async throws -> (text: [String], answer: Metricx_V1_Answer) {
        let format = ValueFormat(currency: request.settings.currency, vocabulary: vocabulary)
        // A metric defined by SQL is in the graph, but the semantic layer cannot compute it.
        let uncomputable =
            understanding.readsData || understanding.intent == .explain
            ? understanding.query.metrics.filter { vocabulary.custom[$0].map { $0.formula.isEmpty } ?? false } : []
        var answer = Metricx_V1_Answer()
        answer.intent = understanding.intent.rawValue
        var text: [String]
        switch understanding.intent {
        case _ where !uncomputable.isEmpty:
            text = [
                "\(AnswerComposer.list(uncomputable)) \(uncomputable.count == 1 ? "is" : "are") defined by SQL over source tables, "
                    + "so I can't compute \(uncomputable.count == 1 ? "its values" : "their values"); metrics defined by a formula can be asked about."
            ]
        case .metricValue, .compare, .rank, .trend:
            let result = try await query(understanding.query, request)
            try await emit(.with { $0.data = result })
            let composed = AnswerComposer(format: format, openDay: OpenDay(now: asked.now, timeZone: asked.zone))
                .compose(understanding, result: result)
            if !composed.visual.isEmpty { try await emit(.with { $0.visualJson = composed.visual }) }
            answer.result = result
            answer.visualJson = composed.visual
            text = composed.text
        case .explain:
            (text, answer) = try await explain(understanding, request, format: format, asked: asked, answer: answer)
            try await emit(.with { $0.data = answer.result })
            try await emit(.with { $0.visualJson = answer.visualJson })
        case .lineage:
            let metric = understanding.query.metrics[0]
            let direction = understanding.lineageDirection
            async let upstream = direction == .downstream ? nil : traverse(metric, "upstream")
            async let downstream = direction == .upstream ? nil : traverse(metric, "downstream")
            let lineage = LineageAnswer(vocabulary: vocabulary).text(
                metric: metric, upstream: try await upstream, downstream: try await downstream)
            text = lineage.text
            answer.extraJson = Self.json(lineage.details)
        case .anomalies:
            let found = try await anomalies(understanding, request, now: asked.now, zone: asked.zone)
            text = AnomalyAnswer(format: format, timeZone: asked.zone).text(found.anomalies, period: found.period)
            answer.extraJson = Self.json(AnomalyAnswer.details(found.anomalies))
        case .clarify:
            text = [understanding.message ?? Self.capabilities]
        case .unsupported:
            text = [understanding.message ?? "I can't answer that from your marketing data.", Self.capabilities]
        }
        return (text, answer)
    }

    /// Streams the answer as tokens, keeps the exchange in its conversation and delivers it whole.
    private func respond(
        _ text: [String], answer: Metricx_V1_Answer, understanding: Understanding, asked: Asked, workspaceID: UUID, emit: Emit
    ) async throws {
        var answer = answer
        let full = text.joined(separator: " ")
        for token in Self.tokens(full) { try await emit(.with { $0.token = token }) }
        answer.answer = full
        answer.conversationID = asked.conversationID.uuidString.lowercased()
        let queryJSON = understanding.isUnderstood ? ((try? understanding.query.jsonString()) ?? "") : ""
        try await conversations.append(
            workspaceID: workspaceID, conversationID: asked.conversationID, question: asked.question, answer: full,
            intent: understanding.intent.rawValue, queryJSON: queryJSON)
        try await emit(.with { $0.done = answer })
    }

    // MARK: - Stages

    private func query(_ query: Metricx_V1_SemanticQuery, _ request: Metricx_V1_AskRequest) async throws -> Metricx_V1_QueryResult {
        try await metrics.query(
            .with {
                $0.settings = request.settings
                $0.query = query
                $0.asOf = request.asOf
            })
    }

    /// The anomalies the monitor stored for the question's period (and metric, when it names one).
    private func anomalies(
        _ understanding: Understanding, _ request: Metricx_V1_AskRequest, now: Date, zone: TimeZone
    ) async throws -> (anomalies: [Metricx_V1_Anomaly], period: String) {
        let today = CalendarDay(now, in: zone)
        var range = TimePreset.last7Days.range(today: today)
        switch understanding.query.timeRange.kind {
        case .preset(let name)?:
            if let preset = TimePreset(rawValue: name) {
                range = preset.range(today: today)
                // "the last 2 days" of anomalies includes today's.
                if name.hasPrefix("last_"), name.hasSuffix("_days") { range.end = today }
            }
        case .dates(let dates)?:
            if let start = CalendarDay(dates.start), let end = CalendarDay(dates.end) { range = DayRange(start: start, end: end) }
        case nil:
            break
        }
        let window = AnomalyAnswer.window(range, now: now, timeZone: zone)
        let metric = understanding.query.metrics.count == 1 ? understanding.query.metrics[0] : ""
        let response = try await metrics.listAnomalies(
            .with {
                $0.since = window.since.formatted(.iso8601)
                $0.until = window.until.formatted(.iso8601)
                $0.metric = metric
                $0.page.pageSize = 200
            })
        return (response.anomalies, ValueFormat.range(range.start.description, range.end.description))
    }

    /// LineageSvc's root-cause analysis, with the metric by campaign as the answer's data.
    /// LineageSvc explains a sum over a range that runs into today over its whole days, against as
    /// many days of the comparison (``DayRange/wholeDays(against:today:)``): the hours still to
    /// come are not a change. The answer then says so and shows those days by campaign.
    private func explain(
        _ understanding: Understanding, _ request: Metricx_V1_AskRequest, format: ValueFormat, asked: Asked, answer: Metricx_V1_Answer
    ) async throws -> ([String], Metricx_V1_Answer) {
        let metric = understanding.query.metrics[0]
        let openDay = OpenDay(now: asked.now, timeZone: asked.zone)
        var query = understanding.query
        var (explanation, shown) = try await explain(metric, query, request)
        var cutFrom: Metricx_V1_DateRange?
        if explanation.resolved.range != shown.resolved.range {
            cutFrom = shown.resolved.range
            query.timeRange = .with { $0.dates = explanation.resolved.range }
            query.comparison = .with {
                $0.type = "custom"
                $0.custom = explanation.resolved.comparison
            }
            shown = try await self.query(Self.byCampaign(query, metric), request)
        }
        var answer = answer
        answer.result = shown
        answer.visualJson = Self.json(["type": "bar", "x": "label", "y": "share", "source": "details.root_causes"])
        answer.extraJson = Self.json(ExplainAnswer.details(explanation, metric: metric))
        let text = ExplainAnswer(format: format).text(
            explanation, metric: metric, assumedDirection: understanding.assumedDirection, timeZone: asked.zone,
            filters: query.filters, openDay: openDay, cutFrom: cutFrom)
        return (text, answer)
    }

    /// The explanation of `metric` over `query`'s ranges and filters, with the metric by campaign.
    private func explain(
        _ metric: String, _ query: Metricx_V1_SemanticQuery, _ request: Metricx_V1_AskRequest
    ) async throws -> (Metricx_V1_ExplainResponse, Metricx_V1_QueryResult) {
        async let shownResult = self.query(Self.byCampaign(query, metric), request)
        let explanation = try await lineage.explain(
            .with {
                $0.settings = request.settings
                $0.metric = metric
                $0.timeRange = query.timeRange
                $0.comparison = query.comparison
                $0.filters = query.filters
                $0.asOf = request.asOf
            })
        return (explanation, try await shownResult)
    }

    /// `query` broken down by the ten campaigns with the most of `metric`.
    private static func byCampaign(_ query: Metricx_V1_SemanticQuery, _ metric: String) -> Metricx_V1_SemanticQuery {
        var shown = query
        shown.breakdown = .with {
            $0.dimension = "campaign"
            $0.limit = 10
            $0.orderBy = metric
        }
        return shown
    }

    private func traverse(_ metric: String, _ direction: String) async throws -> Metricx_V1_Graph? {
        try await lineage.traverse(
            .with {
                $0.node = "metric:\(metric)"
                $0.direction = direction
            })
    }

    /// The workspace's metric vocabulary; the catalog's alone when LineageSvc cannot be reached,
    /// so that questions about built-in metrics never depend on it.
    private func vocabulary(workspaceID: UUID) async -> MetricVocabulary {
        do {
            return try await vocabularies.current(workspaceID: workspaceID).value
        } catch {
            logger.warning("workspace metrics unavailable; using the catalog", metadata: ["error": "\(error)"])
            return .builtin
        }
    }

    /// The embedded understanding first; a question it did not fully understand goes to the
    /// model when one is configured, before any clarifying answer.
    private func understand(
        _ question: String, workspaceID: UUID, today: CalendarDay, vocabulary: MetricVocabulary, previous: Understanding?
    ) async throws -> Understanding {
        let names = try await entities.names(workspaceID: workspaceID) { try await listNames() }
        var parser = QuestionParser(today: today, entities: names.entities, providers: names.providers)
        parser.vocabulary = vocabulary
        let embedded = parser.parse(question, previous: previous)
        guard !embedded.isUnderstood, let llm else { return embedded }
        let modelled = await llm.understand(
            question, today: today, vocabulary: vocabulary, entityNames: names.entities.entries.map(\.name) + names.providers.values,
            previousQuery: previous.flatMap { try? $0.query.jsonString() }
        ).understanding
        return modelled ?? embedded
    }

    private func listNames() async throws -> WorkspaceNames {
        var names: [(level: String, name: String)] = []
        var providers = Set<String>()
        var token = ""
        repeat {
            let page = try await metrics.listEntities(
                .with {
                    $0.page = .with {
                        $0.pageSize = 5_000
                        $0.pageToken = token
                    }
                })
            for record in page.entities {
                providers.insert(record.entity.provider)
                // A store's products and orders are not ad objects to ask about by name.
                if record.entity.provider != "shopify" { names.append((record.entity.level, record.entity.name)) }
            }
            token = page.page.nextPageToken
        } while !token.isEmpty && names.count < 200_000
        return WorkspaceNames(entities: names, providers: providers)
    }

    // MARK: - Helpers

    /// Words with their trailing space, so that joining the tokens gives the text back.
    static let capabilities =
        "Ask me about spend, revenue, ROAS, CPC, CPA, CTR and the other catalog metrics — a value (“What was ROAS on Meta yesterday?”), a comparison (“Compare CPC this week vs last week”), a ranking (“Top 3 ads by spend”), a trend (“Daily spend for the last 14 days”), why a metric moved (“Why did CPA rise last week?”), or how a metric is calculated."

    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    static func restore(_ stored: (intent: String, queryJSON: String)) -> Understanding? {
        guard let intent = Understanding.Intent(rawValue: stored.intent),
            let query = try? Metricx_V1_SemanticQuery(jsonString: stored.queryJSON)
        else { return nil }
        return Understanding(intent: intent, query: query)
    }
}
