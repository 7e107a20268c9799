import AsyncHTTPClient
import Foundation
import MetricxProtos
import MetricxRuntime
import NIOCore

/// Google Ads API `customers/<id>/googleAds:searchStream` with a GAQL query on `ad_group_ad`.
/// The answer is a JSON array of batches; int64 fields (`costMicros`, `clicks`, `impressions`)
/// arrive as strings. An error object inside the stream (or a `partialFailureError`) fails the pull
/// after the rows before it were emitted.
struct GoogleAdsConnector: Connector {
    struct Config: Sendable {
        var baseURL = "https://googleads.googleapis.com"
        var apiVersion = "v17"
        var developerToken = ""
        static let defaults = Config()
    }

    var config: Config = .defaults
    var http = ProviderHTTP()

    static func query(_ request: PullRequest) -> String {
        let hour = request.granularity == .hour ? ", segments.hour" : ""
        return """
            SELECT customer.id, customer.descriptive_name, campaign.id, campaign.name, campaign.status, \
            ad_group.id, ad_group.name, ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.status, segments.date\(hour), \
            metrics.cost_micros, metrics.clicks, metrics.impressions, metrics.conversions, metrics.conversions_value \
            FROM ad_group_ad WHERE segments.date BETWEEN '\(request.window.first)' AND '\(request.window.last)'
            """
    }

    func pull(_ request: PullRequest, emit: @Sendable (ConnectorPage) async throws -> Void) async throws {
        guard let token = request.credentials?.accessToken else {
            throw ConnectorError(.unauthorized, "Google Ads needs an access token: connect the account again")
        }
        guard !config.developerToken.isEmpty else {
            throw ConnectorError(.configuration, "GOOGLE_ADS_DEVELOPER_TOKEN is not set on this deployment")
        }
        let customer = request.connection.accountRef.filter { $0 != "-" }
        guard !customer.isEmpty, customer.allSatisfy(\.isNumber) else {
            throw ConnectorError(.configuration, "the Google Ads customer id must be a number like 123-456-7890")
        }
        let loginCustomer = request.connection.settings["login_customer_id"]?.filter { $0 != "-" }
        let body = try JSONSerialization.data(withJSONObject: ["query": Self.query(request)])
        let response = try await http.send(
            {
                var http = HTTPClientRequest(url: "\(config.baseURL)/\(config.apiVersion)/customers/\(customer)/googleAds:searchStream")
                http.method = .POST
                http.headers.add(name: "Authorization", value: "Bearer \(token)")
                http.headers.add(name: "developer-token", value: config.developerToken)
                if let loginCustomer, !loginCustomer.isEmpty { http.headers.add(name: "login-customer-id", value: loginCustomer) }
                http.headers.add(name: "Content-Type", value: "application/json")
                http.body = .bytes(ByteBuffer(data: body))
                return http
            }, provider: "Google Ads", classify: Self.classify)
        guard let batches = try response.json() as? [Any] else {
            throw ConnectorError(.badResponse, "Google Ads' searchStream answer is not a list of batches")
        }
        for case let batch as [String: Any] in batches {
            if let error = batch["error"] as? [String: Any] {
                throw ConnectorError(.rejected, "Google Ads stopped the report part-way: \(Self.message(error))")
            }
            let results = batch["results"] as? [[String: Any]] ?? []
            if !results.isEmpty { try await emit(try Self.page(results, request: request)) }
            if let partial = batch["partialFailureError"] as? [String: Any] {
                throw ConnectorError(.rejected, "Google Ads reported a partial failure: \(Self.message(partial))")
            }
        }
    }

    static func message(_ error: [String: Any]) -> String {
        for case let detail as [String: Any] in error["details"] as? [Any] ?? [] {
            for case let item as [String: Any] in detail["errors"] as? [Any] ?? [] {
                if let message = item.text("message") { return message }
            }
        }
        return error.text("message") ?? "unknown error"
    }

    static func classify(_ response: ProviderHTTP.Response) throws -> ProviderHTTP.Verdict {
        if (200..<300).contains(response.status) { return .done }
        let error =
            ((try? response.json()) as? [String: Any])?.object("error")
            ?? (((try? response.json()) as? [Any])?.first as? [String: Any])?.object("error") ?? [:]
        let status = error.text("status") ?? ""
        if response.status == 401 || status == "UNAUTHENTICATED" {
            return .fail(
                ConnectorError(.unauthorized, "Google rejected the access token (it expired or was revoked): reconnect the account"))
        }
        if response.status == 429 || status == "RESOURCE_EXHAUSTED" {
            return .retry(after: ProviderHTTP.retryAfter(response.headers) ?? retryDelay(error), reason: "Google Ads throttled the request")
        }
        if response.status >= 500 || status == "UNAVAILABLE" || status == "INTERNAL" {
            return .retry(after: nil, reason: "Google Ads had a temporary error")
        }
        if response.status == 403 || status == "PERMISSION_DENIED" {
            return .fail(ConnectorError(.rejected, "Google Ads denied access to the customer: \(message(error))"))
        }
        return .fail(ConnectorError(.rejected, "Google Ads rejected the request: \(message(error))"))
    }

    /// `details[].errors[].details.quotaErrorDetails.retryDelay` ("30s"), when present.
    static func retryDelay(_ error: [String: Any]) -> Duration? {
        for case let detail as [String: Any] in error["details"] as? [Any] ?? [] {
            for case let item as [String: Any] in detail["errors"] as? [Any] ?? [] {
                if let text = item.object("details").object("quotaErrorDetails").text("retryDelay"),
                    let seconds = Double(text.replacingOccurrences(of: "s", with: ""))
                {
                    return .milliseconds(Int(seconds * 1000))
                }
            }
        }
        return nil
    }

    static func page(_ results: [[String: Any]], request: PullRequest) throws -> ConnectorPage {
        var page = ConnectorPage()
        var seen = Set<String>()
        func entity(_ level: String, _ id: String?, _ name: String?, parent: String?, status: String? = nil) {
            guard let id, !id.isEmpty, seen.insert("\(level):\(id)").inserted else { return }
            page.entities.append(
                .with {
                    $0.provider = "google"
                    $0.level = level
                    $0.externalID = id
                    $0.name = name ?? ""
                    $0.parentExternalID = parent ?? ""
                    $0.status = status?.lowercased() ?? ""
                })
        }
        for result in results {
            let customer = result.object("customer")
            let campaign = result.object("campaign")
            let adGroup = result.object("adGroup")
            let adGroupAd = result.object("adGroupAd")
            let ad = adGroupAd.object("ad")
            let segments = result.object("segments")
            let metrics = result.object("metrics")
            guard let adID = ad.text("id"), let day = segments.text("date") else {
                throw ConnectorError(.badResponse, "a Google Ads row has no ad id or segments.date")
            }
            entity("account", customer.text("id"), customer.text("descriptiveName"), parent: nil)
            entity("campaign", campaign.text("id"), campaign.text("name"), parent: customer.text("id"), status: campaign.text("status"))
            entity("adset", adGroup.text("id"), adGroup.text("name"), parent: campaign.text("id"))
            entity("ad", adID, ad.text("name"), parent: adGroup.text("id"), status: adGroupAd.text("status"))
            let hour = request.granularity == .hour ? Int(segments.number("hour")) : 0
            guard let start = request.window.instant(day: day, hour: hour) else {
                throw ConnectorError(.badResponse, "a Google Ads row has an unreadable date \(day)")
            }
            guard start <= request.now else { continue }
            page.rows.append(
                .with {
                    $0.provider = "google"
                    $0.adExternalID = adID
                    $0.bucketStart = RFC3339.string(start)
                    $0.bucketWidth = request.granularity == .hour ? "hour" : "day"
                    $0.measures = .with {
                        $0.spend = metrics.number("costMicros") / 1_000_000
                        $0.clicks = metrics.number("clicks")
                        $0.impressions = metrics.number("impressions")
                        $0.conversions = metrics.number("conversions")
                        $0.revenue = metrics.number("conversionsValue")
                    }
                })
        }
        return page
    }
}
