/// A recursive-descent parser for PostgreSQL's SELECT: WITH (recursive) common table expressions,
/// joins of every kind, subqueries in FROM, in expressions and under EXISTS / IN / ANY, set
/// operations, CASE, CAST and `::`, window functions and aggregate FILTERs. Anything other than
/// a query (INSERT, UPDATE, DDL, several statements) is rejected: a source definition only reads.
struct SQLParser {
    private let tokens: [SQLToken]
    private var index = 0
    private var depth = 0
    /// Token positions where "((" was tried as a query and was not one. Without it, nested
    /// parenthesized joins ("((((a JOIN b) JOIN c) …") are re-tried at every level under every
    /// other: exponential in the nesting (#23: 19 levels took 0.8 s under the workspace lock).
    private var notAQueryAt: Set<Int> = []

    /// Words that end an expression or a FROM item, so they are never taken as an alias.
    private static let reserved: Set<String> = [
        "select", "from", "where", "group", "having", "order", "limit", "offset", "union", "intersect", "except",
        "join", "inner", "left", "right", "full", "outer", "cross", "natural", "on", "using", "as", "and", "or",
        "not", "in", "is", "like", "ilike", "similar", "between", "case", "when", "then", "else", "end", "with",
        "window", "fetch", "for", "lateral", "returning", "into", "values", "distinct", "all", "asc", "desc",
        "nulls", "over", "filter", "partition", "by", "null", "true", "false", "exists", "any", "some", "array",
    ]
    private static let maximumDepth = 200

    static func parse(_ text: String) throws(SQLError) -> SQLQuery {
        var parser = SQLParser(tokens: try SQLLexer.tokenize(text))
        guard parser.current.kind != .end else { throw SQLError(message: "the SQL is empty", position: parser.current.position) }
        if parser.current.kind == .word,
            ["insert", "update", "delete", "create", "drop", "alter", "truncate", "grant", "copy", "merge"].contains(parser.current.text)
        {
            throw parser.error("only a SELECT query may define a source, not \(parser.current.text.uppercased())")
        }
        let query = try parser.query()
        if parser.accept(symbol: ";") {
            guard parser.current.kind == .end else { throw parser.error("a source is one statement") }
        }
        guard parser.current.kind == .end else { throw parser.error("unexpected \(parser.describe(parser.current))") }
        return query
    }

    private init(tokens: [SQLToken]) {
        self.tokens = tokens
    }

    // MARK: Tokens

    private var current: SQLToken { tokens[index] }
    private func peek(_ offset: Int = 1) -> SQLToken { tokens[min(index + offset, tokens.count - 1)] }

    private func error(_ message: String, at token: SQLToken? = nil) -> SQLError {
        SQLError(message: message, position: (token ?? current).position)
    }

    private func describe(_ token: SQLToken) -> String {
        switch token.kind {
        case .end: "end of the query"
        case .string: "string '\(token.text)'"
        case .word: "\"\(token.text.uppercased())\""
        default: "\"\(token.text)\""
        }
    }

    @discardableResult
    private mutating func accept(word: String) -> Bool {
        guard current.isWord(word) else { return false }
        index += 1
        return true
    }

    @discardableResult
    private mutating func accept(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        index += 1
        return true
    }

    private mutating func expect(word: String) throws(SQLError) {
        guard accept(word: word) else { throw error("expected \(word.uppercased()), found \(describe(current))") }
    }

    private mutating func expect(symbol: String) throws(SQLError) {
        guard accept(symbol: symbol) else { throw error("expected \"\(symbol)\", found \(describe(current))") }
    }

    /// An identifier: an unreserved word or a quoted identifier.
    private mutating func identifier(_ what: String) throws(SQLError) -> String {
        switch current.kind {
        case .quotedIdentifier:
            defer { index += 1 }
            return current.text
        case .word where !Self.reserved.contains(current.text):
            defer { index += 1 }
            return current.text
        default:
            throw error("expected \(what), found \(describe(current))")
        }
    }

    private var atIdentifier: Bool {
        current.kind == .quotedIdentifier || (current.kind == .word && !Self.reserved.contains(current.text))
    }

    private mutating func nest() throws(SQLError) {
        depth += 1
        guard depth < Self.maximumDepth else { throw error("the query nests too deeply") }
    }

    // MARK: Queries

    private mutating func query() throws(SQLError) -> SQLQuery {
        try nest()
        defer { depth -= 1 }
        var ctes: [SQLQuery.CommonTableExpression] = []
        var recursive = false
        if accept(word: "with") {
            recursive = accept(word: "recursive")
            repeat {
                let position = current.position
                let name = try identifier("a common table expression name")
                let columns = current.isSymbol("(") ? try parenthesizedIdentifiers() : []
                try expect(word: "as")
                if accept(word: "not") { try expect(word: "materialized") } else { accept(word: "materialized") }
                try expect(symbol: "(")
                let body = try query()
                try expect(symbol: ")")
                ctes.append(.init(name: name, columns: columns, query: body, position: position))
            } while accept(symbol: ",")
        }
        var result = SQLQuery(ctes: ctes, recursive: recursive, body: try setExpression())
        result.trailing = try trailingClauses()
        return result
    }

    private mutating func setExpression() throws(SQLError) -> SQLSetExpression {
        var left = try setOperand()
        while current.isWord("union") || current.isWord("intersect") || current.isWord("except") {
            index += 1
            if !accept(word: "all") { accept(word: "distinct") }
            left = .compound(left, try setOperand())
        }
        return left
    }

    private mutating func setOperand() throws(SQLError) -> SQLSetExpression {
        if accept(symbol: "(") {
            let inner = try query()
            try expect(symbol: ")")
            return .nested(inner)
        }
        if accept(word: "values") {
            var rows: [SQLExpression] = []
            repeat {
                try expect(symbol: "(")
                rows.append(.composite(try expressionList()))
                try expect(symbol: ")")
            } while accept(symbol: ",")
            return .values(rows)
        }
        guard current.isWord("select") else {
            throw error("expected SELECT, found \(describe(current))")
        }
        return .select(try select())
    }

    private mutating func trailingClauses() throws(SQLError) -> [SQLExpression] {
        var expressions: [SQLExpression] = []
        if accept(word: "order") {
            try expect(word: "by")
            expressions += try orderItems()
        }
        while true {
            if accept(word: "limit") {
                if !accept(word: "all") { expressions.append(try expression()) }
            } else if accept(word: "offset") {
                expressions.append(try expression())
                if !accept(word: "rows") { accept(word: "row") }
            } else if accept(word: "fetch") {
                // FETCH { FIRST | NEXT } [n] { ROW | ROWS } ONLY
                if !accept(word: "first") { try expect(word: "next") }
                if !current.isWord("row") && !current.isWord("rows") { expressions.append(try expression()) }
                if !accept(word: "rows") { try expect(word: "row") }
                try expect(word: "only")
            } else {
                return expressions
            }
        }
    }

    private mutating func orderItems() throws(SQLError) -> [SQLExpression] {
        var items: [SQLExpression] = []
        repeat {
            items.append(try expression())
            if !accept(word: "asc") { accept(word: "desc") }
            if accept(word: "nulls") {
                if !accept(word: "first") { try expect(word: "last") }
            }
        } while accept(symbol: ",")
        return items
    }

    private mutating func select() throws(SQLError) -> SQLSelect {
        try expect(word: "select")
        var select = SQLSelect()
        if accept(word: "distinct") {
            if accept(word: "on") {
                try expect(symbol: "(")
                select.conditions += try expressionList()
                try expect(symbol: ")")
            }
        } else {
            accept(word: "all")
        }
        repeat {
            select.items.append(try selectItem())
        } while accept(symbol: ",")
        if accept(word: "from") {
            repeat {
                select.from.append(try fromItem())
            } while accept(symbol: ",")
        }
        if accept(word: "where") { select.conditions.append(try expression()) }
        if accept(word: "group") {
            try expect(word: "by")
            select.grouping = try groupingItems()
        }
        if accept(word: "having") { select.conditions.append(try expression()) }
        if accept(word: "window") {
            repeat {
                _ = try identifier("a window name")
                try expect(word: "as")
                select.conditions += try windowSpecification()
            } while accept(symbol: ",")
        }
        return select
    }

    private mutating func groupingItems() throws(SQLError) -> [SQLExpression] {
        var items: [SQLExpression] = []
        repeat {
            if (current.isWord("rollup") || current.isWord("cube")) && peek().isSymbol("(") {
                index += 2
                items += try expressionList()
                try expect(symbol: ")")
            } else if current.isWord("grouping") && peek().isWord("sets") {
                index += 2
                try expect(symbol: "(")
                items += try expressionList()
                try expect(symbol: ")")
            } else {
                items.append(try expression())
            }
        } while accept(symbol: ",")
        return items
    }

    private mutating func selectItem() throws(SQLError) -> SQLSelect.Item {
        let expression = try expression()
        if accept(word: "as") {
            return .init(expression: expression, alias: try identifier("an alias"))
        }
        if atIdentifier { return .init(expression: expression, alias: try identifier("an alias")) }
        return .init(expression: expression, alias: nil)
    }

    // MARK: FROM

    private mutating func fromItem() throws(SQLError) -> SQLFromItem {
        var left = try tablePrimary()
        while true {
            let natural = accept(word: "natural")
            var cross = false
            if accept(word: "cross") {
                cross = true
            } else if accept(word: "left") || accept(word: "right") || accept(word: "full") {
                accept(word: "outer")
            } else {
                accept(word: "inner")
            }
            guard accept(word: "join") else {
                if natural || cross { throw error("expected JOIN, found \(describe(current))") }
                return left
            }
            let right = try tablePrimary()
            if cross || natural {
                left = .join(left, right, condition: nil, using: [])
            } else if accept(word: "on") {
                left = .join(left, right, condition: try expression(), using: [])
            } else if accept(word: "using") {
                left = .join(left, right, condition: nil, using: try parenthesizedIdentifiers())
            } else {
                throw error("a JOIN needs ON or USING, found \(describe(current))")
            }
        }
    }

    private mutating func tablePrimary() throws(SQLError) -> SQLFromItem {
        try nest()
        defer { depth -= 1 }
        let lateral = accept(word: "lateral")
        if current.isSymbol("(") {
            let open = current
            index += 1
            if current.isWord("select") || current.isWord("with") || current.isWord("values") {
                let inner = try query()
                try expect(symbol: ")")
                return try derived(inner, at: open)
            }
            // "((SELECT ...) UNION ...)" and "((a JOIN b) JOIN c)" both start with "((".
            if current.isSymbol("("), !lateral, !notAQueryAt.contains(index) {
                let saved = index
                let savedDepth = depth
                if let inner = try? query(), accept(symbol: ")") { return try derived(inner, at: open) }
                index = saved
                depth = savedDepth
                notAQueryAt.insert(saved)
            }
            let item = try fromItem()
            try expect(symbol: ")")
            return item
        }
        let start = current
        var parts = [try identifier("a table name")]
        while accept(symbol: ".") { parts.append(try identifier("a table name")) }
        if current.isSymbol("(") {
            // A set-returning function: generate_series(...), unnest(...).
            index += 1
            let arguments = current.isSymbol(")") ? [] : try expressionList()
            try expect(symbol: ")")
            if accept(word: "with") { try expect(word: "ordinality") }
            let (alias, columns) = try optionalAlias()
            return .function(.composite(arguments), alias: alias, columns: columns)
        }
        let (alias, _) = try optionalAlias()
        if accept(word: "tablesample") {
            _ = try identifier("a sampling method")
            try expect(symbol: "(")
            _ = try expressionList()
            try expect(symbol: ")")
        }
        return .table(name: parts.joined(separator: "."), alias: alias, position: start.position)
    }

    private mutating func derived(_ query: SQLQuery, at open: SQLToken) throws(SQLError) -> SQLFromItem {
        let (alias, columns) = try optionalAlias()
        guard let alias else { throw error("a subquery in FROM needs an alias", at: open) }
        return .derived(query, alias: alias, columns: columns)
    }

    private mutating func optionalAlias() throws(SQLError) -> (String?, [String]) {
        var alias: String?
        if accept(word: "as") {
            alias = try identifier("an alias")
        } else if atIdentifier {
            alias = try identifier("an alias")
        }
        let columns = alias != nil && current.isSymbol("(") ? try parenthesizedIdentifiers() : []
        return (alias, columns)
    }

    private mutating func parenthesizedIdentifiers() throws(SQLError) -> [String] {
        try expect(symbol: "(")
        var names: [String] = []
        repeat {
            names.append(try identifier("a column name"))
        } while accept(symbol: ",")
        try expect(symbol: ")")
        return names
    }

    // MARK: Expressions

    private mutating func expressionList() throws(SQLError) -> [SQLExpression] {
        var list: [SQLExpression] = []
        repeat {
            list.append(try expression())
        } while accept(symbol: ",")
        return list
    }

    mutating func expression() throws(SQLError) -> SQLExpression {
        try nest()
        defer { depth -= 1 }
        var left = try conjunction()
        while accept(word: "or") { left = .composite([left, try conjunction()]) }
        return left
    }

    private mutating func conjunction() throws(SQLError) -> SQLExpression {
        var left = try negation()
        while accept(word: "and") { left = .composite([left, try negation()]) }
        return left
    }

    private mutating func negation() throws(SQLError) -> SQLExpression {
        if accept(word: "not") { return try negation() }
        return try comparison()
    }

    private static let comparisonOperators: Set<String> = ["=", "<>", "!=", "<", ">", "<=", ">=", "~", "!~", "@", "&", "|", "#", "->"]

    private mutating func comparison() throws(SQLError) -> SQLExpression {
        var left = try additive()
        while true {
            if current.kind == .symbol, Self.comparisonOperators.contains(current.text) {
                index += 1
                // `x = ANY (subquery or array)`
                if current.isWord("any") || current.isWord("some") || current.isWord("all"), peek().isSymbol("(") {
                    index += 1
                    left = .composite([left, try parenthesizedExpressionOrQuery()])
                } else {
                    left = .composite([left, try additive()])
                }
            } else if accept(word: "is") {
                accept(word: "not")
                if accept(word: "distinct") {
                    try expect(word: "from")
                    left = .composite([left, try additive()])
                } else if accept(word: "null") || accept(word: "true") || accept(word: "false") || accept(word: "unknown") {
                    continue
                } else {
                    throw error("expected NULL, TRUE, FALSE or DISTINCT FROM after IS, found \(describe(current))")
                }
            } else if current.isWord("not"), ["in", "like", "ilike", "between", "similar"].contains(peek().text) {
                index += 1
            } else if accept(word: "in") {
                left = .composite([left, try parenthesizedExpressionOrQuery()])
            } else if accept(word: "between") {
                accept(word: "symmetric")
                let low = try additive()
                try expect(word: "and")
                left = .composite([left, low, try additive()])
            } else if accept(word: "like") || accept(word: "ilike") {
                left = .composite([left, try additive()])
                if accept(word: "escape") { left = .composite([left, try additive()]) }
            } else if accept(word: "similar") {
                try expect(word: "to")
                left = .composite([left, try additive()])
            } else {
                return left
            }
        }
    }

    /// `(subquery)` or `(expression, ...)`.
    private mutating func parenthesizedExpressionOrQuery() throws(SQLError) -> SQLExpression {
        try expect(symbol: "(")
        if current.isWord("select") || current.isWord("with") {
            let inner = try query()
            try expect(symbol: ")")
            return .subquery(inner)
        }
        let list = try expressionList()
        try expect(symbol: ")")
        return .composite(list)
    }

    private mutating func additive() throws(SQLError) -> SQLExpression {
        var left = try multiplicative()
        while current.isSymbol("+") || current.isSymbol("-") || current.isSymbol("||") {
            index += 1
            left = .composite([left, try multiplicative()])
        }
        return left
    }

    private mutating func multiplicative() throws(SQLError) -> SQLExpression {
        var left = try unary()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") || current.isSymbol("^") {
            index += 1
            left = .composite([left, try unary()])
        }
        return left
    }

    private mutating func unary() throws(SQLError) -> SQLExpression {
        if accept(symbol: "-") || accept(symbol: "+") { return try unary() }
        var operand = try primary()
        while true {
            if accept(symbol: "::") {
                try typeName()
            } else if accept(symbol: "[") {
                operand = .composite([operand, try expression()])
                if accept(symbol: ":") { operand = .composite([operand, try expression()]) }
                try expect(symbol: "]")
            } else if current.isWord("at"), peek().isWord("time") {
                index += 2
                try expect(word: "zone")
                operand = .composite([operand, try primary()])
            } else {
                return operand
            }
        }
    }

    /// A type after `::` or in CAST: `numeric(12, 2)`, `double precision`, `timestamp with time zone`, `text[]`.
    private mutating func typeName() throws(SQLError) {
        _ = try identifierOrWord("a type name")
        while accept(symbol: ".") { _ = try identifierOrWord("a type name") }
        while ["precision", "varying", "with", "without", "time", "zone"].contains(where: current.isWord) { index += 1 }
        if accept(symbol: "(") {
            repeat {
                guard current.kind == .number else { throw error("expected a number in the type, found \(describe(current))") }
                index += 1
            } while accept(symbol: ",")
            try expect(symbol: ")")
        }
        while accept(symbol: "[") { try expect(symbol: "]") }
    }

    /// Type and function names may be keywords (`date`, `left`, `right`).
    private mutating func identifierOrWord(_ what: String) throws(SQLError) -> String {
        guard current.kind == .word || current.kind == .quotedIdentifier else {
            throw error("expected \(what), found \(describe(current))")
        }
        defer { index += 1 }
        return current.text
    }

    private mutating func primary() throws(SQLError) -> SQLExpression {
        let token = current
        switch token.kind {
        case .number, .string, .parameter:
            index += 1
            return .literal
        case .end:
            throw error("unexpected end of the query")
        case .symbol:
            if accept(symbol: "*") { return .star(qualifier: [], token.position) }
            if token.isSymbol("(") {
                if peek().isWord("select") || peek().isWord("with") {
                    index += 1
                    let inner = try query()
                    try expect(symbol: ")")
                    return .subquery(inner)
                }
                index += 1
                let list = try expressionList()
                try expect(symbol: ")")
                return .composite(list)
            }
            throw error("unexpected \(describe(token))")
        case .word, .quotedIdentifier:
            return try wordExpression(token)
        }
    }

    private mutating func wordExpression(_ token: SQLToken) throws(SQLError) -> SQLExpression {
        if token.kind == .word {
            switch token.text {
            case "null", "true", "false", "default":
                index += 1
                return .literal
            case "case":
                index += 1
                return try caseExpression()
            case "exists":
                index += 1
                return try parenthesizedExpressionOrQuery()
            case "cast":
                index += 1
                try expect(symbol: "(")
                let operand = try expression()
                try expect(word: "as")
                try typeName()
                try expect(symbol: ")")
                return operand
            case "interval", "date", "timestamp", "time":
                // A typed literal: DATE '2026-01-01'; otherwise a column named like the type.
                if peek().kind == .string {
                    index += 2
                    return .literal
                }
            case "array":
                index += 1
                if current.isSymbol("(") { return try parenthesizedExpressionOrQuery() }
                try expect(symbol: "[")
                let list = current.isSymbol("]") ? [] : try expressionList()
                try expect(symbol: "]")
                return .composite(list)
            case "extract":
                if peek().isSymbol("(") {
                    index += 2
                    _ = try identifierOrWord("a field")
                    try expect(word: "from")
                    let operand = try expression()
                    try expect(symbol: ")")
                    return operand
                }
            default:
                break
            }
            if Self.reserved.contains(token.text) && !peek().isSymbol("(") {
                throw error("unexpected \(describe(token))")
            }
        }
        index += 1
        var parts = [token.text]
        while current.isSymbol(".") {
            index += 1
            if current.isSymbol("*") {
                let star = current
                index += 1
                return .star(qualifier: parts, star.position)
            }
            parts.append(try identifierOrWord("a column name"))
        }
        if current.isSymbol("(") { return try functionCall() }
        return .column(parts, token.position)
    }

    private mutating func functionCall() throws(SQLError) -> SQLExpression {
        try expect(symbol: "(")
        var arguments: [SQLExpression] = []
        if !accept(symbol: ")") {
            if !accept(word: "distinct") { accept(word: "all") }
            if current.isSymbol("*") && peek().isSymbol(")") {
                // count(*) reads the rows of every table in scope.
                arguments = [.star(qualifier: [], current.position)]
                index += 1
            } else {
                arguments = try expressionList()
                if accept(word: "order") {
                    try expect(word: "by")
                    arguments += try orderItems()
                }
            }
            try expect(symbol: ")")
        }
        if accept(word: "within") {
            try expect(word: "group")
            try expect(symbol: "(")
            try expect(word: "order")
            try expect(word: "by")
            arguments += try orderItems()
            try expect(symbol: ")")
        }
        if accept(word: "filter") {
            try expect(symbol: "(")
            try expect(word: "where")
            arguments.append(try expression())
            try expect(symbol: ")")
        }
        if accept(word: "over") {
            if atIdentifier {
                index += 1
            } else {
                arguments += try windowSpecification()
            }
        }
        return .composite(arguments)
    }

    /// `( [PARTITION BY ...] [ORDER BY ...] [frame] )`; the frame's bounds read nothing.
    private mutating func windowSpecification() throws(SQLError) -> [SQLExpression] {
        try expect(symbol: "(")
        var expressions: [SQLExpression] = []
        if atIdentifier && !current.isWord("range") && !current.isWord("rows") && !current.isWord("groups") { index += 1 }
        if accept(word: "partition") {
            try expect(word: "by")
            expressions += try expressionList()
        }
        if accept(word: "order") {
            try expect(word: "by")
            expressions += try orderItems()
        }
        var open = 0
        while !(current.isSymbol(")") && open == 0) {
            guard current.kind != .end else { throw error("unterminated window specification") }
            if current.isSymbol("(") { open += 1 }
            if current.isSymbol(")") { open -= 1 }
            index += 1
        }
        try expect(symbol: ")")
        return expressions
    }

    private mutating func caseExpression() throws(SQLError) -> SQLExpression {
        var parts: [SQLExpression] = []
        if !current.isWord("when") { parts.append(try expression()) }
        guard current.isWord("when") else { throw error("CASE needs at least one WHEN") }
        while accept(word: "when") {
            parts.append(try expression())
            try expect(word: "then")
            parts.append(try expression())
        }
        if accept(word: "else") { parts.append(try expression()) }
        try expect(word: "end")
        return .composite(parts)
    }
}
