import MetricxSemantics

/// Checks a definition against the rest of the workspace's catalog: its name is free, its formula
/// parses and names only known metrics, it closes no cycle, and its SQL is a SELECT we can trace.
public struct DefinitionValidator: Sendable {
    /// Names a metric may not take: the dimensions, which questions and queries use as words.
    public static let reservedNames: Set<String> = ["provider", "account", "campaign", "adset", "ad", "time", "date"]

    /// The workspace's own definitions by name (without the one being checked, or with its old version).
    public var custom: [String: MetricSpec]

    public init(custom: [String: MetricSpec]) {
        self.custom = custom
    }

    public func validate(_ spec: MetricSpec) throws(DefinitionError) {
        let nameLine = spec.line(of: "name")
        if BuiltinMetrics.all[spec.name] != nil {
            throw DefinitionError(.nameClash, "\"\(spec.name)\" is a built-in metric; choose another name", line: nameLine)
        }
        if Self.reservedNames.contains(spec.name) {
            throw DefinitionError(.nameClash, "\"\(spec.name)\" is a dimension; choose another name", line: nameLine)
        }
        switch spec.body {
        case .formula(let text):
            try validateFormula(text, of: spec)
        case .sql(let text):
            do {
                _ = try SQLLineage.extract(from: text)
            } catch {
                guard let location = spec.locations["sql"] else { throw DefinitionError(.malformedSQL, "sql: \(error)") }
                let (line, column) = location.position(line: error.position.line, column: error.position.column)
                let within = column == nil ? " (column \(error.position.column) of the query's line \(error.position.line))" : ""
                throw DefinitionError(.malformedSQL, "sql: \(error.message)\(within)", line: line, column: column)
            }
        }
    }

    private func validateFormula(_ text: String, of spec: MetricSpec) throws(DefinitionError) {
        let location = spec.locations["formula"]
        let expression: FormulaExpression
        do {
            expression = try FormulaParser.parse(text)
        } catch {
            throw DefinitionError(
                .malformedFormula, "formula: \(error.message)", line: location?.line,
                column: location.flatMap { $0.isBlock ? nil : $0.column + error.column - 1 })
        }
        for name in expression.references where BuiltinMetrics.all[name] == nil && custom[name] == nil && name != spec.name {
            let known = custom.keys.sorted()
            var column: Int?
            if let location, !location.isBlock, let offset = Self.column(of: name, in: text) { column = location.column + offset - 1 }
            throw DefinitionError(
                .unknownReference,
                "formula: unknown metric \"\(name)\"; known: the built-in catalog\(known.isEmpty ? "" : " and \(known.joined(separator: ", "))")",
                line: location?.line, column: column)
        }
        if let cycle = cycle(through: spec.name, references: expression.references) {
            throw DefinitionError(
                .cycle, "formula: \(spec.name) would depend on itself: \(cycle.joined(separator: " -> "))", line: location?.line)
        }
    }

    /// A chain of references from `name` back to itself, if the new references close one.
    private func cycle(through name: String, references: [String]) -> [String]? {
        var visited: Set<String> = []
        func search(_ current: String, path: [String]) -> [String]? {
            let next = current == name && path.count == 1 ? references : (custom[current]?.references ?? [])
            for reference in next {
                if reference == name { return path + [name] }
                guard visited.insert(reference).inserted else { continue }
                if let found = search(reference, path: path + [reference]) { return found }
            }
            return nil
        }
        return search(name, path: [name])
    }

    /// 1-based column of the first whole-word occurrence of `name` in `text`.
    private static func column(of name: String, in text: String) -> Int? {
        let characters = Array(text)
        let target = Array(name)
        guard target.count <= characters.count else { return nil }
        func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }
        for start in 0...(characters.count - target.count) where Array(characters[start..<start + target.count]) == target {
            let before = start == 0 || !isWord(characters[start - 1])
            let after = start + target.count == characters.count || !isWord(characters[start + target.count])
            if before && after { return start + 1 }
        }
        return nil
    }

    /// The workspace's metrics whose formulas name `name` (what deleting it would break).
    public func dependents(of name: String) -> [String] {
        custom.values.filter { $0.name != name && $0.references.contains(name) }.map(\.name).sorted()
    }
}
