import Foundation
import GRPCCore
import MetricxProtos
import MetricxSemantics
import MetricxTestSupport
import Testing

@testable import CopilotSvc
@testable import MetricsSvc

/// The whole copilot over gRPC against the real MetricsSvc and database: two campaigns, where
/// Holiday Push's revenue collapses from Nov 12 while everything else stays put.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct AskPipelineTests {
    static func rows() -> [String] {
        var rows: [String] = []
        var day = CalendarDay("2026-11-05")!
        while day <= CalendarDay("2026-11-18")! {
            let late = day >= CalendarDay("2026-11-12")!
            rows.append("\(day),meta,m,Meta account,c1,Evergreen,s1,Evergreen set,a1,Evergreen ad,100,10000,200,10,300,0,0,10,0,0")
            rows.append(
                "\(day),google,g,Google account,c2,Holiday Push,s2,Holiday set,a2,Holiday ad,50,5000,100,5,\(late ? 50 : 200),0,0,5,0,0")
            day = day.adding(days: 1)
        }
        return rows
    }

    @Test func aLookupStreamsStagesDataAndTokensInOrder() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            try await harness.importRows(Self.rows(), workspace: workspace)
            let events = try await harness.ask("google revenue over the past 7 days", workspace: workspace)
            #expect(events.stages == ["understand", "fetch_data", "respond"])
            let kinds = events.map { event -> String in
                switch event.event {
                case .stage(let stage): stage
                case .token: "token"
                case .data: "data"
                case .visualJson: "visual"
                case .done: "done"
                default: "other"
                }
            }
            // Data and the chart before the words; the answer whole at the very end.
            #expect(Array(kinds.prefix(5)) == ["understand", "fetch_data", "data", "visual", "respond"])
            #expect(kinds.last == "done")
            let answer = try #require(events.answer)
            #expect(answer.intent == "metric_value")
            #expect(events.tokens.joined() == answer.answer)
            #expect(answer.result.data.totals.first?.value == 350)
            #expect(answer.result.resolved.range.start == "2026-11-12")
            #expect(answer.answer.contains("$350.00"))
            #expect(answer.answer.contains("Google"))
        }
    }

    @Test func anUnknownPlatformIsAskedAboutAndComputesNothing() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            try await harness.importRows(Self.rows(), workspace: workspace)
            let answer = try #require(try await harness.ask("what did snapchat cost us in november?", workspace: workspace).answer)
            #expect(answer.intent == "clarify")
            #expect(!answer.hasResult)
            #expect(answer.answer.contains("snapchat"))
            #expect(answer.answer.contains("google and meta"))
            // The workspace's own providers are understood, and a period without data is said as such.
            let empty = try #require(try await harness.ask("google spend on october 3", workspace: workspace).answer)
            #expect(empty.intent == "metric_value")
            #expect(empty.answer.contains("Nothing was recorded for spend on Google in Oct 3, 2026"))
        }
    }

    @Test func explainNamesTheCampaignThatMovedTheMetricAndTheChangesBeforeIt() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            try await harness.importRows(Self.rows(), workspace: workspace)
            try await harness.inWorkspace(workspace) {
                _ = try await harness.lineage.recordChangeEvent(
                    .with {
                        $0.event = .with {
                            $0.kind = "config"
                            $0.title = "Holiday bids lowered"
                            $0.occurredAt = "2026-11-11T18:00:00Z"
                            $0.nodes = ["provider:google"]
                        }
                    })
            }
            let answer = try #require(try await harness.ask("why is roas lower in the last 7 days?", workspace: workspace).answer)
            #expect(answer.intent == "explain")
            #expect(answer.result.query.metrics == ["roas"])
            #expect(answer.answer.contains("fell from 3.33 to 2.33"))
            #expect(answer.answer.contains("Google campaign Holiday Push"))
            #expect(answer.answer.contains("its ROAS went from 4.00 to 1.00"))
            // Its exact share of the ROAS change, and what its parts did.
            #expect(answer.answer.contains("100% of the ROAS drop: its revenue fell 75% while its spend held"))
            #expect(answer.answer.contains("“Holiday bids lowered” (Nov 11)"))
            let details = try #require(JSONSerialization.jsonObject(with: Data(answer.extraJson.utf8)) as? [String: Any])
            // Along ROAS = revenue / spend: spend did not move, so revenue explains the whole change.
            let parts = try #require(details["decomposition"] as? [[String: Any]])
            let effects = Dictionary(
                uniqueKeysWithValues: parts.compactMap { part in (part["input"] as? String).map { ($0, part["effect"] as? Double ?? .nan) }
                })
            #expect(abs(effects["revenue", default: .nan] - (-1.0)) < 1e-9)
            #expect(abs(effects["spend", default: .nan]) < 1e-9)
            let causes = try #require(details["root_causes"] as? [[String: Any]])
            #expect(causes.count == 1)
            #expect((causes.first?["label"] as? String) == "Google campaign Holiday Push")
            // Another workspace's data and changes stay out of it.
            let other = try #require(try await harness.ask("why is roas lower in the last 7 days?", workspace: UUID()).answer)
            #expect(other.answer.hasPrefix("There is not enough data to explain ROAS"))
        }
    }

    /// "This week" on Thursday at 15:00 runs into today: its sum is explained over Monday to
    /// Wednesday against the same three days of last week, not against four whole days.
    @Test func aSumOverAWeekThatRunsIntoTodayIsExplainedOverItsWholeDays() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            try await harness.importRows(Self.rows(), workspace: workspace)
            let answer = try #require(try await harness.ask("why did revenue fall this week?", workspace: workspace).answer)
            #expect(answer.intent == "explain")
            #expect(answer.result.resolved.range.start == "2026-11-16")
            #expect(answer.result.resolved.range.end == "2026-11-18")
            #expect(answer.result.resolved.comparison.start == "2026-11-09")
            #expect(answer.result.resolved.comparison.end == "2026-11-11")
            // 3 × (300 + 50) against 3 × (300 + 200); the four-day week before held $1,850.00.
            #expect(answer.answer.contains("fell from $1,500.00 to $1,050.00 (-30.0%)"), "\(answer.answer)")
            #expect(answer.answer.contains("runs into today, which is not over (it is 15:00)"))
            #expect(answer.answer.contains("Google campaign Holiday Push"))
            let details = try #require(JSONSerialization.jsonObject(with: Data(answer.extraJson.utf8)) as? [String: Any])
            #expect(details["previous"] as? Double == 1_500)
            // Today alone has no whole day: nothing is explained.
            let today = try #require(try await harness.ask("why did revenue fall today?", workspace: workspace).answer)
            #expect(today.answer.contains("today is not over, so there is no change to explain yet"))

            // LineageSvc itself cuts, for every caller (the gateway's /rca/explain, the MCP tool): a
            // sum over this week is explained over its whole days; a ratio keeps the running week.
            func explained(_ metric: String) async throws -> Metricx_V1_ExplainResponse {
                try await harness.inWorkspace(workspace) {
                    try await harness.lineage.explain(
                        .with {
                            $0.metric = metric
                            $0.timeRange = .with { $0.preset = "this_week" }
                            $0.comparison = .with { $0.type = "previous_period" }
                            $0.asOf = "2026-11-19T15:00:00Z"
                            $0.settings = .with { $0.timezone = "UTC" }
                        })
                }
            }
            let revenue = try await explained("revenue")
            #expect([revenue.resolved.range.end, revenue.resolved.comparison.end] == ["2026-11-18", "2026-11-11"])
            #expect(revenue.previous == 1_500 && revenue.value == 1_050)
            let roas = try await explained("roas")
            #expect([roas.resolved.range.end, roas.resolved.comparison.end] == ["2026-11-19", "2026-11-12"])
        }
    }

    @Test func anomalyQuestionsListWhatTheMonitorFound() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            // Eight weeks of days, quieter weekends; the last complete day's Feed spend jumps fivefold.
            let start = CalendarDay(year: 2026, month: 9, day: 24)
            let rows = (0..<56).flatMap { offset -> [String] in
                let day = start.adding(days: offset)
                let weekday = day.isoWeekday >= 6 ? 0.6 : 1.0
                let wobble = 1 + 0.02 * Double((offset * 7) % 5 - 2)
                let feed = 200 * weekday * wobble * (day == CalendarDay(year: 2026, month: 11, day: 18) ? 5 : 1)
                let brand = 100 * weekday * wobble
                return [
                    "\(day),google,g1,Google,c1,Shopping Feed,s1,Set,a1,Ad,\(feed),10000,500,20,\(feed * 3),0,0,20,0,0",
                    "\(day),google,g1,Google,c2,Brand,s2,Set,a2,Ad,\(brand),8000,400,16,\(brand * 3),0,0,16,0,0",
                ]
            }
            try await harness.importRows(rows, workspace: workspace)
            let asOf = try Date("2026-11-19T15:00:00Z", strategy: .iso8601)
            let outcome = try await AnomalyMonitor(postgres: harness.postgres).run(workspaceID: workspace, timeZone: .gmt, asOf: asOf)
            #expect(outcome.anomaliesFound > 0)

            let found = try #require(try await harness.ask("Anything unusual in the last 3 days?", workspace: workspace).answer)
            #expect(found.intent == "anomalies")
            #expect(found.answer.contains("Spend for Shopping Feed rose to $960.00"))
            #expect(found.answer.contains("on Nov 18"))
            #expect(found.extraJson.contains("\"entity_label\":\"Shopping Feed\""))
            let quiet = try #require(try await harness.ask("any anomalies in CTR last month?", workspace: workspace).answer)
            #expect(quiet.intent == "anomalies")
            #expect(quiet.answer.hasPrefix("No anomalies in your key metrics for Oct 1 – Oct 31, 2026."))
            // Another workspace hears nothing of these.
            let other = try #require(try await harness.ask("Anything unusual in the last 3 days?", workspace: UUID()).answer)
            #expect(other.answer.hasPrefix("No anomalies"))
        }
    }

    @Test func lineageAndUnsupportedQuestionsFetchNoNumbers() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            let lineage = try #require(try await harness.ask("which metrics use clicks?", workspace: workspace).answer)
            #expect(lineage.intent == "lineage")
            #expect(lineage.answer.contains("cpc") && lineage.answer.contains("ctr") && lineage.answer.contains("cvr"))
            #expect(!lineage.hasResult)
            let other = try #require(try await harness.ask("what's the capital of France?", workspace: workspace).answer)
            #expect(other.intent == "unsupported")
            #expect(!other.hasResult)
            #expect(other.answer.contains("ROAS"))
        }
    }

    @Test func followUpsConversationsAndIsolation() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            let stranger = UUID()
            try await harness.importRows(Self.rows(), workspace: workspace)
            let first = try #require(try await harness.ask("spend by campaign in the last 7 days", workspace: workspace).answer)
            #expect(first.intent == "rank")
            #expect(first.result.data.breakdown.map(\.label) == ["Evergreen", "Holiday Push"])
            let followUp = try #require(
                try await harness.ask("only facebook", workspace: workspace, conversation: first.conversationID).answer)
            #expect(followUp.conversationID == first.conversationID)
            #expect(followUp.result.data.totals.first?.value == 700)

            let conversation = try await harness.inWorkspace(workspace) {
                try await harness.copilot.getConversation(.with { $0.id = first.conversationID })
            }
            #expect(conversation.messages.map(\.role) == ["user", "assistant", "user", "assistant"])
            #expect(conversation.title == "spend by campaign in the last 7 days")
            let listed = try await harness.inWorkspace(workspace) { try await harness.copilot.listConversations(.init()) }
            #expect(listed.conversations.map(\.id) == [first.conversationID])

            // Another workspace sees nothing, continues nothing and deletes nothing.
            let theirs = try await harness.inWorkspace(stranger) { try await harness.copilot.listConversations(.init()) }
            #expect(theirs.conversations.isEmpty)
            await #expect(throws: RPCError.self) {
                _ = try await harness.ask("and yesterday?", workspace: stranger, conversation: first.conversationID)
            }
            for call in ["get", "delete"] {
                do {
                    try await harness.inWorkspace(stranger) {
                        if call == "get" {
                            _ = try await harness.copilot.getConversation(.with { $0.id = first.conversationID })
                        } else {
                            _ = try await harness.copilot.deleteConversation(.with { $0.id = first.conversationID })
                        }
                    }
                    Issue.record("\(call) of another workspace's conversation succeeded")
                } catch let error as RPCError {
                    #expect(error.code == .notFound)
                }
            }
            _ = try await harness.inWorkspace(workspace) {
                try await harness.copilot.deleteConversation(.with { $0.id = first.conversationID })
            }
            let after = try await harness.inWorkspace(workspace) { try await harness.copilot.listConversations(.init()) }
            #expect(after.conversations.isEmpty)
        }
    }

    @Test func badInputIsRejectedWithTheField() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            let cases: [(question: String, conversation: String, asOf: String, code: RPCError.Code, field: String)] = [
                ("   ", "", "2026-11-19T15:00:00Z", .invalidArgument, "question"),
                (String(repeating: "spend ", count: 300), "", "2026-11-19T15:00:00Z", .invalidArgument, "question"),
                ("spend", "not-a-uuid", "2026-11-19T15:00:00Z", .invalidArgument, "conversation_id"),
                ("spend", UUID().uuidString, "2026-11-19T15:00:00Z", .notFound, ""),
                ("spend", "", "yesterday", .invalidArgument, "as_of"),
            ]
            for item in cases {
                do {
                    _ = try await harness.ask(item.question, workspace: workspace, conversation: item.conversation, asOf: item.asOf)
                    Issue.record("accepted \(item)")
                } catch let error as RPCError {
                    #expect(error.code == item.code, "\(item)")
                    if !item.field.isEmpty {
                        #expect(Array(error.metadata[stringValues: "x-error-field"]) == [item.field], "\(error)")
                    }
                }
            }
            // Nothing was stored for the rejected questions.
            let listed = try await harness.inWorkspace(workspace) { try await harness.copilot.listConversations(.init()) }
            #expect(listed.conversations.isEmpty)
        }
    }
}
