/// The providers of one workspace's data, found in questions by their own name and by the
/// well-known names of their platform ("fb" and "instagram" are meta, "ms ads" is bing).
/// A well-known platform that the workspace has no data from is found too, so that the copilot
/// can say so instead of dropping the word and answering for every provider.
struct ProviderIndex: Sendable {
    enum Match: Sendable, Equatable {
        /// Provider values present in the workspace.
        case present([String])
        /// A platform the workspace has no data from, as it was typed.
        case absent(String)
    }

    /// The workspace's provider values, sorted.
    let values: [String]
    /// Longest phrase first.
    private let phrases: [(words: [String], match: Match)]

    init(_ values: some Sequence<String>) {
        let values = Array(Set(values.map { $0.lowercased() }.filter { !$0.isEmpty })).sorted()
        self.values = values
        var phrases: [(words: [String], match: Match)] = []
        var claimed = Set<String>()
        for platform in Lexicon.platforms {
            let present = values.filter { value in
                platform.values.contains(value) || platform.phrases.contains(Words(value).words.joined(separator: " "))
            }
            for phrase in platform.phrases {
                let words = phrase.split(separator: " ").map(String.init)
                // A phrase that is itself one of the workspace's values means that value alone.
                if let exact = present.first(where: { Words($0).words == words }) {
                    phrases.append((words, .present([exact])))
                } else {
                    phrases.append((words, present.isEmpty ? .absent(phrase) : .present(present)))
                }
                claimed.insert(phrase)
            }
        }
        for value in values {
            let words = Words(value).words
            guard !words.isEmpty, !claimed.contains(words.joined(separator: " ")) else { continue }
            phrases.append((words, .present([value])))
        }
        self.phrases = phrases.sorted { $0.words.count > $1.words.count }
    }

    /// Every word of every phrase, for spelling correction.
    var words: Set<String> { Set(phrases.flatMap(\.words)) }

    /// Finds and marks provider names in `words`, in order.
    func match(_ words: inout Words) -> [(match: Match, span: Range<Int>)] {
        var found: [(match: Match, span: Range<Int>)] = []
        for phrase in phrases {
            var from = 0
            while let start = words.find(phrase.words, from: from) {
                let span = start..<(start + phrase.words.count)
                words.markUsed(span)
                found.append((phrase.match, span))
                from = span.upperBound
            }
        }
        return found.sorted { $0.span.lowerBound < $1.span.lowerBound }
    }
}
