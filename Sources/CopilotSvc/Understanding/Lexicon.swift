/// The words people use for metrics, providers and dimensions, mapped to the catalog's names.
/// Phrases are matched longest first, so "cost per click" is CPC and never spend + clicks.
enum Lexicon {
    /// The count measures a cost can be "per", with the cost ratio that divides spend by each
    /// ("per conversion" after "cheapest" is CPA) and the words for one of them.
    static let perUnit: [(ratio: String, words: [String])] = [
        ("cpc", ["click", "clicks"]),
        (
            "cpa",
            [
                "conversion", "conversions", "acquisition", "acquisitions", "action", "result", "results", "conv", "customer",
                "signup conversion",
            ]
        ),
        ("cpl", ["lead", "leads", "signup", "sign up"]),
        ("cpi", ["install", "installs", "installation", "download", "downloads", "app install"]),
        ("cpp", ["purchase", "purchases", "order", "orders", "sale", "transaction"]),
        ("cpm", ["thousand impressions", "1000 impressions", "mille", "thousand", "1000", "1k impressions", "m impressions"]),
    ]

    static let metricPhrases: [(phrase: String, metric: String)] = {
        var table: [String: [String]] = [
            "cpc": ["cpc", "cpcs", "ppc cost", "cost of a click", "cost of each click"],
            "cpm": ["cpm", "cpms"],
            "cpa": [
                "cpa", "cpas", "cac", "acquisition cost", "customer acquisition cost", "cost to acquire", "cost per customer",
                // Google Ads' column "Cost / conv.", split at the slash.
                "cost conv", "cost per conv",
            ],
            "cpl": ["cpl"],
            "cpi": ["cpi"],
            "cpp": ["cpp"],
            "roas": [
                "roas", "return on ad spend", "return on advertising spend", "return on spend", "return on ads spend", "return on ad spent",
                // "how much did I get back for every dollar I put into ads": revenue per dollar spent.
                "back for every dollar", "back per dollar", "return per dollar", "return for every dollar", "revenue per dollar",
                "revenue for every dollar", "per dollar spent", "for every dollar spent", "per dollar of ad spend",
                "for every dollar i spend",
                "for every dollar we spend",
            ],
            "poas": ["poas", "profit on ad spend", "profit on advertising spend", "return on profit", "profit over ad spend"],
            "arpv": ["arpv", "revenue per visitor", "revenue per visit", "average revenue per visitor", "revenue per session"],
            "aov": [
                "aov", "average order value", "avg order value", "average basket", "average order size", "order value", "basket size",
                "average basket value", "average purchase value",
            ],
            "ctr": [
                "ctr", "click through rate", "clickthrough rate", "click rate", "click through", "clicks per impression", "click thru rate",
            ],
            "cvr": ["cvr", "conversion rate", "conv rate", "conversion ratio", "conversions per click", "conversion percentage"],
            "spend": [
                "spend", "spent", "spending", "spends", "ad spend", "ad spent", "cost", "costs", "expenses", "expenditure", "outlay",
                "spend amount",
                "amount spent", "media spend", "advertising spend", "advertising costs", "ad costs", "ad cost", "paid", "pay", "burn",
                "burned", "budget spent", "put into ads",
                "put in ads", "put into advertising", "invested in ads", "invested in advertising", "ad investment", "invested",
                "investment",
            ],
            "revenue": [
                "revenue", "revenues", "rev", "sales", "income", "turnover", "earned", "earnings", "conversion value", "purchase value",
                "sales value",
            ],
            "clicks": ["clicks", "click", "clicked", "link clicks"],
            "impressions": ["impressions", "impression", "imps", "impr"],
            "conversions": ["conversions", "conversion", "convs", "conv", "results"],
            "leads": ["leads", "lead", "signups", "sign ups", "signup"],
            "installs": ["installs", "install", "installations", "app installs", "downloads", "app downloads"],
            "purchases": ["purchases", "purchase", "orders", "order count", "number of orders", "transactions"],
            "visitors": [
                "visitors", "visitor", "visits", "sessions", "site visits", "site visitors", "website visitors", "website visits",
                "web visitors",
            ],
            "profit": ["profit", "profits", "margin", "gross profit"],
        ]
        // "cost per conversion", "price per click", "paid per lead", "spend per install".
        for (ratio, units) in perUnit {
            for unit in units {
                for cost in [
                    "cost per", "costs per", "cost for each", "price per", "paid per", "pay per", "spend per", "spent per", "cost a",
                    "paying for each", "pay for each", "paid for each", "paying per",
                    "cost of a",
                ] {
                    table[ratio, default: []].append("\(cost) \(unit)")
                }
                table[ratio, default: []].append("per \(unit)")
                // "what does a click cost", "how much is each lead costing".
                for article in ["a", "each", "one", "every"] {
                    for cost in ["cost", "costs", "costing", "cost us", "cost me"] {
                        table[ratio, default: []].append("\(article) \(unit) \(cost)")
                    }
                }
            }
        }
        table["cpm"]! += ["cost per thousand", "cost per mille", "cost per 1000 impressions", "cost per thousand impressions"]
        // "what did we pay for clicks", "spend on impressions": the spend that bought them.
        for unit in ["clicks", "impressions", "conversions", "leads", "installs", "purchases", "traffic", "ads"] {
            for verb in ["pay for", "paid for", "spend on", "spent on", "spending on", "cost of", "costs of"] {
                table["spend", default: []].append("\(verb) \(unit)")
            }
            // Not "ads cost": in "which of my ads cost the most per click" the ads are what is ranked.
            if unit != "ads" { table["spend", default: []] += ["\(unit) cost", "\(unit) cost us", "\(unit) costs"] }
        }
        return table.flatMap { metric, phrases in phrases.map { ($0, metric) } }
            .sorted { $0.phrase.split(separator: " ").count > $1.phrase.split(separator: " ").count }
    }()

    /// "How much did we make": revenue, unless the question names its metric ("how much profit
    /// did we make" is profit alone).
    static let revenueVerbs = [
        "did we make", "we made", "money made", "did we earn", "we earned", "money did we make", "bring in", "brought in",
        "did we bring in", "did we generate", "we generated",
    ]

    /// Well-known ad platforms and stores: the words people use for each, and the provider values
    /// a workspace's data may carry for it. Only the values present in a workspace are matched;
    /// a platform named but absent is asked about, never dropped.
    static let platforms: [(values: [String], phrases: [String])] = [
        (
            ["meta", "facebook", "instagram", "fb"],
            ["meta ads", "meta", "facebook ads", "facebook", "fb ads", "fb", "instagram ads", "instagram", "insta", "ig"]
        ),
        (
            ["google", "google_ads", "adwords", "youtube"],
            ["google ads", "google adwords", "adwords", "google", "g ads", "gads", "youtube", "yt"]
        ),
        (["tiktok", "tiktok_ads"], ["tiktok ads", "tiktok", "tik tok", "tt ads", "tt"]),
        (["linkedin", "linkedin_ads"], ["linkedin ads", "linkedin", "linked in", "li ads", "li"]),
        (["snapchat", "snap"], ["snapchat ads", "snapchat", "snap ads", "snap"]),
        (["pinterest"], ["pinterest ads", "pinterest", "pins"]),
        (
            ["bing", "microsoft", "microsoft_ads", "bing_ads"],
            ["microsoft advertising", "microsoft ads", "bing ads", "ms ads", "microsoft", "bing", "msft"]
        ),
        (["reddit", "reddit_ads"], ["reddit ads", "reddit"]),
        (["twitter", "x", "x_ads"], ["twitter ads", "twitter", "x ads"]),
        (["amazon", "amazon_ads"], ["amazon ads", "amazon"]),
        (["apple_search_ads", "apple"], ["apple search ads", "apple ads", "asa"]),
        (["taboola"], ["taboola"]), (["outbrain"], ["outbrain"]), (["quora"], ["quora"]), (["criteo"], ["criteo"]),
        (["shopify"], ["shopify", "shopify store", "online store", "store", "shop"]),
        (["csv"], ["csv", "csv upload", "uploaded data"]),
    ]

    /// Dimension words, singular and plural.
    static let dimensionWords: [(phrase: String, dimension: String)] = [
        // "rank the ad platforms": the platforms, not the ads.
        ("ad platforms", "provider"), ("ad platform", "provider"), ("ad channels", "provider"), ("ad channel", "provider"),
        ("ad networks", "provider"), ("ad network", "provider"), ("advertising platforms", "provider"),
        ("advertising platform", "provider"), ("advertising channels", "provider"), ("advertising channel", "provider"),
        ("ad sets", "adset"), ("ad set", "adset"), ("adsets", "adset"), ("adset", "adset"), ("ad groups", "adset"), ("ad group", "adset"),
        ("adgroups", "adset"), ("adgroup", "adset"),
        ("campaigns", "campaign"), ("campaign", "campaign"),
        ("ads", "ad"), ("ad", "ad"), ("creatives", "ad"), ("creative", "ad"),
        ("ad accounts", "account"), ("ad account", "account"), ("accounts", "account"), ("account", "account"),
        ("providers", "provider"), ("provider", "provider"), ("platforms", "provider"), ("platform", "provider"),
        ("channels", "provider"), ("channel", "provider"), ("networks", "provider"), ("network", "provider"), ("sources", "provider"),
    ]

    static let displayNames: [String: String] = [
        "cpc": "CPC", "cpm": "CPM", "cpa": "CPA", "cpl": "CPL", "cpi": "CPI", "cpp": "CPP", "roas": "ROAS", "poas": "POAS",
        "arpv": "ARPV", "aov": "AOV", "ctr": "CTR", "cvr": "conversion rate",
    ]

    static func displayName(_ metric: String) -> String { displayNames[metric] ?? metric }

    static let providerNames: [String: String] = [
        "meta": "Meta", "google": "Google", "shopify": "Shopify", "csv": "CSV", "tiktok": "TikTok", "linkedin": "LinkedIn",
        "snapchat": "Snapchat", "pinterest": "Pinterest", "bing": "Bing", "microsoft": "Microsoft", "reddit": "Reddit",
        "twitter": "Twitter",
    ]

    static func providerName(_ provider: String) -> String { providerNames[provider] ?? provider }
}
