/// The parts of a SELECT statement that lineage needs: which relations it reads and which names
/// its expressions use. Operators and literals are kept only as the expressions under them.
struct SQLQuery: Sendable {
    struct CommonTableExpression: Sendable {
        var name: String
        var columns: [String]
        var query: SQLQuery
        var position: SQLPosition
    }

    var ctes: [CommonTableExpression] = []
    var recursive = false
    var body: SQLSetExpression
    /// ORDER BY, LIMIT and OFFSET of the whole statement.
    var trailing: [SQLExpression] = []
}

indirect enum SQLSetExpression: Sendable {
    case select(SQLSelect)
    /// UNION, INTERSECT or EXCEPT: output columns line up by position.
    case compound(SQLSetExpression, SQLSetExpression)
    case nested(SQLQuery)
    /// `VALUES (...), (...)`.
    case values([SQLExpression])
}

struct SQLSelect: Sendable {
    struct Item: Sendable {
        var expression: SQLExpression
        var alias: String?
    }

    var items: [Item] = []
    var from: [SQLFromItem] = []
    /// WHERE, GROUP BY, HAVING, DISTINCT ON and WINDOW expressions.
    var conditions: [SQLExpression] = []
    /// GROUP BY, which may also name output columns.
    var grouping: [SQLExpression] = []
}

indirect enum SQLFromItem: Sendable {
    case table(name: String, alias: String?, position: SQLPosition)
    case derived(SQLQuery, alias: String, columns: [String])
    /// A set-returning function such as `generate_series(...)`: it reads its arguments.
    case function(SQLExpression, alias: String?, columns: [String])
    case join(SQLFromItem, SQLFromItem, condition: SQLExpression?, using: [String])
}

indirect enum SQLExpression: Sendable {
    /// A column reference: `spend`, `i.spend`, `meta.insights.spend`.
    case column([String], SQLPosition)
    /// `*` or `alias.*`.
    case star(qualifier: [String], SQLPosition)
    case subquery(SQLQuery)
    /// Anything else, by the expressions it is made of (literals have none).
    case composite([SQLExpression])

    static let literal = SQLExpression.composite([])
}
