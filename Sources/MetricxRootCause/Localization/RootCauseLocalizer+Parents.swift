extension RootCauseLocalizer {
    /// Replaces two or more causes that are children of one element by that element, when they
    /// cover `coverage` of its expected volume or its other leaves (outside every cause: another
    /// cause's leaves say nothing of this parent) deviate on average `deviating` times as much as
    /// a typical leaf (in noise units): the parent moved as a whole, unevenly.
    /// A stalling CDN hits each device by a different amount, and a cause that raises a ratio in
    /// some leaves and lowers it in others has no one ratio the ripple effect could fit, so the
    /// search finds such a cause child by child. When the parent's other leaves are as quiet as
    /// any, the children stand: two campaigns of one provider failing is not the provider failing.
    /// When several parents qualify, the one over most children goes first: merging a narrower one
    /// first would judge the broader on leaves already stripped of the ones that moved most.
    func namingParents(
        of found: [RootCause], leaves causeLeaves: [[Int]], table: LeafTable, deviation: Deviation, coverage: Double,
        deviating: Double
    ) -> [RootCause] {
        var causes = found
        var members = causeLeaves.map(Set.init)
        let errors =
            table.count == 0 ? [] : (0..<table.count).map { abs(deviation.observed[$0] - deviation.expected[$0]) * deviation.weight[$0] }
        let typical = errors.isEmpty ? 0 : errors.sorted()[errors.count / 2]

        while true {
            var best: (parent: [String: String], leaves: Set<Int>, children: [Int], covered: Double)?
            let explained = members.reduce(into: Set<Int>()) { $0.formUnion($1) }
            for i in causes.indices {
                for j in causes.indices where j > i {
                    let parent = causes[i].elements.filter { causes[j].elements[$0.key] == $0.value }
                    guard !parent.isEmpty else { continue }
                    let children = causes.indices.filter { k in parent.allSatisfy { causes[k].elements[$0.key] == $0.value } }
                    guard !children.contains(where: { causes[$0].elements == parent }) else { continue }
                    let leaves = Self.leaves(of: parent, in: table)
                    let covered = children.reduce(into: Set<Int>()) { $0.formUnion(members[$1]) }
                    var total = 0.0
                    var inside = 0.0
                    var rest = (error: 0.0, count: 0)
                    for leaf in leaves {
                        total += deviation.expected[leaf]
                        if covered.contains(leaf) {
                            inside += deviation.expected[leaf]
                        } else if !explained.contains(leaf) {
                            rest.error += errors[leaf]
                            rest.count += 1
                        }
                    }
                    let share = total > 0 ? inside / total : 0
                    let restDeviates = rest.count == 0 || rest.error / Double(rest.count) >= deviating * typical
                    guard share >= coverage || restDeviates else { continue }
                    if let best, (best.children.count, best.covered) >= (children.count, share) { continue }
                    best = (parent, leaves, children, share)
                }
            }
            guard let best else { return causes }
            let first = best.children.min()!
            let merged = RootCause(
                elements: best.parent, score: min(1, best.children.reduce(0) { $0 + causes[$1].score }),
                ratio: ratioEffect(table.measure) { best.leaves.contains($0) })
            // The parent takes its first child's place; the others (all after it) go.
            for index in best.children.sorted(by: >) where index != first {
                causes.remove(at: index)
                members.remove(at: index)
            }
            causes[first] = merged
            members[first] = best.leaves
        }
    }

    /// The leaves whose values match every attribute of `elements`.
    private static func leaves(of elements: [String: String], in table: LeafTable) -> Set<Int> {
        let codes = elements.compactMap { name, value -> (attribute: Int, code: Int32)? in
            guard let attribute = table.attributes.firstIndex(of: name),
                let code = table.values[attribute].firstIndex(of: value)
            else { return nil }
            return (attribute, Int32(code))
        }
        guard codes.count == elements.count else { return [] }
        return Set((0..<table.count).filter { leaf in codes.allSatisfy { table.codes[$0.attribute][leaf] == $0.code } })
    }
}
