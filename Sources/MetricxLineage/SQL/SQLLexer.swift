/// Where a token starts: 1-based line and column within the SQL text.
public struct SQLPosition: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public var description: String { "line \(line), column \(column)" }
}

/// Why SQL does not parse or cannot be traced, and where.
public struct SQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: SQLPosition

    public var description: String { "\(position): \(message)" }
}

/// One lexical token of PostgreSQL-flavoured SQL.
struct SQLToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An unquoted word, lower-cased; keywords are words too (the parser decides by context).
        case word
        /// A `"quoted"` identifier, case kept; never a keyword.
        case quotedIdentifier
        case string
        case number
        /// `$1`: a bind parameter.
        case parameter
        /// Punctuation and operators: `(`, `,`, `::`, `<=`, `||`, ...
        case symbol
        case end
    }

    var kind: Kind
    var text: String
    var position: SQLPosition

    func isWord(_ word: String) -> Bool { kind == .word && text == word }
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}

/// Splits SQL into tokens, skipping whitespace and `--` / `/* */` comments.
enum SQLLexer {
    private static let twoCharacterSymbols: Set<String> = ["::", "<=", ">=", "<>", "!=", "||", "->", "=>"]
    private static let symbols: Set<Character> = [
        "(", ")", ",", ".", ";", "+", "-", "*", "/", "%", "=", "<", ">", "[", "]", "|", ":", "^", "!", "~", "&", "#", "@",
    ]

    static func tokenize(_ text: String) throws(SQLError) -> [SQLToken] {
        let characters = Array(text)
        var tokens: [SQLToken] = []
        var index = 0
        var line = 1
        var lineStart = 0

        func position(_ at: Int) -> SQLPosition { SQLPosition(line: line, column: at - lineStart + 1) }
        func advance(to end: Int) {
            while index < end {
                if characters[index] == "\n" {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
        }

        while index < characters.count {
            let character = characters[index]
            let start = position(index)
            if character.isWhitespace {
                advance(to: index + 1)
            } else if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                var end = index
                while end < characters.count, characters[end] != "\n" { end += 1 }
                advance(to: end)
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                var end = index + 2
                while end + 1 < characters.count, !(characters[end] == "*" && characters[end + 1] == "/") { end += 1 }
                guard end + 1 < characters.count else { throw SQLError(message: "unterminated /* comment", position: start) }
                advance(to: end + 2)
            } else if character == "'" || character == "\"" {
                var end = index + 1
                var value = ""
                while true {
                    guard end < characters.count else {
                        throw SQLError(
                            message: character == "'" ? "unterminated string" : "unterminated quoted identifier", position: start)
                    }
                    if characters[end] == character {
                        // A doubled quote is the quote itself.
                        if end + 1 < characters.count, characters[end + 1] == character {
                            value.append(character)
                            end += 2
                            continue
                        }
                        break
                    }
                    value.append(characters[end])
                    end += 1
                }
                if character == "\"" && value.isEmpty { throw SQLError(message: "a quoted identifier is empty", position: start) }
                tokens.append(SQLToken(kind: character == "'" ? .string : .quotedIdentifier, text: value, position: start))
                advance(to: end + 1)
            } else if character.isNumber || (character == "." && index + 1 < characters.count && characters[index + 1].isNumber) {
                var end = index
                while end < characters.count, characters[end].isNumber || characters[end] == "." { end += 1 }
                if end < characters.count, characters[end] == "e" || characters[end] == "E" {
                    var exponent = end + 1
                    if exponent < characters.count, characters[exponent] == "+" || characters[exponent] == "-" { exponent += 1 }
                    if exponent < characters.count, characters[exponent].isNumber {
                        end = exponent
                        while end < characters.count, characters[end].isNumber { end += 1 }
                    }
                }
                tokens.append(SQLToken(kind: .number, text: String(characters[index..<end]), position: start))
                advance(to: end)
            } else if character == "$", index + 1 < characters.count, characters[index + 1].isNumber {
                var end = index + 1
                while end < characters.count, characters[end].isNumber { end += 1 }
                tokens.append(SQLToken(kind: .parameter, text: String(characters[index..<end]), position: start))
                advance(to: end)
            } else if character.isLetter || character == "_" {
                var end = index
                while end < characters.count,
                    characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "$"
                {
                    end += 1
                }
                tokens.append(SQLToken(kind: .word, text: String(characters[index..<end]).lowercased(), position: start))
                advance(to: end)
            } else if index + 1 < characters.count, twoCharacterSymbols.contains(String(characters[index...index + 1])) {
                tokens.append(SQLToken(kind: .symbol, text: String(characters[index...index + 1]), position: start))
                advance(to: index + 2)
            } else if symbols.contains(character) {
                tokens.append(SQLToken(kind: .symbol, text: String(character), position: start))
                advance(to: index + 1)
            } else {
                throw SQLError(message: "unexpected character \"\(character)\"", position: start)
            }
        }
        tokens.append(SQLToken(kind: .end, text: "", position: position(index)))
        return tokens
    }
}
