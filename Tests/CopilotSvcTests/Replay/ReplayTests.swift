import Foundation
import GRPCCore
import MetricxProtos
import MetricxTestSupport
import Testing

@testable import CopilotSvc

/// Answers are numbered and journaled in Redis, so a client whose stream broke resumes it — in
/// its own workspace only — and an answer whose caller went away is still composed to its end.
@Suite(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs the Postgres and Redis started by make test"))
struct ReplayTests {
    private func replay(_ harness: CopilotHarness, after eventID: String, workspace: UUID) async throws -> [Metricx_V1_AskEvent] {
        try await harness.inWorkspace(workspace) {
            try await harness.copilot.replay(.with { $0.eventID = eventID }) { response in
                var events: [Metricx_V1_AskEvent] = []
                for try await event in response.messages { events.append(event) }
                return events
            }
        }
    }

    @Test func aResumedStreamIsTheRestOfTheSameAnswer() async throws {
        try await CopilotHarness.with { harness in
            let workspace = UUID()
            try await harness.importRows(AskPipelineTests.rows(), workspace: workspace)
            let events = try await harness.ask("google revenue over the past 7 days", workspace: workspace)
            let ids = events.map(\.eventID)
            let answer = try #require(ids.first?.split(separator: ":").first)
            #expect(ids == (1...events.count).map { "\(answer):\($0)" })

            let rest = try await replay(harness, after: ids[2], workspace: workspace)
            #expect(rest == Array(events.dropFirst(3)))
            #expect(try await replay(harness, after: "\(answer):0", workspace: workspace) == events)
            // After its last event there is nothing more, at once.
            #expect(try await replay(harness, after: ids[ids.count - 1], workspace: workspace).isEmpty)
            // #23: an id past the end of the finished answer is refused at once, not polled for
            // until the idle timeout.
            for past in [ids.count + 1, ids.count + 50, 1_000_000] {
                let error = await #expect(throws: RPCError.self) {
                    try await replay(harness, after: "\(answer):\(past)", workspace: workspace)
                }
                #expect(error?.code == .invalidArgument, "\(past)")
            }

            // Not in another workspace, not for an unknown answer, not for a malformed id.
            let foreign = await #expect(throws: RPCError.self) { try await replay(harness, after: ids[2], workspace: UUID()) }
            #expect(foreign?.code == .notFound)
            let unknown = await #expect(throws: RPCError.self) { try await replay(harness, after: "\(UUID()):1", workspace: workspace) }
            #expect(unknown?.code == .notFound)
            for malformed in ["", "42", "\(answer)", "\(answer):-1", "\(answer):x", "a:b:c"] {
                let error = await #expect(throws: RPCError.self) { try await replay(harness, after: malformed, workspace: workspace) }
                #expect(error?.code == .invalidArgument, "\(malformed)")
            }
        }
    }

    @Test func anAnswerWhoseCallerWentAwayIsComposedAndReplayable() async throws {
        // The model answers slowly, so the caller is gone long before the answer is composed.
        let fake = FakeProvider { _ in
            .init(
                body: LLMUnderstandingTests.messagesStream(LLMUnderstandingTests.spendLastWeek),
                headers: ["content-type": "text/event-stream"], delay: .milliseconds(600))
        }
        try await fake.serve { url in
            try await CopilotHarness.with(llm: LLMUnderstandingTests.anthropic(url)) { harness in
                let workspace = UUID()
                try await harness.importRows(AskPipelineTests.rows(), workspace: workspace)
                let first = try await harness.inWorkspace(workspace) {
                    try await harness.copilot.ask(
                        .with {
                            $0.question = "spend last week"
                            $0.asOf = "2026-11-19T15:00:00Z"
                            $0.settings = .with {
                                $0.timezone = "UTC"
                                $0.currency = "USD"
                            }
                        }
                    ) { response -> Metricx_V1_AskEvent? in
                        // Only the first event; leaving the closure ends the call.
                        for try await event in response.messages { return event }
                        return nil
                    }
                }
                let stage = try #require(first)
                #expect(stage.stage == "understand")
                let rest = try await replay(harness, after: stage.eventID, workspace: workspace)
                let done = try #require(rest.answer, "the answer ended with \(String(describing: rest.last))")
                #expect(done.intent == "metric_value")
                #expect(done.result.data.totals.first?.value == 1_050)
                // The conversation was stored as for any answer.
                let conversation = try await harness.inWorkspace(workspace) {
                    try await harness.copilot.getConversation(.with { $0.id = done.conversationID })
                }
                #expect(conversation.messages.count == 2)
            }
        }
    }
}
