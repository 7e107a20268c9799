/// The words that say what a question asks for, apart from its metric, scope and time. Each list
/// is phrases of lowercase words as `Words` splits them ("what's" is "whats").
enum IntentWords {
    static let lineageUpstream = [
        "calculated", "calculate", "computed", "compute", "made of", "made from", "made up of", "formula", "derived", "defined",
        "definition",
        "inputs", "built from", "consist", "consists", "composed", "based on", "come from", "comes from", "what goes into", "goes into",
        "upstream", "ingredients", "definition of", "what feeds into", "what feed into", "metrics feed into", "metrics that feed into",
        "numbers feed into", "that feed into", "flows into", "flow into", "calculation", "calculations", "calculating", "base measures",
        "base metrics", "building blocks",
    ]
    static let lineageDownstream = [
        "depend", "depends", "dependent", "dependents", "downstream", "affected by", "affected", "affects", "affect", "impacted", "impact",
        "blast radius", "uses", "use", "built on", "feeds", "feed into", "feeds into", "what else", "else is off", "else would be off",
        "rely on", "relies on", "relying on", "mess up", "messes up", "mess with", "throw off", "throws off", "thrown off", "screw up",
        "screws up", "redefine", "redefined", "redefining", "change the definition of", "changed the definition of",
    ]
    /// "if the spend numbers are off ..." — a metric suspected wrong, asking what it touches.
    static let suspicion = ["off", "wrong", "broken", "broke", "incorrect", "bad", "corrupted", "inaccurate", "messed up"]
    static let dramatic = [
        "tanked", "tanking", "tank", "crashed", "collapsed", "plunged", "nosedived", "cratered", "fell off a cliff", "fall off a cliff",
        "falls off a cliff", "falling off a cliff", "dropped off a cliff", "went through the roof", "go through the roof",
        "through the roof",
        "skyrocketed", "skyrocketing", "skyrocket", "exploded", "shot up", "blew up", "blown up", "dried up", "dry up", "died", "flatlined",
    ]
    static let anomalies = [
        "anomaly", "anomalies", "anomalous", "outlier", "outliers", "unusual", "abnormal", "irregular", "unexpected", "weird", "strange",
        "odd", "blow up", "blew up", "blown up", "spikes", "glitch", "glitches", "out of the ordinary", "stand out", "stands out",
        "off the charts", "alerts", "alert", "anything spike", "anything spiked", "anything jump", "anything jumped", "anything drop",
        "anything dropped", "anything change", "anything changed", "anything break", "anything broke", "anything crash", "anything crashed",
        "anything go wrong", "anything stand out", "red flags", "red flag", "went wrong", "go wrong", "gone wrong", "break", "broke",
        "anything off", "anything look off", "anything looked off", "anything seem off", "anything seemed off", "look off", "looked off",
        "anything spiking", "anything dropping", "anything wrong", "anything look wrong", "anything looked wrong", "anything seem wrong",
        "anything seemed wrong",
    ]
    /// Explain questions start with or contain one of these.
    static let explain = [
        "why", "what caused", "what drove", "what drives", "what pulled", "what dragged", "what pushed", "what pushed up", "whats driving",
        "what is driving", "reason", "reasons", "explain",
        "explanation",
        "root cause", "whats behind", "what is behind", "what made", "how come", "what happened to", "what happened with",
        "whats going on with",
        "what is going on with", "whats up with", "what is up with", "driver", "drivers", "cause", "caused", "causing", "contributed",
        "whats wrong with", "what is wrong with", "what went wrong with", "who broke", "responsible for",
    ]
    static let down = [
        "drop", "dropped", "drops", "dropping", "fall", "fell", "falling", "decline", "declined", "declining", "decrease", "decreased",
        "down", "lower", "worse", "dip", "dipped", "tank", "tanked", "tanking", "plunge", "plunged", "shrink", "shrank", "go down",
        "went down", "low", "so low", "too low", "weak", "poor", "bad", "crash", "crashed", "collapse", "collapsed", "fell off a cliff",
        "nosedive", "nosedived", "sink", "sank", "slump", "slumped", "slip", "slipped", "slipping", "slid", "sliding",
    ]
    static let up = [
        "rise", "rose", "rising", "up", "increase", "increased", "increasing", "grow", "grew", "growing", "jump", "jumped", "spike",
        "spiked",
        "higher", "high", "so high", "too high", "surge", "surged", "climb", "climbed", "went up", "go up", "went through the roof",
        "through the roof", "skyrocket",
        "skyrocketed", "shot up", "soar", "soared", "explode", "exploded", "balloon", "ballooned",
    ]
    static let trend = [
        "trend", "trends", "trended", "trending", "over time", "plot", "chart", "graph", "timeseries", "time series", "evolution",
        "evolved",
        "evolve", "develop", "developed", "developing", "day by day", "history", "progression", "breakdown over time", "curve",
        "line chart", "visualize", "visualise",
    ]
    static let compare = [
        "compare", "compared", "comparing", "comparison", "vs", "versus", "than", "against", "relative to", "change", "changed", "changes",
        "difference", "differ", "better or worse", "stack up", "stacks up", "stacking up", "side by side", "measure up", "fare",
        "head to head", "or", "improved", "improve", "improving", "worsened", "deteriorated",
    ]
    /// Period-over-period shorthand: the comparison and, when no period is named, the current one.
    static let overShorthand: [(phrase: String, unit: String)] = [
        ("week over week", "week"), ("week on week", "week"), ("wow", "week"),
        ("month over month", "month"), ("month on month", "month"), ("mom", "month"),
        ("quarter over quarter", "quarter"), ("quarter on quarter", "quarter"), ("qoq", "quarter"),
        ("year over year", "year"), ("year on year", "year"), ("yoy", "year"),
    ]
    static let rank = [
        "top", "best", "worst", "highest", "lowest", "most", "least", "rank", "ranked", "ranking", "rankings", "bottom", "cheapest",
        "priciest",
        "most expensive", "expensive", "largest", "smallest", "biggest", "fewest", "leading", "leader", "leaders", "which", "who",
        "strongest", "weakest", "poorest", "top performing", "best performing", "worst performing", "underperforming", "sort", "sorted",
        "order", "ordered", "winner", "winners", "losers", "max", "min", "maximum", "minimum", "greatest",
    ]
    static let ascending = ["lowest", "least", "fewest", "bottom", "cheapest", "smallest", "minimum", "min", "ascending"]
    static let descending = [
        "highest", "most", "largest", "biggest", "most expensive", "priciest", "top", "maximum", "max", "greatest", "descending", "leading",
    ]
    static let better = ["best", "better", "strongest", "top performing", "best performing", "winner", "winners", "most efficient"]
    static let worse = ["worst", "worse", "weakest", "poorest", "worst performing", "underperforming", "losers", "least efficient"]
    /// Comparatives that say a cost metric is the question's and which way is better: "is tiktok
    /// cheaper per click than meta" is a lower CPC.
    static let cheaper = ["cheaper", "less expensive", "lower cost", "more efficient"]
    static let pricier = ["costlier", "pricier", "more expensive", "higher cost", "less efficient"]

    /// Verbs that ask for a list: "all channels" after one is every channel, not their total.
    static let listing: Set<String> = ["rank", "list", "show", "sort", "order", "compare", "ranking", "listing"]

    /// The whole account as a scope, not a breakdown by account: "across the account".
    static let wholeAccount = [
        "across the account", "across the whole account", "across the entire account", "across our account", "across my account",
        "across all accounts", "across accounts", "across the board", "account wide", "accountwide", "the whole account",
        "the entire account",
        "in the account", "for the account", "on the account", "in total", "all campaigns combined", "across all campaigns",
        "across campaigns",
        "across all channels", "across channels", "across all platforms", "across platforms", "all channels", "all platforms", "everything",
    ]

    /// Marketing metrics that are not in the catalog: a question about one is asked back, naming it.
    static let unknownMetrics: Set<String> = [
        "reach", "frequency", "engagement", "engagements", "like", "likes", "share", "shares", "comment", "comments", "follower",
        "followers",
        "follows", "view", "views", "video views", "growth",
        "watch time", "thruplays", "bounce", "bounces", "roi", "mer", "ncac", "impression share", "quality score", "saves",
        "open rate", "opens", "unsubscribes", "subscribers", "vtr", "cpv", "cpe", "cpcv", "ecpm", "ecpc", "rpm", "arpu",
        "margin rate", "profit margin", "refunds", "returns", "dwell", "scroll",
    ]

    /// Follow-ups that lean on the previous question of the conversation.
    static let followUpStarts = [
        "and", "what about", "how about", "same for", "now", "only", "just", "then", "also", "ok and", "okay and", "same but",
    ]

    /// Requests to act on the ad accounts: an imperative opening the question ("pause the worst
    /// ad", "please turn off the reddit campaign"); the same words inside a question ("the spring
    /// launch campaign") are not requests.
    static let actions = [
        "pause", "unpause", "stop", "turn off", "turn on", "switch off", "switch on", "enable", "disable", "launch", "create", "delete",
        "raise",
        "boost", "allocate", "reallocate", "duplicate", "edit", "schedule", "optimize", "optimise", "kill", "bump", "cut", "lower the",
        "increase the", "decrease the", "reduce the", "set up", "add a", "add an", "remove the",
    ]
    static let actionReason = "I can't change your campaigns or budgets: I only read your numbers."
    /// Requests to write something ("draft a linkedin post about ..."), read like `actions`.
    static let writing = ["write", "draft", "compose", "rewrite", "generate"]
    static let writingReason = "I can't write posts, ads or copy: I answer questions about your numbers."

    /// Things the copilot does not do, with the reason it says: it reads what happened, and it
    /// never acts on the ad accounts.
    static let unsupported: [(phrases: [String], reason: String)] = [
        (
            [
                "forecast", "forecasts", "forecasting", "predict", "predicted", "prediction", "predictions", "projection", "projections",
                "projected",
                "project", "will", "going to be", "expect", "expected", "estimate", "estimated", "next week", "next month", "next quarter",
                "next year",
                "tomorrow", "next", "upcoming", "future",
            ],
            "I can't forecast: I answer from what has already happened in your data."
        ),
        (
            ["ltv", "lifetime value", "clv", "cltv", "customer lifetime", "churn", "retention", "cohort", "cohorts", "payback"],
            "I don't have customer lifetime, retention or cohort data: only the ad and store metrics of the catalog."
        ),
        (
            ["budget", "budgets", "bid", "bids", "bidding", "bid strategy"],
            "I can't see or change budgets and bids: I only read your numbers."
        ),
        (
            ["recommend", "recommendation", "recommendations", "should i", "should we", "advice", "suggest", "suggestion", "strategy"],
            "I don't give recommendations; I can show the numbers behind a decision (a ranking, a trend or why a metric moved)."
        ),
        (
            [
                "age", "gender", "demographic", "demographics", "country", "countries", "city", "region", "device", "devices", "placement",
                "placements",
                "keyword", "keywords", "search term", "search terms", "audience", "audiences", "hour of day",
            ],
            "I can break numbers down by provider, account, campaign, ad set and ad, but not by that."
        ),
    ]
}
