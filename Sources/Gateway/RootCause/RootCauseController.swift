import Foundation
import Hummingbird
import MetricxProtos

/// Root-cause analysis: LineageSvc RPCs.
struct RootCauseController {
    /// A million leaves of a few short attributes.
    static let localizeLimit = 64 << 20

    let lineage: any Metricx_V1_LineageService.ClientProtocol

    func register(on routes: RouterGroup<GatewayContext>) {
        routes.post("rca/localize", use: localize)
        routes.post("rca/explain", use: explain)
    }

    /// `POST /rca/explain`: why a metric moved: its formula's decomposition, the dimension values
    /// that explain it, and the change events and anomalies that line up with it.
    @Sendable func explain(_ request: Request, context: GatewayContext) async throws -> ExplainResultBody {
        let access = try context.requireAccess()
        let body = try await StrictJSON.decode(ExplainBody.self, from: request)
        let response = try await lineage.explain(
            try body.proto(settings: MetricsController.settings(access)), options: .init(timeout: .seconds(60)))
        return ExplainResultBody(metric: body.metric.lowercased(), response)
    }

    /// `POST /rca/localize`: leaf rows as `text/csv`; the root causes, best first.
    @Sendable func localize(_ request: Request, context: GatewayContext) async throws -> LocalizeResultBody {
        _ = try context.requireAccess()
        let bytes = try await CSVUpload.collect(request, limit: Self.localizeLimit)
        let response = try await lineage.localize(.with { $0.csv = bytes })
        return LocalizeResultBody(response)
    }
}

/// DESIGN.md's answer: `{"root_causes": [{"elements": {...}, "score": ...}, ...]}`.
struct LocalizeResultBody: Encodable, ResponseEncodable, Sendable {
    struct Cause: Encodable, Sendable {
        var elements: [String: String]
        var score: Double
    }

    var rootCauses: [Cause]

    init(_ response: Metricx_V1_LocalizeResponse) {
        rootCauses = response.rootCauses.map { Cause(elements: $0.elements, score: $0.score) }
    }

    enum CodingKeys: String, CodingKey {
        case rootCauses = "root_causes"
    }
}
