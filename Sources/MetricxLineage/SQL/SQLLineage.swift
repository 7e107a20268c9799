/// A column of a stored table, as lineage names it: `meta.ads_insights.spend`. A column of `*`
/// stands for the whole table (`SELECT *`, `count(*)` reads rows, not a named column).
public struct SourceColumn: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var table: String
    public var column: String

    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }

    public var description: String { "\(table).\(column)" }

    public static func < (lhs: SourceColumn, rhs: SourceColumn) -> Bool { lhs.description < rhs.description }
}

/// What a SELECT reads from stored tables, anywhere in it: the select list, joins, WHERE, GROUP BY,
/// common table expressions and subqueries. Names of common table expressions and derived tables
/// are resolved to the stored columns under them, so they never appear as sources themselves.
public struct SQLLineage: Sendable, Equatable {
    /// Stored tables read, by their name as written (`schema.table` or `table`).
    public var tables: Set<String>
    /// Stored columns read.
    public var columns: Set<SourceColumn>

    /// Parses `sql` and traces it; errors point at the line and column.
    public static func extract(from sql: String) throws(SQLError) -> SQLLineage {
        let query = try SQLParser.parse(sql)
        var tracer = LineageTracer()
        _ = try tracer.trace(query, outer: nil)
        return SQLLineage(tables: tracer.tables, columns: tracer.columns)
    }
}

/// A relation in scope: a stored table, or a derived one (CTE, subquery) with the stored columns
/// behind each of its output columns.
private struct Relation {
    /// The stored table's name; nil for a derived relation.
    var table: String?
    var outputs: [(name: String, sources: Set<SourceColumn>)] = []
    /// False for a function in FROM whose columns are unknown: it owns no named column.
    var knowsOutputs = true

    func sources(of column: String) -> Set<SourceColumn>? {
        if let table { return [SourceColumn(table: table, column: column)] }
        return outputs.first { $0.name == column }?.sources
    }

    var allSources: Set<SourceColumn> {
        if let table { return [SourceColumn(table: table, column: "*")] }
        return outputs.reduce(into: []) { $0.formUnion($1.sources) }
    }
}

/// The relations visible in one SELECT, with the enclosing query's for correlated subqueries.
private final class Scope {
    let outer: Scope?
    var bindings: [(name: String, relation: Relation)] = []
    /// Common table expressions visible here, by name.
    var ctes: [String: Relation]

    init(outer: Scope?, ctes: [String: Relation]) {
        self.outer = outer
        self.ctes = ctes
    }

    func cte(_ name: String) -> Relation? {
        ctes[name]
    }
}

private struct LineageTracer {
    var tables: Set<String> = []
    var columns: Set<SourceColumn> = []

    mutating func trace(_ query: SQLQuery, outer: Scope?) throws(SQLError) -> Relation {
        let scope = Scope(outer: outer, ctes: outer?.ctes ?? [:])
        for cte in query.ctes {
            if query.recursive {
                // The recursive part reads the CTE itself; its columns come from the anchor, so
                // the name is bound (with no columns yet) before tracing.
                scope.ctes[cte.name] = Relation(table: nil, outputs: cte.columns.map { ($0, []) })
            }
            var relation = try trace(cte.query, outer: scope)
            relation = Self.renamed(relation, to: cte.columns)
            scope.ctes[cte.name] = relation
        }
        // ORDER BY of a plain SELECT may name its input columns as well as its outputs; after a
        // UNION only the outputs.
        if case .select(let select) = query.body { return try trace(select, scope: scope, trailing: query.trailing) }
        let relation = try trace(query.body, scope: scope)
        let outputScope = Scope(outer: scope, ctes: scope.ctes)
        outputScope.bindings = [("", relation)]
        for expression in query.trailing { _ = try read(expression, in: outputScope, outputs: relation) }
        return relation
    }

    private static func renamed(_ relation: Relation, to names: [String]) -> Relation {
        guard !names.isEmpty else { return relation }
        var renamed = relation
        for (index, name) in names.enumerated() where index < renamed.outputs.count {
            renamed.outputs[index].name = name
        }
        return renamed
    }

    private mutating func trace(_ expression: SQLSetExpression, scope: Scope) throws(SQLError) -> Relation {
        switch expression {
        case .select(let select):
            return try trace(select, scope: scope)
        case .compound(let left, let right):
            var relation = try trace(left, scope: scope)
            let other = try trace(right, scope: scope)
            for index in relation.outputs.indices where index < other.outputs.count {
                relation.outputs[index].sources.formUnion(other.outputs[index].sources)
            }
            return relation
        case .nested(let query):
            return try trace(query, outer: scope)
        case .values(let rows):
            var relation = Relation(table: nil)
            for row in rows {
                guard case .composite(let cells) = row else { continue }
                for (index, cell) in cells.enumerated() {
                    let sources = try read(cell, in: scope)
                    if index < relation.outputs.count {
                        relation.outputs[index].sources.formUnion(sources)
                    } else {
                        relation.outputs.append(("column\(index + 1)", sources))
                    }
                }
            }
            return relation
        }
    }

    private mutating func trace(_ select: SQLSelect, scope outer: Scope, trailing: [SQLExpression] = []) throws(SQLError) -> Relation {
        let scope = Scope(outer: outer, ctes: outer.ctes)
        for item in select.from { try bind(item, in: scope) }
        var relation = Relation(table: nil)
        for item in select.items {
            switch item.expression {
            case .star(let qualifier, let position):
                for binding in try starBindings(qualifier, position, in: scope) {
                    if let table = binding.table {
                        columns.insert(SourceColumn(table: table, column: "*"))
                        relation.knowsOutputs = false
                    } else {
                        relation.outputs += binding.outputs
                        columns.formUnion(binding.allSources)
                    }
                }
            default:
                let sources = try read(item.expression, in: scope)
                relation.outputs.append((item.alias ?? Self.outputName(item.expression), sources))
            }
        }
        for condition in select.conditions { _ = try read(condition, in: scope) }
        // GROUP BY may name an output column ("GROUP BY day") as well as an input one.
        for grouping in select.grouping + trailing { _ = try read(grouping, in: scope, outputs: relation) }
        return relation
    }

    private static func outputName(_ expression: SQLExpression) -> String {
        if case .column(let parts, _) = expression { return parts.last! }
        return "?column?"
    }

    private func starBindings(_ qualifier: [String], _ position: SQLPosition, in scope: Scope) throws(SQLError) -> [Relation] {
        if qualifier.isEmpty { return scope.bindings.map(\.relation) }
        let name = qualifier.joined(separator: ".")
        guard let binding = scope.bindings.first(where: { $0.name == name || $0.relation.table == name }) else {
            throw SQLError(message: "\"\(name).*\" names no table of this query", position: position)
        }
        return [binding.relation]
    }

    private mutating func bind(_ item: SQLFromItem, in scope: Scope) throws(SQLError) {
        switch item {
        case .table(let name, let alias, _):
            if !name.contains("."), let cte = scope.cte(name) {
                scope.bindings.append((alias ?? name, cte))
            } else {
                tables.insert(name)
                // Unaliased, a table is named by its last part: "FROM meta.insights" binds "insights".
                scope.bindings.append((alias ?? name.split(separator: ".").last.map(String.init)!, Relation(table: name)))
            }
        case .derived(let query, let alias, let names):
            // LATERAL subqueries see the tables before them; others cannot name them anyway.
            let relation = Self.renamed(try trace(query, outer: scope), to: names)
            scope.bindings.append((alias, relation))
        case .function(let call, let alias, let names):
            _ = try read(call, in: scope)
            var relation = Relation(table: nil, outputs: names.map { ($0, []) })
            relation.knowsOutputs = !names.isEmpty
            if let alias { scope.bindings.append((alias, relation)) }
        case .join(let left, let right, let condition, let using):
            try bind(left, in: scope)
            try bind(right, in: scope)
            if let condition { _ = try read(condition, in: scope) }
            for column in using {
                for binding in scope.bindings {
                    if let sources = binding.relation.sources(of: column), binding.relation.table != nil || !sources.isEmpty {
                        columns.formUnion(sources)
                    }
                }
            }
        }
    }

    /// The stored columns `expression` reads, recorded as read.
    private mutating func read(_ expression: SQLExpression, in scope: Scope, outputs: Relation? = nil) throws(SQLError) -> Set<SourceColumn>
    {
        switch expression {
        case .column(let parts, let position):
            if parts.count == 1, let outputs, let match = outputs.outputs.first(where: { $0.name == parts[0] }),
                try resolve(parts, position, in: scope, required: false) == nil
            {
                return match.sources
            }
            let sources = try resolve(parts, position, in: scope, required: true) ?? []
            columns.formUnion(sources)
            return sources
        case .star(let qualifier, let position):
            // count(*) reads rows; t.* inside an expression reads every column of t.
            var sources: Set<SourceColumn> = []
            if qualifier.isEmpty {
                for binding in scope.bindings { sources.formUnion(binding.relation.allSources) }
            } else {
                for relation in try starBindings(qualifier, position, in: scope) { sources.formUnion(relation.allSources) }
            }
            columns.formUnion(sources)
            return sources
        case .subquery(let query):
            let relation = try trace(query, outer: scope)
            return relation.allSources
        case .composite(let parts):
            var sources: Set<SourceColumn> = []
            for part in parts { sources.formUnion(try read(part, in: scope, outputs: outputs)) }
            return sources
        }
    }

    /// Resolves a column reference in `scope`, then in enclosing scopes (correlated subqueries).
    private func resolve(_ parts: [String], _ position: SQLPosition, in scope: Scope, required: Bool) throws(SQLError) -> Set<SourceColumn>?
    {
        var current: Scope? = scope
        while let level = current {
            if let found = try resolve(parts, position, at: level) { return found }
            current = level.outer
        }
        guard required else { return nil }
        let name = parts.joined(separator: ".")
        if parts.count > 1 {
            throw SQLError(
                message: "\"\(parts.dropLast().joined(separator: "."))\" in \"\(name)\" names no table of this query", position: position)
        }
        throw SQLError(message: "column \"\(name)\" belongs to no table of this query", position: position)
    }

    private func resolve(_ parts: [String], _ position: SQLPosition, at scope: Scope) throws(SQLError) -> Set<SourceColumn>? {
        let column = parts.last!
        if parts.count > 1 {
            let qualifier = parts.dropLast().joined(separator: ".")
            guard let binding = scope.bindings.first(where: { $0.name == qualifier || $0.relation.table == qualifier }) else { return nil }
            if let sources = binding.relation.sources(of: column) { return sources }
            if !binding.relation.knowsOutputs { return [] }
            throw SQLError(message: "\"\(qualifier)\" has no column \"\(column)\"", position: position)
        }
        // Unqualified: a derived relation that has the column, else the only stored table here.
        let derived = scope.bindings.filter { $0.relation.table == nil && $0.relation.sources(of: column) != nil }
        if derived.count == 1 { return derived[0].relation.sources(of: column) }
        let stored = scope.bindings.filter { $0.relation.table != nil }
        if derived.isEmpty && stored.count == 1 { return stored[0].relation.sources(of: column) }
        if derived.count + stored.count > 1 {
            throw SQLError(
                message:
                    "column \"\(column)\" could come from \(scope.bindings.map(\.name).joined(separator: ", ")); qualify it with its table",
                position: position)
        }
        return nil
    }
}
