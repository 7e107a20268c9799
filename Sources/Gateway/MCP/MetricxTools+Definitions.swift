import Foundation
import MCP

/// The tools as a client lists them: what each is for, when to use it, one example, and JSON
/// Schemas of its arguments and of its structured result.
extension MetricxTools {
    static let definitions: [Tool] = [
        tool(
            "list_metrics",
            "The metric catalog (spend, revenue, clicks, ... and ratios such as roas = revenue / spend) and the workspace's own "
                + "metrics, with formula, unit and description. Use it first to learn which metric names query_metrics accepts. "
                + "Example: {}",
            input:
                #"{"type":"object","properties":{"cursor":{"type":"string","description":"next_cursor of a previous answer"}},"additionalProperties":false}"#,
            output:
                #"{"type":"object","properties":{"definitions":{"type":"array","items":{"type":"object"}},"catalog_version":{"type":"integer"},"next_cursor":{"type":["string","null"]}},"required":["definitions"]}"#
        ),
        tool(
            "search_entities",
            "Providers, accounts, campaigns, ad sets and ads whose name contains a text (case-insensitive), with their ids and "
                + "provider. Use it to find the exact name to filter query_metrics by. Example: {\"text\": \"summer\", \"dimension\": \"campaign\"}",
            input:
                #"{"type":"object","properties":{"text":{"type":"string","minLength":1,"maxLength":200},"dimension":{"type":"string","enum":["provider","account","campaign","adset","ad"]},"cursor":{"type":"string"}},"required":["text"],"additionalProperties":false}"#,
            output:
                #"{"type":"object","properties":{"entities":{"type":"array","items":{"type":"object","properties":{"dimension":{"type":"string"},"id":{"type":"string"},"name":{"type":"string"},"provider":{"type":"string"}}}},"next_cursor":{"type":"string"},"note":{"type":"string"}},"required":["entities"]}"#
        ),
        tool(
            "query_metrics",
            "Exact numbers from the governed semantic layer: a SemanticQuery (metrics, time_range, filters, breakdown, comparison, "
                + "granularity) gives totals, comparison totals, a breakdown and a timeseries, exactly as POST /qa/semantic. Ratios are "
                + "ratios of sums; a ratio over zero is null. Prefer this over ask when you know what to compute. Example: "
                + "{\"metrics\": [\"spend\", \"roas\"], \"time_range\": {\"preset\": \"last_30_days\"}, \"breakdown\": {\"dimension\": \"provider\"}}",
            input: semanticQuerySchema,
            output:
                #"{"type":"object","properties":{"query":{"type":"object"},"resolved":{"type":"object"},"data":{"type":"object"},"next_cursor":{"type":"string"},"note":{"type":"string"}},"required":["query","resolved","data"]}"#
        ),
        tool(
            "ask",
            "A plain-English question to the metricx copilot; it answers with text, its intent, the query it ran and the data, or "
                + "asks back when a word is unknown (intent clarify). Use it for open questions. Example: {\"question\": \"Which campaign had the best ROAS last week?\"}",
            input:
                #"{"type":"object","properties":{"question":{"type":"string","minLength":1,"maxLength":2000},"conversation_id":{"type":"string"},"as_of":{"type":"string","description":"RFC 3339 instant standing in for now"}},"required":["question"],"additionalProperties":false}"#,
            output:
                #"{"type":"object","properties":{"answer":{"type":"string"},"intent":{"type":"string"},"query":{},"resolved":{},"data":{},"visual":{},"conversation_id":{"type":"string"}},"required":["answer","intent"]}"#
        ),
        tool(
            "explain_change",
            "Why a metric moved between two periods: its value and previous value, the split over its formula's inputs (Shapley "
                + "effects summing to the change) and the provider / campaign / ad set / ad segments that explain it, as POST /rca/explain. "
                + "A sum over a range that runs into today is explained over its whole days; the result's range says which days. "
                + "Example: {\"metric\": \"roas\", \"time_range\": {\"preset\": \"last_week\"}, \"comparison\": {\"type\": \"previous_period\"}}",
            input:
                #"{"type":"object","properties":{"metric":{"type":"string"},"time_range":\#(timeRangeSchema),"comparison":\#(comparisonSchema),"filters":\#(filtersSchema),"as_of":{"type":"string"}},"required":["metric"],"additionalProperties":false}"#,
            output:
                #"{"type":"object","properties":{"metric":{"type":"string"},"value":{},"previous":{},"decomposition":{},"root_causes":{}},"required":["metric"]}"#
        ),
        tool(
            "list_anomalies",
            "What the anomaly monitor found (metric, entity, when, expected vs observed, severity), newest first, as GET /anomalies. "
                + "Example: {\"since\": \"2026-11-01T00:00:00Z\", \"metric\": \"spend\", \"limit\": 10}",
            input:
                #"{"type":"object","properties":{"since":{"type":"string"},"until":{"type":"string"},"metric":{"type":"string"},"entity_key":{"type":"string"},"min_severity":{"type":"string","enum":["low","medium","high"]},"limit":{"type":"integer","minimum":1,"maximum":50},"cursor":{"type":"string"}},"additionalProperties":false}"#,
            output:
                #"{"type":"object","properties":{"items":{"type":"array","items":{"type":"object"}},"next_cursor":{"type":["string","null"]}},"required":["items"]}"#
        ),
        tool(
            "get_lineage",
            "A metric's lineage: what it is computed from (upstream: measures and source columns) and what is computed from it "
                + "(downstream: ratios and custom metrics). Use it to judge the blast radius of a data problem. Example: {\"metric\": \"spend\", \"direction\": \"downstream\"}",
            input:
                #"{"type":"object","properties":{"metric":{"type":"string"},"direction":{"type":"string","enum":["upstream","downstream","both"]},"depth":{"type":"integer","minimum":0,"maximum":20}},"required":["metric"],"additionalProperties":false}"#,
            output:
                #"{"type":"object","properties":{"metric":{"type":"string"},"upstream":{"type":"object"},"downstream":{"type":"object"}},"required":["metric"]}"#
        ),
    ]

    static let timeRangeSchema =
        #"{"type":"object","properties":{"preset":{"type":"string","enum":["today","yesterday","this_week","last_week","last_7_days","last_14_days","last_30_days","last_90_days","this_month","last_month","this_quarter","last_quarter","this_year","last_year"]},"start":{"type":"string","description":"YYYY-MM-DD"},"end":{"type":"string","description":"YYYY-MM-DD"}},"additionalProperties":false}"#
    static let comparisonSchema =
        #"{"type":"object","properties":{"type":{"type":"string","enum":["previous_period","year_over_year","custom"]},"start":{"type":"string"},"end":{"type":"string"}},"required":["type"],"additionalProperties":false}"#
    static let filtersSchema =
        #"{"type":"array","items":{"type":"object","properties":{"dimension":{"type":"string","enum":["provider","account","campaign","adset","ad"]},"op":{"type":"string","enum":["in","not_in","contains"]},"values":{"type":"array","items":{"type":"string"}}},"required":["dimension","values"],"additionalProperties":false}}"#
    static let semanticQuerySchema = #"""
        {"type":"object","properties":{
          "metrics":{"type":"array","items":{"type":"string"},"minItems":1},
          "time_range":\#(timeRangeSchema),
          "granularity":{"type":"string","enum":["15min","hour","day","week","month"]},
          "filters":\#(filtersSchema),
          "breakdown":{"type":"object","properties":{"dimension":{"type":"string","enum":["provider","account","campaign","adset","ad"]},"limit":{"type":"integer","minimum":1},"order_by":{"type":"string"},"order":{"type":"string","enum":["asc","desc"]}},"required":["dimension"],"additionalProperties":false},
          "comparison":\#(comparisonSchema),
          "include_timeseries":{"type":"boolean"},
          "as_of":{"type":"string","description":"RFC 3339 instant standing in for now"},
          "cursor":{"type":"string","description":"next_cursor of a previous answer"}
        },"required":["metrics"],"additionalProperties":false}
        """#

    private static func tool(_ name: String, _ description: String, input: String, output: String) -> Tool {
        Tool(
            name: name, description: description, inputSchema: schema(input),
            annotations: .init(readOnlyHint: true, openWorldHint: false), outputSchema: schema(output))
    }

    private static func schema(_ json: String) -> Value {
        // The schemas are literals of this file: a malformed one is a programming error caught by the tests.
        (try? JSONDecoder().decode(Value.self, from: Data(json.utf8))) ?? .object([:])
    }
}
