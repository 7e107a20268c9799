import Foundation
import Yams

extension MetricSpec {
    /// A document is at most this many bytes: definitions are short; this bounds parsing.
    public static let maximumDocumentSize = 64 << 10
    public static let fields = ["name", "description", "owner", "unit", "formula", "sql", "tags", "criticality"]

    /// Reads a definition document:
    ///
    /// ```yaml
    /// name: net_roas                      # required: lower-case letters, digits, _
    /// description: Revenue left after ad spend, per unit of spend.
    /// owner: growth-team
    /// unit: ratio                         # required: currency | percent | count | ratio | fraction
    /// formula: (revenue - spend) / spend  # or sql: a SELECT, for a raw source
    /// tags: [efficiency, finance]
    /// criticality: high                   # low | medium (default) | high | critical
    /// ```
    ///
    /// Errors name the line (and column where it helps). References, cycles and name clashes need
    /// the other definitions: ``DefinitionValidator`` checks those.
    public static func parse(yaml: String) throws(DefinitionError) -> MetricSpec {
        guard yaml.utf8.count <= maximumDocumentSize else {
            throw DefinitionError(.malformedYAML, "the document is larger than \(maximumDocumentSize >> 10) KiB")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.describe(error)
        } catch {
            throw DefinitionError(.malformedYAML, "the document is not YAML")
        }
        guard let root, case .mapping(let mapping) = root else {
            throw DefinitionError(
                .malformedYAML, "the document must be a mapping of fields (name:, unit:, formula: ...)", line: root?.mark?.line)
        }
        var values: [String: Node] = [:]
        var locations: [String: Location] = [:]
        for (key, value) in mapping {
            let line = key.mark?.line
            guard case .scalar(let keyScalar) = key else {
                throw DefinitionError(.invalidField, "field names are plain words", line: line)
            }
            let field = keyScalar.string
            guard fields.contains(field) else {
                throw DefinitionError(.invalidField, "unknown field \"\(field)\"; known: \(fields.joined(separator: ", "))", line: line)
            }
            guard values[field] == nil else { throw DefinitionError(.invalidField, "\"\(field)\" is given twice", line: line) }
            values[field] = value
            if let mark = value.mark {
                let style = value.scalar?.style
                locations[field] = Location(line: mark.line, column: mark.column, isBlock: style == .literal || style == .folded)
            }
        }
        let reader = FieldReader(values: values, locations: locations, documentLine: root.mark?.line ?? 1)
        let name = try reader.name()
        let body: Body
        switch (try reader.text("formula", required: false), try reader.text("sql", required: false)) {
        case (let formula?, nil): body = .formula(formula)
        case (nil, let sql?): body = .sql(sql)
        case (.some, .some):
            throw DefinitionError(.invalidField, "give either formula or sql, not both", line: reader.line("sql"))
        case (nil, nil):
            throw DefinitionError(
                .invalidField, "a metric needs a formula (over other metrics) or sql (for a raw source)", line: reader.documentLine)
        }
        return MetricSpec(
            name: name, description: try reader.text("description", required: false, maximumLength: 2000) ?? "",
            owner: try reader.text("owner", required: false, maximumLength: 200) ?? "",
            unit: try reader.choice("unit", MetricUnit.self, default: nil), body: body, tags: try reader.tags(),
            criticality: try reader.choice("criticality", Criticality.self, default: .medium), locations: locations)
    }

    private static func describe(_ error: YamlError) -> DefinitionError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return DefinitionError(.malformedYAML, "not valid YAML: \(problem)", line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return DefinitionError(.invalidField, "\"\(duplicates.joined(separator: ", "))\" is given twice", line: context.mark.line)
        default:
            return DefinitionError(.malformedYAML, "not valid YAML")
        }
    }
}

/// Reads typed fields out of the document's mapping, pointing errors at their lines.
private struct FieldReader {
    var values: [String: Node]
    var locations: [String: MetricSpec.Location]
    var documentLine: Int

    static let maximumNameLength = 63

    func line(_ field: String) -> Int? { locations[field]?.line }

    func text(_ field: String, required: Bool, maximumLength: Int = 20_000) throws(DefinitionError) -> String? {
        guard let node = values[field] else {
            if required { throw DefinitionError(.invalidField, "\"\(field)\" is required", line: documentLine) }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            throw DefinitionError(.invalidField, "\"\(field)\" must be text", line: line(field))
        }
        if scalar.style == .plain && (scalar.string == "null" || scalar.string == "~" || scalar.string.isEmpty) {
            if required { throw DefinitionError(.invalidField, "\"\(field)\" is required", line: line(field)) }
            return nil
        }
        let text = scalar.string
        guard text.count <= maximumLength else {
            throw DefinitionError(.invalidField, "\"\(field)\" is longer than \(maximumLength) characters", line: line(field))
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DefinitionError(.invalidField, "\"\(field)\" is empty", line: line(field))
        }
        return text
    }

    func name() throws(DefinitionError) -> String {
        let name = try text("name", required: true)!
        let allowed = name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
        guard allowed, let first = name.utf8.first, first >= 97 && first <= 122, name.count <= Self.maximumNameLength else {
            throw DefinitionError(
                .invalidField,
                "\"name\" must start with a lower-case letter and hold only lower-case letters, digits and _ (at most \(Self.maximumNameLength)); got \"\(name)\"",
                line: line("name"))
        }
        return name
    }

    func choice<Value: RawRepresentable & CaseIterable>(
        _ field: String, _ type: Value.Type, default fallback: Value?
    ) throws(DefinitionError) -> Value where Value.RawValue == String {
        let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
        guard let raw = try text(field, required: fallback == nil) else { return fallback! }
        guard let value = Value(rawValue: raw) else {
            throw DefinitionError(.invalidField, "\"\(field)\" must be one of \(allowed); got \"\(raw)\"", line: line(field))
        }
        return value
    }

    func tags() throws(DefinitionError) -> [String] {
        guard let node = values["tags"] else { return [] }
        guard case .sequence(let sequence) = node else {
            throw DefinitionError(.invalidField, "\"tags\" must be a list of words, e.g. [efficiency, finance]", line: line("tags"))
        }
        var tags: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item, !scalar.string.isEmpty, scalar.string.count <= 50 else {
                throw DefinitionError(.invalidField, "each tag is a word of at most 50 characters", line: item.mark?.line ?? line("tags"))
            }
            if !tags.contains(scalar.string) { tags.append(scalar.string) }
        }
        guard tags.count <= 20 else { throw DefinitionError(.invalidField, "at most 20 tags", line: line("tags")) }
        return tags
    }
}
