import Foundation
import MetricxProtos
import Testing

@testable import Gateway

@Suite struct ConversationBodyTests {
    /// Queries are stored as protobuf JSON (camelCase); the API shows them as DESIGN.md's
    /// SemanticQuery, in snake_case.
    @Test func aStoredQueryIsShownInTheAPIsSpelling() throws {
        let conversation = Metricx_V1_Conversation.with {
            $0.id = "c1"
            $0.messages = [
                .with {
                    $0.role = "user"
                    $0.text = "top campaigns"
                },
                .with {
                    $0.role = "assistant"
                    $0.intent = "rank"
                    $0.queryJson =
                        #"{"metrics":["spend"],"timeRange":{"preset":"last_7_days"},"breakdown":{"dimension":"campaign","limit":5,"orderBy":"spend"},"includeTimeseries":true}"#
                },
                .with {
                    $0.role = "assistant"
                    $0.queryJson = "not json"
                },
            ]
        }
        let data = try JSONEncoder().encode(ConversationBody(conversation, withMessages: true))
        let body = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages[0]["query"] == nil || messages[0]["query"] is NSNull)
        let query = try #require(messages[1]["query"] as? [String: Any])
        #expect((query["time_range"] as? [String: String]) == ["preset": "last_7_days"])
        #expect((query["breakdown"] as? [String: Any])?["order_by"] as? String == "spend")
        #expect(query["include_timeseries"] as? Bool == true)
        #expect(query["timeRange"] == nil && query["includeTimeseries"] == nil)
        #expect(messages[2]["query"] == nil || messages[2]["query"] is NSNull, "an unreadable query is left out, not passed through")
    }
}
