import MetricxRuntime

extension LeafTable {
    /// Limits on an uploaded table.
    public struct Limits: Sendable {
        public var maximumLeaves: Int
        public var maximumAttributes: Int
        /// Leaves × cuboids searched: the search's time and memory grow with both, and the
        /// cuboids with the attributes (16 attributes three at a time are 696 cuboids). #23: 40,000
        /// leaves × 16 attributes took 2 s, a million would not fit the pod's memory.
        public var maximumWork: Int

        public init(maximumLeaves: Int, maximumAttributes: Int, maximumWork: Int = 5_000_000) {
            self.maximumLeaves = maximumLeaves
            self.maximumAttributes = maximumAttributes
            self.maximumWork = maximumWork
        }

        public static let defaults = Limits(maximumLeaves: 200_000, maximumAttributes: 16)
    }

    private static let additiveColumns = ["real", "predict"]
    private static let ratioColumns = ["real_a", "predict_a", "real_b", "predict_b"]

    /// Parses the localization CSV: attribute columns plus `real,predict` or
    /// `real_a,predict_a,real_b,predict_b`, one row per leaf. Errors name the line and column.
    public static func parseCSV(_ bytes: some Sequence<UInt8>, limits: Limits = .defaults) throws -> LeafTable {
        var parser = CSVStreamParser()
        var records = try parser.feed(bytes)
        if parser.isInsideQuotes {
            throw ServiceError.invalidArgument("the file ends inside a quoted field", field: "csv")
        }
        if let last = parser.finish() { records.append(last) }
        records.removeAll { $0.fields.allSatisfy(\.isEmpty) }
        guard let header = records.first else {
            throw ServiceError.invalidArgument("the file is empty; expected a header row", field: "csv")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let layout = try Layout(header: names)
        let rows = records.dropFirst()
        guard !rows.isEmpty else { throw ServiceError.invalidArgument("no rows after the header", field: "csv") }
        guard rows.count <= limits.maximumLeaves else {
            throw ServiceError.invalidArgument("at most \(limits.maximumLeaves) rows (leaves)", field: "csv")
        }
        guard layout.attributes.count <= limits.maximumAttributes else {
            throw ServiceError.invalidArgument("at most \(limits.maximumAttributes) attribute columns", field: "csv")
        }

        var attributeRows: [[String]] = []
        attributeRows.reserveCapacity(rows.count)
        var numbers = Array(repeating: [Double](), count: layout.measureColumns.count)
        for record in rows {
            guard record.fields.count == names.count else {
                throw ServiceError.invalidArgument(
                    "line \(record.line): \(record.fields.count) fields, the header has \(names.count)", field: "csv")
            }
            attributeRows.append(layout.attributeIndices.map { record.fields[$0] })
            for (slot, column) in layout.measureColumns.enumerated() {
                let text = Self.trimmed(record.fields[column.index])
                guard let value = Double(text), value.isFinite else {
                    throw ServiceError.invalidArgument(
                        "line \(record.line), column \(column.name): \"\(text.prefix(40))\" is not a finite number",
                        field: "csv")
                }
                if layout.isRatio && value < 0 {
                    throw ServiceError.invalidArgument(
                        "line \(record.line), column \(column.name): a ratio's parts cannot be negative", field: "csv")
                }
                numbers[slot].append(value)
            }
        }
        let measure: Measure =
            layout.isRatio
            ? .ratio(realA: numbers[0], predictA: numbers[1], realB: numbers[2], predictB: numbers[3])
            : .additive(real: numbers[0], predict: numbers[1])
        return LeafTable(attributes: layout.attributes, rows: attributeRows, measure: measure)
    }

    /// The field without surrounding spaces or tabs; untouched (and not copied) when it has none,
    /// which is every number a tool writes: Foundation's trimming costs more than the parse.
    private static func trimmed(_ field: String) -> String {
        guard let first = field.utf8.first, let last = field.utf8.last,
            first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t")
        else { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    /// Which header columns are attributes and which carry the measure.
    private struct Layout {
        var attributes: [String] = []
        var attributeIndices: [Int] = []
        var measureColumns: [(name: String, index: Int)] = []
        var isRatio = false

        init(header: [String]) throws {
            var seen = Set<String>()
            for (index, name) in header.enumerated() {
                guard !name.isEmpty else {
                    throw ServiceError.invalidArgument("header column \(index + 1) has no name", field: "csv")
                }
                guard seen.insert(name).inserted else {
                    throw ServiceError.invalidArgument("header column \"\(name)\" appears twice", field: "csv")
                }
            }
            let hasAdditive = LeafTable.additiveColumns.contains { seen.contains($0) }
            let hasRatio = LeafTable.ratioColumns.contains { seen.contains($0) }
            if hasAdditive && hasRatio {
                throw ServiceError.invalidArgument(
                    "give either real,predict (additive) or real_a,predict_a,real_b,predict_b (ratio), not both",
                    field: "csv")
            }
            isRatio = hasRatio
            let required = isRatio ? LeafTable.ratioColumns : LeafTable.additiveColumns
            for name in required where !seen.contains(name) {
                throw ServiceError.invalidArgument(
                    "missing column \"\(name)\"; the header needs \(required.joined(separator: ","))", field: "csv")
            }
            measureColumns = required.map { name in (name, header.firstIndex(of: name)!) }
            for (index, name) in header.enumerated() where !required.contains(name) {
                attributes.append(name)
                attributeIndices.append(index)
            }
            guard !attributes.isEmpty else {
                throw ServiceError.invalidArgument("no attribute columns besides the measure", field: "csv")
            }
        }
    }
}
