/// Leaf-level data for root-cause localization: one row per combination of attribute values, with
/// the observed and forecast values of an additive measure or of a ratio's two parts.
///
/// Attribute values are stored as dense codes per attribute, so grouping by any combination of
/// attributes is integer work.
public struct LeafTable: Sendable {
    /// What the rows measure.
    public enum Measure: Sendable {
        /// An additive measure (spend, stalls): observed and forecast per leaf.
        case additive(real: [Double], predict: [Double])
        /// The ratio a/b (ROAS = revenue/spend): both parts observed and forecast per leaf.
        case ratio(realA: [Double], predictA: [Double], realB: [Double], predictB: [Double])
    }

    /// Attribute names, in column order.
    public private(set) var attributes: [String]
    /// `codes[attribute][leaf]`: the index of the leaf's value in `values[attribute]`.
    public private(set) var codes: [[Int32]]
    /// The distinct values of each attribute, indexed by code.
    public private(set) var values: [[String]]
    public private(set) var measure: Measure

    public var count: Int { codes.first?.count ?? 0 }

    /// Builds a table from rows of attribute values (each as long as `attributes`) and their measure.
    public init(attributes: [String], rows: [[String]], measure: Measure) {
        precondition(rows.allSatisfy { $0.count == attributes.count }, "every row has one value per attribute")
        var codes = Array(repeating: [Int32](), count: attributes.count)
        var values = Array(repeating: [String](), count: attributes.count)
        var lookup = Array(repeating: [String: Int32](), count: attributes.count)
        for index in attributes.indices { codes[index].reserveCapacity(rows.count) }
        for row in rows {
            for (index, value) in row.enumerated() {
                if let code = lookup[index][value] {
                    codes[index].append(code)
                } else {
                    let code = Int32(values[index].count)
                    lookup[index][value] = code
                    values[index].append(value)
                    codes[index].append(code)
                }
            }
        }
        self.attributes = attributes
        self.codes = codes
        self.values = values
        self.measure = measure
    }
}
