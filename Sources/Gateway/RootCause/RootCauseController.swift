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
    }

    /// `POST /rca/localize`: leaf rows as `text/csv`; the root causes, best first.
    @Sendable func localize(_ request: Request, context: GatewayContext) async throws -> LocalizeResultBody {
        _ = try context.requireAccess()
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("text/csv") || contentType.hasPrefix("application/csv") else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", "send the leaves as text/csv")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.localizeLimit {
            throw APIError.tooLarge(limit: Self.localizeLimit)
        }
        var bytes = Data()
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= Self.localizeLimit else {
                throw APIError.tooLarge(limit: Self.localizeLimit)
            }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
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
