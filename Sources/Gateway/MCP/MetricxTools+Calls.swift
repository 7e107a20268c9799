import Foundation
import GRPCCore
import MCP
import MetricxProtos

/// Each tool: the REST route's request built from the arguments, the same RPC, the same body.
extension MetricxTools {
    func listMetrics(_ arguments: ToolArguments, caller: Caller) async throws -> ToolOutput {
        let lineage = try require(self.lineage, "the metric catalog")
        let cursor = try arguments.string("cursor") ?? ""
        let response = try await lineage.listMetricDefinitions(
            .with {
                $0.includeBuiltin = true
                $0.page = .with {
                    $0.pageSize = Int32(ToolOutput.maximumRows)
                    $0.pageToken = cursor
                }
            })
        let body = DefinitionListBody(
            definitions: response.definitions.map(DefinitionBody.init), catalogVersion: response.catalogVersion,
            nextCursor: response.page.nextCursor)
        let names = response.definitions.map { $0.name + ($0.formula.isEmpty ? "" : " = \($0.formula)") }
        return try .encoding(body, text: "Metrics: " + names.joined(separator: "; ") + ".")
    }

    func searchEntities(_ arguments: ToolArguments, caller: Caller) async throws -> ToolOutput {
        let metrics = try require(self.metrics, "the metrics service")
        let text = (try arguments.string("text") ?? "").trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(text.count) else {
            throw APIError.invalid("give 1 to 200 characters of a name to look for", field: "text")
        }
        let dimension = try arguments.string("dimension")
        let levels = ["provider", "account", "campaign", "adset", "ad"]
        if let dimension, !levels.contains(dimension) {
            throw APIError.invalid("must be one of \(levels.joined(separator: ", "))", field: "dimension")
        }
        let needle = text.lowercased()
        var found: [EntityMatch] = []
        var providers = Set<String>()
        var token = ""
        var scanned = 0
        // Names are matched here rather than in SQL: a workspace's entities are read a page at a time,
        // and at most 200,000 of them, so a search stays bounded.
        repeat {
            let page = try await metrics.listEntities(
                .with {
                    if let dimension, dimension != "provider" { $0.level = dimension }
                    $0.page = .with {
                        $0.pageSize = 5_000
                        $0.pageToken = token
                    }
                })
            for record in page.entities {
                let entity = record.entity
                if dimension == nil || dimension == "provider", entity.provider.lowercased().contains(needle),
                    providers.insert(entity.provider).inserted
                {
                    found.append(EntityMatch(dimension: "provider", id: entity.provider, name: entity.provider, provider: entity.provider))
                }
                if dimension != "provider", entity.name.lowercased().contains(needle) || entity.externalID.lowercased() == needle {
                    found.append(EntityMatch(dimension: entity.level, id: record.key, name: entity.name, provider: entity.provider))
                }
            }
            scanned += page.entities.count
            token = page.page.nextPageToken
        } while !token.isEmpty && scanned < 200_000
        var output = try ToolOutput.encoding(
            EntitySearchBody(entities: found),
            text: found.isEmpty
                ? "Nothing is named like “\(text)”."
                : "\(found.count) match“\(text)”: "
                    + found.prefix(10).map { "\($0.name) (\($0.dimension), \($0.provider))" }.joined(separator: "; ")
                    + (found.count > 10 ? "; …" : "") + ".")
        try output.page("entities", cursor: arguments.string("cursor"))
        return output
    }

    func queryMetrics(_ arguments: ToolArguments, caller: Caller) async throws -> ToolOutput {
        let metrics = try require(self.metrics, "the metrics service")
        let body = try StrictJSON.decode(SemanticQueryBody.self, from: arguments.body())
        let result = try await metrics.query(
            .with {
                $0.settings = MetricsController.settings(caller.access)
                $0.query = try body.proto()
                $0.asOf = body.asOf ?? ""
            })
        let totals = result.data.totals.map { "\($0.metric) \($0.hasValue ? String($0.value) : "null")" }.joined(separator: ", ")
        var output = try ToolOutput.encoding(
            QueryResultBody(result: result),
            text: "\(result.resolved.range.start) to \(result.resolved.range.end): \(totals.isEmpty ? "no totals" : totals).")
        // The rows live under `data`: page the longer of the breakdown and the timeseries.
        if case .object(var data)? = output.structured["data"] {
            var inner = ToolOutput(structured: data, text: "")
            let cursor = try arguments.string("cursor")
            try inner.page("breakdown", cursor: cursor)
            try inner.page("timeseries", cursor: cursor)
            data = inner.structured
            for key in ["next_cursor", "note"] {
                if let value = data.removeValue(forKey: key) { output.structured[key] = value }
            }
            output.structured["data"] = .object(data)
        }
        return output
    }

    func ask(_ arguments: ToolArguments, caller: Caller) async throws -> ToolOutput {
        let copilot = try require(self.copilot, "the copilot")
        let body = try StrictJSON.decode(AskBody.self, from: arguments.body())
        let request = try body.proto(settings: MetricsController.settings(caller.access))
        let answer = try await CopilotController.answer(request, copilot: copilot)
        return try .encoding(AnswerBody(answer: answer), text: answer.answer)
    }

    func explainChange(_ arguments: ToolArguments, caller: Caller) async throws -> ToolOutput {
        let lineage = try require(self.lineage, "root-cause analysis")
        let body = try StrictJSON.decode(ExplainBody.self, from: arguments.body())
        let response = try await lineage.explain(
            try body.proto(settings: MetricsController.settings(caller.access)), options: .init(timeout: .seconds(60)))
        let causes = response.rootCauses.prefix(3).map { cause in
            cause.elements.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " & ")
        }
        let text =
            "\(body.metric): \(response.previous) → \(response.value) (\(response.resolved.comparison.start)…\(response.resolved.comparison.end) vs "
            + "\(response.resolved.range.start)…\(response.resolved.range.end)). "
            + (causes.isEmpty ? "No single segment explains the change." : "Top root causes: \(causes.joined(separator: "; ")).")
        return try .encoding(ExplainResultBody(metric: body.metric.lowercased(), response), text: text)
    }

    func listAnomalies(_ arguments: ToolArguments, caller: Caller) async throws -> ToolOutput {
        let metrics = try require(self.metrics, "the anomaly monitor")
        let allowed: Set<String> = ["since", "until", "metric", "entity_key", "min_severity", "limit", "cursor"]
        if let unknown = arguments.values.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.invalid("unknown field", field: unknown)
        }
        let limit = try arguments.int("limit") ?? 20
        guard (1...ToolOutput.maximumRows).contains(limit) else {
            throw APIError.invalid("must be 1 to \(ToolOutput.maximumRows)", field: "limit")
        }
        let cursor = try arguments.string("cursor") ?? ""
        let response = try await metrics.listAnomalies(
            .with {
                $0.since = try arguments.string("since") ?? ""
                $0.until = try arguments.string("until") ?? ""
                $0.metric = try arguments.string("metric") ?? ""
                $0.entityKey = try arguments.string("entity_key") ?? ""
                $0.minSeverity = try arguments.string("min_severity") ?? ""
                $0.page = .with {
                    $0.pageSize = Int32(limit)
                    $0.pageToken = cursor
                }
            })
        let page = Page(items: response.anomalies.map(AnomalyBody.init), nextCursor: response.page.nextCursor)
        let text =
            response.anomalies.isEmpty
            ? "No anomalies match."
            : "\(response.anomalies.count) anomalies" + (response.page.nextCursor != nil ? " (more with the cursor)" : "") + "."
        return try .encoding(page, text: text)
    }

    func lineage(_ arguments: ToolArguments, caller: Caller) async throws -> ToolOutput {
        let lineage = try require(self.lineage, "the lineage graph")
        guard let metric = try arguments.string("metric")?.trimmingCharacters(in: .whitespaces), !metric.isEmpty else {
            throw APIError.invalid("name a metric, e.g. roas", field: "metric")
        }
        let direction = try arguments.string("direction") ?? "both"
        guard ["upstream", "downstream", "both"].contains(direction) else {
            throw APIError.invalid("must be upstream, downstream or both", field: "direction")
        }
        let depth = try arguments.int("depth") ?? 0
        guard (0...20).contains(depth) else { throw APIError.invalid("must be 0 (unbounded) to 20", field: "depth") }
        let node = metric.contains(":") ? metric : "metric:\(metric.lowercased())"
        var graphs: [String: GraphBody] = [:]
        for way in direction == "both" ? ["upstream", "downstream"] : [direction] {
            graphs[way] = GraphBody(
                try await lineage.traverse(
                    .with {
                        $0.node = node
                        $0.direction = way
                        $0.depth = Int32(depth)
                    }))
        }
        let text = graphs.keys.sorted().map { "\($0): \(graphs[$0]!.nodes.map(\.id).filter { $0 != node }.joined(separator: ", "))" }
            .joined(separator: "; ")
        return try .encoding(LineageToolBody(metric: node, upstream: graphs["upstream"], downstream: graphs["downstream"]), text: text)
    }
}

/// One entity found by `search_entities`.
struct EntityMatch: Encodable, Sendable {
    var dimension: String
    var id: String
    var name: String
    var provider: String
}

struct EntitySearchBody: Encodable, Sendable {
    var entities: [EntityMatch]
}

struct LineageToolBody: Encodable, Sendable {
    var metric: String
    var upstream: GraphBody?
    var downstream: GraphBody?
}
