import Hummingbird
import MetricxProtos

/// Cursor pagination on list routes: `?limit=1..100&cursor=<opaque>`; responses carry
/// `next_cursor` (null on the last page).
struct PageQuery: Sendable {
    var limit: Int
    var cursor: String?

    init(_ request: Request, defaultLimit: Int = 20) throws {
        let query = request.uri.queryParameters
        if let text = query.get("limit") {
            guard let limit = Int(text), (1...100).contains(limit) else {
                throw APIError.badRequest("limit must be a whole number from 1 to 100", field: "limit")
            }
            self.limit = limit
        } else {
            self.limit = defaultLimit
        }
        self.cursor = query.get("cursor").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The page request an RPC takes: the limit, and the cursor as its page token.
    var proto: Metricx_V1_PageRequest {
        .with {
            $0.pageSize = Int32(limit)
            $0.pageToken = cursor ?? ""
        }
    }
}

extension Metricx_V1_PageInfo {
    /// The `next_cursor` of a response: the next page's token, nil on the last page.
    var nextCursor: String? { nextPageToken.isEmpty ? nil : nextPageToken }
}

struct Page<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// A page from `fetched`, which holds up to one item more than `limit`: that extra item
    /// only says there is a next page, which starts after the last item shown.
    init(fetched: [Item], limit: Int, cursor: KeyPath<Item, String>) {
        self.items = Array(fetched.prefix(limit))
        self.nextCursor = fetched.count > limit ? items.last?[keyPath: cursor] : nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor) // explicit null on the last page
    }
}

extension Page: Decodable where Item: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.items = try container.decode([Item].self, forKey: .items)
        self.nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
    }
}
