import Foundation

/// Meta insights rows as the API sends them: numbers as strings, actions with duplicate types.
enum MetaFixtures {
    static func row(ad: Int, day: String, spend: String, purchases: String, revenue: String) -> String {
        """
        {"account_id":"111","account_name":"Shop","campaign_id":"c\(ad % 2)","campaign_name":"Campaign \(ad % 2)",
         "adset_id":"s\(ad)","adset_name":"Set \(ad)","ad_id":"ad\(ad)","ad_name":"Ad \(ad)",
         "spend":"\(spend)","impressions":"1000","clicks":"50",
         "actions":[{"action_type":"purchase","value":"\(purchases)"},{"action_type":"omni_purchase","value":"\(purchases)"},
                    {"action_type":"offsite_conversion.fb_pixel_purchase","value":"\(purchases)"},{"action_type":"link_click","value":"50"},
                    {"action_type":"lead","value":"1"}],
         "action_values":[{"action_type":"purchase","value":"\(revenue)"},{"action_type":"omni_purchase","value":"\(revenue)"}],
         "date_start":"\(day)","date_stop":"\(day)"}
        """
    }

    /// Five rows over three pages of two (the `after` cursor is the page number).
    static func page(_ after: String?, days: [String]) -> String {
        let rows = (0..<5).map { row(ad: $0, day: days[$0 % days.count], spend: "10.50", purchases: "2", revenue: "80.25") }
        let page = Int(after ?? "0") ?? 0
        let slice = rows[(page * 2)..<min(page * 2 + 2, rows.count)]
        let next =
            page * 2 + 2 < rows.count
            ? #","paging":{"cursors":{"before":"b","after":"\#(page + 1)"},"next":"https://graph.facebook.com/next"}"#
            : #","paging":{"cursors":{"before":"b","after":"\#(page + 1)"}}"#
        return #"{"data":[\#(slice.joined(separator: ","))]\#(next)}"#
    }
}
