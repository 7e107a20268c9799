import AsyncHTTPClient
import Foundation
import MetricxProtos
import MetricxRuntime
import NIOCore

/// Shopify Admin GraphQL `orders`, paged by cursor, throttled by the cost the answer reports
/// (`extensions.cost.throttleStatus`). Orders become store revenue attributed to the campaign their
/// landing page's UTM parameters name: entities `shopify` account (the shop) -> campaign
/// (`utm_campaign`) -> adset (`utm_source`) -> ad (the pair), "(none)" when a visit carried no UTM.
///
/// Orders of a bucket are summed, so the pages are gathered before anything is emitted: a bucket
/// emitted half-counted would replace a complete one.
struct ShopifyConnector: Connector {
    struct Config: Sendable {
        /// `{shop}` is replaced with the shop domain.
        var baseURL = "https://{shop}"
        var apiVersion = "2024-10"
        var pageSize = 100
        static let defaults = Config()
    }

    var config: Config = .defaults
    var http = ProviderHTTP()

    static let query = """
        query Orders($first: Int!, $after: String, $query: String) {
          orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
            edges { node {
              id createdAt cancelledAt test
              currentTotalPriceSet { shopMoney { amount currencyCode } }
              customerJourneySummary { lastVisit { landingPage utmParameters { source campaign } } }
            } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """

    func pull(_ request: PullRequest, emit: @Sendable (ConnectorPage) async throws -> Void) async throws {
        guard let token = request.credentials?.accessToken else {
            throw ConnectorError(.unauthorized, "Shopify needs an access token: connect the store again")
        }
        let shop = request.connection.accountRef.lowercased()
        guard shop.hasSuffix(".myshopify.com"), shop.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else {
            throw ConnectorError(.configuration, "the shop must be a domain like my-store.myshopify.com")
        }
        guard let (start, end) = request.window.bounds else { throw ConnectorError(.configuration, "the sync window is invalid") }
        let search = "created_at:>='\(RFC3339.string(start))' created_at:<'\(RFC3339.string(end))'"
        var totals = OrderTotals(shop: shop, request: request)
        var after: String?
        repeat {
            let variables: [String: Any] = ["first": config.pageSize, "after": after ?? NSNull(), "query": search]
            let body = try JSONSerialization.data(withJSONObject: ["query": Self.query, "variables": variables])
            let response = try await http.send(
                {
                    let base = config.baseURL.replacingOccurrences(of: "{shop}", with: shop)
                    var http = HTTPClientRequest(url: "\(base)/admin/api/\(config.apiVersion)/graphql.json")
                    http.method = .POST
                    http.headers.add(name: "X-Shopify-Access-Token", value: token)
                    http.headers.add(name: "Content-Type", value: "application/json")
                    http.body = .bytes(ByteBuffer(data: body))
                    return http
                }, provider: "Shopify", classify: Self.classify)
            guard let object = try response.json() as? [String: Any] else {
                throw ConnectorError(.badResponse, "Shopify's answer is not a JSON object")
            }
            let orders = object.object("data").object("orders")
            guard let edges = orders["edges"] as? [[String: Any]] else {
                throw ConnectorError(.badResponse, "Shopify's answer has no orders")
            }
            for edge in edges { totals.add(edge.object("node")) }
            let pageInfo = orders.object("pageInfo")
            after = (pageInfo["hasNextPage"] as? Bool ?? false) ? pageInfo.text("endCursor") : nil
        } while after != nil
        try await emit(totals.page)
    }

    static func classify(_ response: ProviderHTTP.Response) throws -> ProviderHTTP.Verdict {
        if response.status == 401 || response.status == 403 {
            return .fail(
                ConnectorError(
                    .unauthorized, "Shopify rejected the access token (the app was uninstalled or the token revoked): reconnect the store"))
        }
        if response.status == 429 {
            return .retry(after: ProviderHTTP.retryAfter(response.headers), reason: "Shopify throttled the request")
        }
        if response.status >= 500 { return .retry(after: nil, reason: "Shopify had a temporary error") }
        guard (200..<300).contains(response.status) else {
            return .fail(ConnectorError(.rejected, "Shopify rejected the request (HTTP \(response.status))"))
        }
        let object = (try? response.json()) as? [String: Any] ?? [:]
        guard let errors = object["errors"] as? [[String: Any]], !errors.isEmpty else { return .done }
        if errors.contains(where: { $0.object("extensions").text("code") == "THROTTLED" }) {
            let cost = object.object("extensions").object("cost")
            let status = cost.object("throttleStatus")
            let missing = cost.number("requestedQueryCost") - status.number("currentlyAvailable")
            let rate = status.number("restoreRate")
            let wait: Duration? = rate > 0 && missing > 0 ? .milliseconds(Int(missing / rate * 1000) + 50) : nil
            return .retry(after: wait, reason: "Shopify throttled the query")
        }
        let message = errors.compactMap { $0.text("message") }.joined(separator: "; ")
        return .fail(ConnectorError(.rejected, "Shopify rejected the query: \(message)"))
    }
}

/// Orders summed per (utm source, utm campaign, bucket).
struct OrderTotals {
    let shop: String
    let request: PullRequest
    private var sums: [Key: (revenue: Double, orders: Double)] = [:]
    private var order: [Key] = []

    struct Key: Hashable {
        var source: String
        var campaign: String
        var bucket: Date
    }

    init(shop: String, request: PullRequest) {
        self.shop = shop
        self.request = request
    }

    mutating func add(_ order: [String: Any]) {
        guard order["cancelledAt"] == nil || order["cancelledAt"] is NSNull, !(order["test"] as? Bool ?? false),
            let text = order.text("createdAt"), let created = RFC3339.date(text)
        else { return }
        let amount = order.object("currentTotalPriceSet").object("shopMoney").number("amount")
        let visit = order.object("customerJourneySummary").object("lastVisit")
        let (source, campaign) = Self.utm(visit)
        let key = Key(source: source, campaign: campaign, bucket: bucket(created))
        if sums[key] == nil { self.order.append(key) }
        sums[key, default: (0, 0)].revenue += amount
        sums[key, default: (0, 0)].orders += 1
    }

    /// `utmParameters` when Shopify parsed them, else the landing page's query string.
    static func utm(_ visit: [String: Any]) -> (source: String, campaign: String) {
        let parsed = visit.object("utmParameters")
        var source = parsed.text("source")
        var campaign = parsed.text("campaign")
        if source == nil || campaign == nil, let page = visit.text("landingPage"), let items = URLComponents(string: page)?.queryItems {
            source = source ?? items.first { $0.name == "utm_source" }?.value
            campaign = campaign ?? items.first { $0.name == "utm_campaign" }?.value
        }
        func clean(_ text: String?) -> String {
            let value = text?.trimmingCharacters(in: .whitespaces) ?? ""
            return value.isEmpty ? "(none)" : String(value.prefix(200))
        }
        return (clean(source).lowercased(), clean(campaign))
    }

    private func bucket(_ date: Date) -> Date {
        let calendar = request.window.calendar
        if request.granularity == .day { return calendar.startOfDay(for: date) }
        return calendar.dateInterval(of: .hour, for: date)?.start ?? date
    }

    var page: ConnectorPage {
        var page = ConnectorPage()
        page.entities.append(
            .with {
                $0.provider = "shopify"
                $0.level = "account"
                $0.externalID = shop
                $0.name = shop
            })
        var seen = Set<String>()
        for key in order {
            let campaignID = "utm:\(key.campaign)"
            let adsetID = "utm:\(key.campaign)|\(key.source)"
            if seen.insert(adsetID).inserted {
                if seen.insert(campaignID).inserted {
                    page.entities.append(
                        .with {
                            $0.provider = "shopify"
                            $0.level = "campaign"
                            $0.externalID = campaignID
                            $0.name = key.campaign
                            $0.parentExternalID = shop
                        })
                }
                page.entities.append(
                    .with {
                        $0.provider = "shopify"
                        $0.level = "adset"
                        $0.externalID = adsetID
                        $0.name = key.source
                        $0.parentExternalID = campaignID
                    })
                page.entities.append(
                    .with {
                        $0.provider = "shopify"
                        $0.level = "ad"
                        $0.externalID = adsetID
                        $0.name = "\(key.source) / \(key.campaign)"
                        $0.parentExternalID = adsetID
                    })
            }
            guard key.bucket <= request.now, let sum = sums[key] else { continue }
            page.rows.append(
                .with {
                    $0.provider = "shopify"
                    $0.adExternalID = adsetID
                    $0.bucketStart = RFC3339.string(key.bucket)
                    $0.bucketWidth = request.granularity == .hour ? "hour" : "day"
                    $0.measures = .with {
                        $0.revenue = sum.revenue
                        $0.purchases = sum.orders
                        $0.conversions = sum.orders
                    }
                })
        }
        return page
    }
}
