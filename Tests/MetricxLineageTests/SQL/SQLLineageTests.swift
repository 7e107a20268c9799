import Testing

@testable import MetricxLineage

@Suite struct SQLLineageTests {
    private func columns(_ sql: String) throws -> [String] {
        try SQLLineage.extract(from: sql).columns.map(\.description).sorted()
    }

    @Test func aliasesResolveToTheirTables() throws {
        #expect(
            try columns("SELECT i.spend, i.ad_id FROM meta.ads_insights AS i WHERE i.date_start >= '2026-01-01'") == [
                "meta.ads_insights.ad_id", "meta.ads_insights.date_start", "meta.ads_insights.spend",
            ])
        #expect(try columns("select spend from insights") == ["insights.spend"])
        #expect(try columns("SELECT \"Spend\" FROM \"Meta\".insights") == ["Meta.insights.Spend"])
    }

    @Test func joinsReadBothSidesAndTheirConditions() throws {
        let sql = """
            SELECT o.total_price, j.utm_campaign
            FROM shopify.orders o
            LEFT OUTER JOIN shopify.journeys j ON j.order_id = o.id AND j.kind = 'last'
            CROSS JOIN calendar c
            WHERE c.day = o.created_at::date
            """
        #expect(
            try columns(sql) == [
                "calendar.day", "shopify.journeys.kind", "shopify.journeys.order_id", "shopify.journeys.utm_campaign",
                "shopify.orders.created_at", "shopify.orders.id", "shopify.orders.total_price",
            ])
        #expect(try SQLLineage.extract(from: sql).tables == ["shopify.orders", "shopify.journeys", "calendar"])
        #expect(try columns("SELECT a.x FROM a JOIN b USING (id)") == ["a.id", "a.x", "b.id"])
    }

    @Test func commonTableExpressionsResolveToTheStoredColumnsUnderThem() throws {
        let sql = """
            WITH daily AS (
                SELECT ad_id, date_start AS day, sum(spend) AS cost FROM meta.ads_insights GROUP BY 1, 2
            ), ranked AS (
                SELECT d.ad_id, d.cost, rank() OVER (PARTITION BY d.day ORDER BY d.cost DESC) AS position FROM daily d
            )
            SELECT r.ad_id, r.cost FROM ranked r WHERE r.position <= 3 ORDER BY r.cost DESC LIMIT 10
            """
        #expect(try columns(sql) == ["meta.ads_insights.ad_id", "meta.ads_insights.date_start", "meta.ads_insights.spend"])
        // The CTE names never appear as tables.
        #expect(try SQLLineage.extract(from: sql).tables == ["meta.ads_insights"])
    }

    @Test func recursiveCTEs() throws {
        let sql = """
            WITH RECURSIVE tree(id, parent) AS (
                SELECT c.id, c.parent_id FROM campaigns c WHERE c.parent_id IS NULL
                UNION ALL
                SELECT c.id, c.parent_id FROM campaigns c JOIN tree t ON c.parent_id = t.id
            )
            SELECT count(*) FROM tree
            """
        #expect(try columns(sql) == ["campaigns.id", "campaigns.parent_id"])
    }

    @Test func subqueriesInFromInExpressionsAndCorrelated() throws {
        let sql = """
            SELECT s.ad_id, s.total,
                   (SELECT max(b.amount) FROM budgets b WHERE b.ad_id = s.ad_id) AS cap
            FROM (SELECT i.ad_id, sum(i.spend) AS total FROM meta.ads_insights i GROUP BY i.ad_id) AS s
            WHERE s.ad_id IN (SELECT a.id FROM ads a WHERE a.status = 'ACTIVE')
              AND EXISTS (SELECT 1 FROM pauses p WHERE p.ad_id = s.ad_id)
            """
        #expect(
            try columns(sql) == [
                "ads.id", "ads.status", "budgets.ad_id", "budgets.amount", "meta.ads_insights.ad_id", "meta.ads_insights.spend",
                "pauses.ad_id",
            ])
    }

    @Test func expressionsOfEveryKind() throws {
        let sql = """
            SELECT CASE WHEN t.kind = 'x' THEN t.a ELSE COALESCE(t.b, 0) END,
                   CAST(t.c AS numeric(12, 2)), t.d::double precision, extract(epoch FROM t.e),
                   sum(t.f) FILTER (WHERE t.g > 0), t.h BETWEEN 1 AND 2, t.i NOT LIKE 'a%', t.j IS NOT DISTINCT FROM t.k,
                   t.l = ANY (ARRAY[1, 2]), DATE '2026-01-01', INTERVAL '1 day', -t.m, $1
            FROM t
            """
        #expect(try columns(sql).count == 14)
    }

    @Test func starAndCountStarReadTheWholeTable() throws {
        #expect(try columns("SELECT * FROM orders") == ["orders.*"])
        #expect(try columns("SELECT count(*) FROM orders o") == ["orders.*"])
        #expect(try columns("WITH x AS (SELECT a, b FROM t) SELECT * FROM x") == ["t.a", "t.b"])
    }

    @Test func errorsPointAtTheLineAndColumn() {
        func failure(_ sql: String) -> SQLError? {
            do {
                _ = try SQLLineage.extract(from: sql)
                return nil
            } catch { return error }
        }
        #expect(failure("SELECT a FROM t WHERE") == SQLError(message: "unexpected end of the query", position: .init(line: 1, column: 22)))
        #expect(
            failure("SELECT a\nFROM t JOIN u")
                == SQLError(message: "a JOIN needs ON or USING, found end of the query", position: .init(line: 2, column: 14)))
        #expect(failure("SELECT a FROM t, u")?.message.contains("qualify it") == true)
        #expect(failure("SELECT x.a FROM t")?.message == "\"x\" in \"x.a\" names no table of this query")
        #expect(failure("SELECT d.zzz FROM (SELECT a FROM t) d")?.message == "\"d\" has no column \"zzz\"")
        #expect(failure("DELETE FROM t")?.message.contains("only a SELECT") == true)
        #expect(failure("SELECT 1; SELECT 2")?.message == "a source is one statement")
        #expect(failure("SELECT 'open")?.message == "unterminated string")
        #expect(failure("SELECT a FROM (SELECT a FROM t)")?.message == "a subquery in FROM needs an alias")
        #expect(failure(String(repeating: "(", count: 500) + "1")?.message == "the query nests too deeply")
    }

    /// #23: nested parenthesized joins parsed in exponential time (each level doubled: 19 levels
    /// took 0.8 s); 60 levels would take years that way. Each "((" is tried as a query once.
    @Test func deeplyNestedJoinsParseOnceEach() throws {
        let levels = 60
        var from = String(repeating: "(", count: levels) + "t0"
        for level in 1...levels { from += " JOIN t\(level) ON t\(level).id = t0.id)" }
        let lineage = try SQLLineage.extract(from: "SELECT t0.a FROM " + from)
        #expect(Set(lineage.columns.map(\.table)).contains("t0"))
        // A union inside "((" is still read as a query.
        _ = try SQLLineage.extract(from: "SELECT x.a FROM ((SELECT a FROM t1) UNION (SELECT a FROM t2)) AS x")
    }

    @Test func everyBuiltinSourceTraces() throws {
        for spec in BuiltinMetrics.all.values {
            guard let sql = spec.sql else { continue }
            let lineage = try SQLLineage.extract(from: sql)
            #expect(!lineage.columns.isEmpty, "\(spec.name)")
            #expect(lineage.columns.allSatisfy { !$0.table.contains("attributed_orders") })
        }
        let revenue = try SQLLineage.extract(from: BuiltinMetrics.all["revenue"]!.sql!)
        #expect(revenue.columns.contains(SourceColumn(table: "shopify.orders", column: "total_price")))
        #expect(revenue.columns.contains(SourceColumn(table: "meta.ads_insights", column: "action_values")))
    }
}
