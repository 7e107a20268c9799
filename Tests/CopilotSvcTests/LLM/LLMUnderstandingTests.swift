import Foundation
import MetricxSemantics
import MetricxTestSupport
import Testing

@testable import CopilotSvc

/// The LLM path against local servers that speak the Messages API (streamed) and the OpenAI
/// chat completions API: a valid tool call is used, anything else falls back to the embedded
/// understanding.
@Suite struct LLMUnderstandingTests {
    static let today = CalendarDay(year: 2026, month: 11, day: 19)

    /// A Messages API stream whose tool input arrives in pieces, as the real API sends it.
    static func messagesStream(_ input: String, pieces: Int = 3) -> String {
        let size = max(1, input.count / pieces)
        var chunks: [String] = []
        var rest = Substring(input)
        while !rest.isEmpty {
            chunks.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        func event(_ type: String, _ object: [String: Any]) -> String {
            var payload = object
            payload["type"] = type
            let json = String(decoding: try! JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]), as: UTF8.self)
            return "event: \(type)\ndata: \(json)\n\n"
        }
        var text = event(
            "message_start",
            [
                "message": [
                    "id": "msg_1", "role": "assistant", "content": [], "model": "claude-test",
                    "usage": ["input_tokens": 812, "output_tokens": 1],
                ]
            ])
        text += event(
            "content_block_start",
            ["index": 0, "content_block": ["type": "tool_use", "id": "toolu_1", "name": "semantic_query", "input": [:]]])
        text += "event: ping\ndata: {\"type\": \"ping\"}\n\n"
        for chunk in chunks {
            text += event("content_block_delta", ["index": 0, "delta": ["type": "input_json_delta", "partial_json": chunk]])
        }
        text += event("content_block_stop", ["index": 0])
        text += event("message_delta", ["delta": ["stop_reason": "tool_use"], "usage": ["output_tokens": 57]])
        text += event("message_stop", [:])
        return text
    }

    static func anthropic(_ url: String, timeout: Duration = .seconds(5)) -> LLMUnderstanding {
        LLMUnderstanding(
            model: AnthropicMessages(baseURL: url, apiKey: "sk-test", model: "claude-test"),
            config: .init(timeout: timeout, inputPricePerMillion: 3, outputPricePerMillion: 15))
    }

    static let spendLastWeek = #"{"intent": "metric_value", "query": {"metrics": ["spend"], "time_range": {"preset": "last_week"}}}"#

    @Test func aStreamedToolCallBecomesTheUnderstanding() async throws {
        let fake = FakeProvider { _ in .init(body: Self.messagesStream(Self.spendLastWeek), headers: ["content-type": "text/event-stream"])
        }
        try await fake.serve { url in
            let result = await Self.anthropic(url).understand(
                "how much did we burn?", today: Self.today, entityNames: ["Spring Sale"], previousQuery: nil)
            #expect(result.outcome == .used)
            let understanding = try #require(result.understanding)
            #expect(understanding.intent == .metricValue)
            #expect(understanding.query.metrics == ["spend"])
            #expect(understanding.query.timeRange.preset == "last_week")
        }
        let call = try #require(fake.calls.withLock { $0.first })
        #expect(call.path == "/v1/messages")
        #expect(call.headers["x-api-key"] == "sk-test")
        #expect(call.headers["anthropic-version"] == "2023-06-01")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(call.body.utf8)) as? [String: Any])
        #expect(body["stream"] as? Bool == true)
        #expect((body["tool_choice"] as? [String: String]) == ["type": "tool", "name": "semantic_query"])
        #expect((body["system"] as? String)?.contains("Today is 2026-11-19") == true)
        #expect((body["system"] as? String)?.contains("Spring Sale") == true)
        let tool = try #require((body["tools"] as? [[String: Any]])?.first)
        #expect(((tool["input_schema"] as? [String: Any])?["required"] as? [String]) == ["intent"])
    }

    @Test(arguments: [
        #"{"intent": "metric_value", "query": {"metrics": ["happiness"], "time_range": {"preset": "last_week"}}}"#,
        #"{"intent": "metric_value", "query": {"metrics": ["spend"], "time_range": {"preset": "next_week"}}}"#,
        #"{"intent": "rank", "query": {"metrics": ["spend"], "breakdown": {"dimension": "planet", "limit": 3}}}"#,
        #"{"intent": "compare", "query": {"metrics": ["spend"], "time_range": {"dates": {"start": "2026-11-20", "end": "2026-11-01"}}}}"#,
        #"{"intent": "celebrate"}"#,
        #"{"intent": "metric_value", "query": {"metrics": ["spend"], "colour": "red"}}"#,
        #"{"intent": "metric_value", "query": "#,
    ])
    func invalidToolOutputFallsBack(input: String) async throws {
        let fake = FakeProvider { _ in .init(body: Self.messagesStream(input), headers: ["content-type": "text/event-stream"]) }
        try await fake.serve { url in
            let result = await Self.anthropic(url).understand("spend last week", today: Self.today, entityNames: [], previousQuery: nil)
            #expect(result.outcome == .fellBack)
            #expect(result.understanding == nil)
        }
    }

    @Test func theToolKnowsTheWorkspacesOwnMetrics() throws {
        let input = #"{"intent": "metric_value", "query": {"metrics": ["net_roas"], "time_range": {"preset": "last_week"}}}"#
        let vocabulary = MetricVocabulary([
            .with {
                $0.name = "net_roas"
                $0.formula = "(revenue - spend) / spend"
                $0.unit = "ratio"
            }
        ])
        #expect(try QueryTool.understanding(from: input, vocabulary: vocabulary).query.metrics == ["net_roas"])
        #expect(throws: LanguageModelError.self) { try QueryTool.understanding(from: input) }
        #expect(QueryTool.spec(vocabulary).inputSchema.contains(#""net_roas""#))
        #expect(!QueryTool.spec(.builtin).inputSchema.contains(#""net_roas""#))
        let system = QueryTool.system(today: Self.today, vocabulary: vocabulary, entityNames: [], previousQuery: nil)
        #expect(system.contains("net_roas = (revenue - spend) / spend"))
    }

    @Test func aSlowModelTimesOutAndAFailingOneFallsBack() async throws {
        let slow = FakeProvider { _ in
            .init(body: Self.messagesStream(Self.spendLastWeek), headers: ["content-type": "text/event-stream"], delay: .seconds(3))
        }
        try await slow.serve { url in
            let result = await Self.anthropic(url, timeout: .milliseconds(200)).understand(
                "spend", today: Self.today, entityNames: [], previousQuery: nil)
            #expect(result.outcome == .fellBack)
        }
        let overloaded = FakeProvider { _ in
            .init(status: 529, body: #"{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"#)
        }
        try await overloaded.serve { url in
            #expect(
                await Self.anthropic(url).understand("spend", today: Self.today, entityNames: [], previousQuery: nil).outcome == .fellBack)
        }
        let noTool = FakeProvider { _ in
            .init(body: "event: message_stop\ndata: {\"type\": \"message_stop\"}\n\n", headers: ["content-type": "text/event-stream"])
        }
        try await noTool.serve { url in
            #expect(
                await Self.anthropic(url).understand("spend", today: Self.today, entityNames: [], previousQuery: nil).outcome == .fellBack)
        }
    }

    @Test func anOpenAICompatibleServerIsCalledWithAForcedFunction() async throws {
        let arguments =
            #"{"intent": "rank", "query": {"metrics": ["cpa"], "time_range": {"preset": "last_7_days"}, "breakdown": {"dimension": "campaign", "limit": 3, "order": "asc"}}}"#
        let reply = try JSONSerialization.data(withJSONObject: [
            "choices": [
                [
                    "message": [
                        "role": "assistant",
                        "tool_calls": [
                            [
                                "id": "call_1", "type": "function",
                                "function": ["name": "semantic_query", "arguments": arguments],
                            ]
                        ],
                    ]
                ]
            ],
            "usage": ["prompt_tokens": 700, "completion_tokens": 40],
        ])
        let fake = FakeProvider { _ in .init(body: String(decoding: reply, as: UTF8.self)) }
        try await fake.serve { url in
            let llm = LLMUnderstanding(model: OpenAICompatible(baseURL: url, apiKey: nil, model: "local"))
            let result = await llm.understand("best 3 campaigns by cpa", today: Self.today, entityNames: [], previousQuery: nil)
            #expect(result.understanding?.intent == .rank)
            #expect(result.understanding?.query.breakdown.limit == 3)
        }
        let call = try #require(fake.calls.withLock { $0.first })
        #expect(call.path == "/v1/chat/completions")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(call.body.utf8)) as? [String: Any])
        #expect(((body["tool_choice"] as? [String: Any])?["function"] as? [String: String]) == ["name": "semantic_query"])
    }

    @Test func eventsAreSplitAcrossChunkBoundaries() {
        var stream = ServerSentEvents()
        #expect(stream.feed("event: a\ndata: {\"x\"") == [])
        #expect(stream.feed(": 1}\n") == [])
        #expect(stream.feed("\ndata: 2\n\n") == ["{\"x\": 1}", "2"])
    }

    @Test func theEnvironmentChoosesTheModel() {
        #expect(LLMUnderstanding.fromEnvironment([:]) == nil)
        #expect(LLMUnderstanding.fromEnvironment(["ANTHROPIC_API_KEY": "k"])?.model is AnthropicMessages)
        let local = LLMUnderstanding.fromEnvironment(["OPENAI_BASE_URL": "http://127.0.0.1:8081", "COPILOT_LLM_TIMEOUT_MS": "1500"])
        #expect(local?.model is OpenAICompatible)
        #expect(local?.config.timeout == .milliseconds(1_500))
    }
}

/// The LLM path inside the whole pipeline: a question the embedded understanding does not fully
/// understand goes to the model, whose valid understanding answers; when the model's is not
/// valid, the embedded answer (a clarification, never a number) stands. A question the embedded
/// understanding reads costs no model call.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct LLMPipelineTests {
    @Test func theModelsQueryIsFetchedAndAnsweredAndABadOneFallsBack() async throws {
        let fake = FakeProvider { call in
            // The first question gets a good tool call, the second an unknown metric.
            let input =
                call.body.contains("splurge")
                ? LLMUnderstandingTests.spendLastWeek
                : #"{"intent": "metric_value", "query": {"metrics": ["vibes"], "time_range": {"preset": "last_week"}}}"#
            return .init(body: LLMUnderstandingTests.messagesStream(input), headers: ["content-type": "text/event-stream"])
        }
        try await fake.serve { url in
            try await CopilotHarness.with(llm: LLMUnderstandingTests.anthropic(url)) { harness in
                let workspace = UUID()
                try await harness.importRows(
                    ["2026-11-10,meta,m1,Meta,c1,Spring,s1,Set,a1,Ad,120,1000,50,5,400,0,0,5,0,0"], workspace: workspace)
                // The embedded parser cannot read "splurge"; the model can.
                let used = try #require(try await harness.ask("how much did we splurge?", workspace: workspace).answer)
                #expect(used.intent == "metric_value")
                #expect(used.result.data.totals.first?.value == 120)
                #expect(used.answer.contains("$120.00"))
                // An invalid tool call: the embedded understanding's clarification stands, with no number.
                let fallback = try #require(
                    try await harness.ask("what was the spend vibe on Spring last week?", workspace: workspace).answer)
                #expect(fallback.intent == "clarify")
                #expect(!fallback.hasResult)
                #expect(fallback.answer.contains("vibe"))
                // Understood without the model.
                let embedded = try #require(try await harness.ask("What was my spend last week?", workspace: workspace).answer)
                #expect(embedded.intent == "metric_value")
                #expect(embedded.result.data.totals.first?.value == 120)
            }
        }
        #expect(fake.callCount == 2)
    }
}
