/// The words people use for metrics, providers and dimensions, mapped to the catalog's names.
/// Phrases are matched longest first, so "cost per click" is CPC and never spend + clicks.
enum Lexicon {
    static let metricPhrases: [(phrase: String, metric: String)] = {
        let table: [String: [String]] = [
            "cpc": ["cpc", "cost per click", "costs per click", "price per click"],
            "cpm": ["cpm", "cost per mille", "cost per thousand", "cost per thousand impressions", "cost per 1000 impressions"],
            "cpa": ["cpa", "cost per acquisition", "cost per conversion", "cost per action", "cost per result", "acquisition cost"],
            "cpl": ["cpl", "cost per lead"],
            "cpi": ["cpi", "cost per install", "cost per installation", "cost per download"],
            "cpp": ["cpp", "cost per purchase", "cost per order", "cost per sale"],
            "roas": ["roas", "return on ad spend", "return on advertising spend", "return on spend", "return on ads spend"],
            "poas": ["poas", "profit on ad spend", "profit on advertising spend", "return on profit"],
            "arpv": ["arpv", "revenue per visitor", "revenue per visit", "average revenue per visitor"],
            "aov": ["aov", "average order value", "avg order value", "average basket", "average order size", "order value"],
            "ctr": ["ctr", "click through rate", "clickthrough rate", "click rate", "click through"],
            "cvr": ["cvr", "conversion rate", "conv rate", "conversion ratio"],
            "spend": ["spend", "spent", "spending", "spends", "ad spend", "cost", "costs", "expenses", "expenditure", "spend amount"],
            "revenue": ["revenue", "revenues", "sales", "income", "turnover", "earned", "earnings", "conversion value", "purchase value"],
            "clicks": ["clicks", "click", "clicked"],
            "impressions": ["impressions", "impression", "imps", "impr"],
            "conversions": ["conversions", "conversion", "convs", "conv", "results"],
            "leads": ["leads", "lead", "signups", "sign ups"],
            "installs": ["installs", "install", "installations", "app installs", "downloads"],
            "purchases": ["purchases", "purchase", "orders", "order count", "number of orders", "transactions"],
            "visitors": ["visitors", "visitor", "visits", "sessions", "site visits"],
            "profit": ["profit", "profits", "margin", "gross profit"],
        ]
        return table.flatMap { metric, phrases in phrases.map { ($0, metric) } }
            .sorted { $0.phrase.split(separator: " ").count > $1.phrase.split(separator: " ").count }
    }()

    static let providerPhrases: [(phrase: String, provider: String)] = {
        let table: [String: [String]] = [
            "meta": ["meta ads", "meta", "facebook ads", "facebook", "fb", "instagram", "insta", "ig"],
            "google": ["google ads", "google adwords", "adwords", "google", "youtube", "gads"],
            "shopify": ["shopify", "store", "shop"],
            "csv": ["csv"],
        ]
        return table.flatMap { provider, phrases in phrases.map { ($0, provider) } }
            .sorted { $0.phrase.split(separator: " ").count > $1.phrase.split(separator: " ").count }
    }()

    /// Dimension words, singular and plural.
    static let dimensionWords: [(phrase: String, dimension: String)] = [
        ("ad sets", "adset"), ("ad set", "adset"), ("adsets", "adset"), ("adset", "adset"), ("ad groups", "adset"), ("ad group", "adset"),
        ("campaigns", "campaign"), ("campaign", "campaign"),
        ("ads", "ad"), ("ad", "ad"), ("creatives", "ad"), ("creative", "ad"),
        ("accounts", "account"), ("account", "account"),
        ("providers", "provider"), ("provider", "provider"), ("platforms", "provider"), ("platform", "provider"),
        ("channels", "provider"), ("channel", "provider"), ("networks", "provider"), ("network", "provider"),
    ]

    static let displayNames: [String: String] = [
        "cpc": "CPC", "cpm": "CPM", "cpa": "CPA", "cpl": "CPL", "cpi": "CPI", "cpp": "CPP", "roas": "ROAS", "poas": "POAS",
        "arpv": "ARPV", "aov": "AOV", "ctr": "CTR", "cvr": "conversion rate",
    ]

    static func displayName(_ metric: String) -> String { displayNames[metric] ?? metric }

    static let providerNames: [String: String] = ["meta": "Meta", "google": "Google", "shopify": "Shopify", "csv": "CSV"]

    static func providerName(_ provider: String) -> String { providerNames[provider] ?? provider }
}
