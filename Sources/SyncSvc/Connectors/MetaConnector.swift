import AsyncHTTPClient
import Foundation
import MetricxProtos
import MetricxRuntime
import NIOHTTP1

/// Meta Marketing API Insights (`GET /<version>/act_<id>/insights`) at ad level, one row per ad
/// and day (`time_increment=1`) or per ad and hour (the advertiser-time-zone hourly breakdown),
/// following `paging.cursors.after` until there is no `paging.next`.
struct MetaConnector: Connector {
    struct Config: Sendable {
        var baseURL = "https://graph.facebook.com"
        var apiVersion = "v21.0"
        var pageSize = 500
        static let defaults = Config()
    }

    var config: Config = .defaults
    var http = ProviderHTTP()

    static let fields = [
        "account_id", "account_name", "campaign_id", "campaign_name", "adset_id", "adset_name", "ad_id", "ad_name",
        "spend", "impressions", "clicks", "actions", "action_values",
    ].joined(separator: ",")
    static let hourlyBreakdown = "hourly_stats_aggregated_by_advertiser_time_zone"

    func pull(_ request: PullRequest, emit: @Sendable (ConnectorPage) async throws -> Void) async throws {
        guard let token = request.credentials?.accessToken else {
            throw ConnectorError(.unauthorized, "Meta needs an access token: connect the account again")
        }
        let account =
            request.connection.accountRef.hasPrefix("act_")
            ? String(request.connection.accountRef.dropFirst(4)) : request.connection.accountRef
        guard !account.isEmpty, account.allSatisfy(\.isNumber) else {
            throw ConnectorError(.configuration, "the Meta ad account id must be a number (act_<id>)")
        }
        var after: String?
        repeat {
            let response = try await http.send(
                { try makeRequest(account: account, token: token, request: request, after: after) },
                provider: "Meta", classify: Self.classify)
            guard let body = try response.json() as? [String: Any], let data = body["data"] as? [[String: Any]] else {
                throw ConnectorError(.badResponse, "Meta's insights answer has no data list")
            }
            try await emit(try Self.page(data, request: request))
            let paging = body.object("paging")
            after = paging["next"] == nil ? nil : paging.object("cursors").text("after")
        } while after != nil
    }

    private func makeRequest(account: String, token: String, request: PullRequest, after: String?) throws -> HTTPClientRequest {
        var components = URLComponents(string: "\(config.baseURL)/\(config.apiVersion)/act_\(account)/insights")
        var items = [
            URLQueryItem(name: "level", value: "ad"),
            URLQueryItem(name: "fields", value: Self.fields),
            URLQueryItem(name: "time_range", value: #"{"since":"\#(request.window.first)","until":"\#(request.window.last)"}"#),
            URLQueryItem(name: "time_increment", value: "1"),
            URLQueryItem(name: "limit", value: String(config.pageSize)),
        ]
        if request.granularity == .hour { items.append(URLQueryItem(name: "breakdowns", value: Self.hourlyBreakdown)) }
        if let after { items.append(URLQueryItem(name: "after", value: after)) }
        components?.queryItems = items
        guard let url = components?.url else { throw ConnectorError(.configuration, "META_API_BASE_URL is not a valid URL") }
        var http = HTTPClientRequest(url: url.absoluteString)
        // A header, not the access_token parameter, so that the token never lands in a URL log.
        http.headers.add(name: "Authorization", value: "Bearer \(token)")
        return http
    }

    // MARK: - Errors and throttling

    /// Meta's throttling codes: app, user, page-level and ads-insights rate limits.
    static let throttleCodes: Set<Int> = [4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014]

    static func classify(_ response: ProviderHTTP.Response) throws -> ProviderHTTP.Verdict {
        if (200..<300).contains(response.status) { return .done }
        let usage = BusinessUseCaseUsage(response.headers)
        let error = ((try? response.json()) as? [String: Any])?.object("error") ?? [:]
        let code = Int(error.number("code"))
        let message = error.text("message") ?? "HTTP \(response.status)"
        if code == 190 || code == 102 || response.status == 401 {
            return .fail(ConnectorError(.unauthorized, "Meta rejected the access token (it expired or was revoked): reconnect the account"))
        }
        if throttleCodes.contains(code) || response.status == 429 {
            return .retry(
                after: usage.wait ?? ProviderHTTP.retryAfter(response.headers), reason: "Meta throttled the request (code \(code))")
        }
        if response.status >= 500 || code == 1 || code == 2 {
            return .retry(after: nil, reason: "Meta had a temporary error")
        }
        if code == 10 || (200...299).contains(code) {
            return .fail(ConnectorError(.rejected, "Meta denied access to the ad account (\(message))"))
        }
        return .fail(ConnectorError(.rejected, "Meta rejected the request: \(message)"))
    }

    // MARK: - Rows

    static func page(_ data: [[String: Any]], request: PullRequest) throws -> ConnectorPage {
        var page = ConnectorPage()
        var seen = Set<String>()
        func entity(_ level: String, _ id: String?, _ name: String?, parent: String?) {
            guard let id, !id.isEmpty, seen.insert("\(level):\(id)").inserted else { return }
            page.entities.append(
                .with {
                    $0.provider = "meta"
                    $0.level = level
                    $0.externalID = id
                    $0.name = name ?? ""
                    $0.parentExternalID = parent ?? ""
                })
        }
        for item in data {
            guard let adID = item.text("ad_id"), let day = item.text("date_start") else {
                throw ConnectorError(.badResponse, "a Meta insights row has no ad_id or date_start")
            }
            let accountID = item.text("account_id").map { "act_\($0)" }
            entity("account", accountID, item.text("account_name"), parent: nil)
            entity("campaign", item.text("campaign_id"), item.text("campaign_name"), parent: accountID)
            entity("adset", item.text("adset_id"), item.text("adset_name"), parent: item.text("campaign_id"))
            entity("ad", adID, item.text("ad_name"), parent: item.text("adset_id"))

            var hour = 0
            if request.granularity == .hour {
                guard let slot = item.text(hourlyBreakdown), let parsed = Int(slot.prefix(2)) else {
                    throw ConnectorError(.badResponse, "a Meta hourly row has no \(hourlyBreakdown)")
                }
                hour = parsed
            }
            guard let start = request.window.instant(day: day, hour: hour) else {
                throw ConnectorError(.badResponse, "a Meta row has an unreadable date \(day)")
            }
            guard start <= request.now else { continue }
            let actions = MetaActions(item["actions"])
            let values = MetaActions(item["action_values"])
            page.rows.append(
                .with {
                    $0.provider = "meta"
                    $0.adExternalID = adID
                    $0.bucketStart = RFC3339.string(start)
                    $0.bucketWidth = request.granularity == .hour ? "hour" : "day"
                    $0.measures = .with {
                        $0.spend = item.number("spend")
                        $0.impressions = item.number("impressions")
                        $0.clicks = item.number("clicks")
                        $0.purchases = actions.value(MetaActions.purchase)
                        $0.leads = actions.value(MetaActions.lead)
                        $0.installs = actions.value(MetaActions.install)
                        $0.visitors = actions.value(MetaActions.landingPageView)
                        $0.conversions = $0.purchases + $0.leads + $0.installs
                        $0.revenue = values.value(MetaActions.purchase)
                    }
                })
        }
        return page
    }
}

/// The `X-Business-Use-Case-Usage` header: per business, the share of each rate limit used and
/// the minutes until access returns once throttled.
struct BusinessUseCaseUsage {
    /// How long Meta says to wait; nil when it did not say.
    var wait: Duration?

    init(_ headers: HTTPHeaders) {
        guard let text = headers.first(name: "X-Business-Use-Case-Usage"),
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { return }
        var minutes = 0.0
        for case let entries as [[String: Any]] in object.values {
            for entry in entries { minutes = max(minutes, entry.number("estimated_time_to_regain_access")) }
        }
        if minutes > 0 { wait = .seconds(minutes * 60) }
    }
}

/// Meta reports one result under several action types (`purchase`, `omni_purchase`, the pixel's
/// and the app's own); summing them would count a purchase two or three times. Each measure takes
/// the first type present from a list, most inclusive first.
struct MetaActions {
    static let purchase = [
        "omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase", "onsite_web_purchase", "app_custom_event.fb_mobile_purchase",
    ]
    static let lead = ["lead", "onsite_conversion.lead_grouped", "offsite_conversion.fb_pixel_lead", "leadgen_grouped"]
    static let install = ["omni_app_install", "mobile_app_install", "app_install"]
    static let landingPageView = ["omni_landing_page_view", "landing_page_view"]

    private var byType: [String: Double] = [:]

    init(_ raw: Any?) {
        for case let entry as [String: Any] in raw as? [Any] ?? [] {
            guard let type = entry.text("action_type") else { continue }
            byType[type] = entry.number("value")
        }
    }

    func value(_ types: [String]) -> Double {
        for type in types { if let value = byType[type] { return value } }
        return 0
    }
}
