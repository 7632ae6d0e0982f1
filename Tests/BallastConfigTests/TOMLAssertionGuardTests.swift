import BallastConfig
import Testing

/// Issue 16 item 5: inputs on which toml++ asserts (a header without a key, a `}` where an array
/// expects a value, a Unicode line separator; found by the fuzzers) are a `ConfigurationError`
/// with the line; valid TOML with `[` in strings, comments and array values still parses.
@Suite("TOML: inputs toml++ would abort on are errors with their line")
struct TOMLAssertionGuardTests {
    @Test(
        "headers that start without a key are rejected with their line",
        arguments: [
            ("[!x]\n", 1, "'!'"),
            ("# a comment\n[$]\n", 2, "'$'"),
            ("a = 1 # comment\n[\u{FFFD}b]]\n", 2, "'\u{FFFD}'"),
            ("a = 1\n[ =]\n", 2, "'='"),
            ("a = 1\n\n[[ .b]]\n", 3, "'.'"),
            ("a = \"x\"\n[\n", 2, "the end of the line"),
            ("[", 1, "the end of the file"),
            ("values = [5,} 10, 15]\n", 1, "VALUE"),
            ("a = [\n  1,\n  }\n]\n", 3, "VALUE"),
            ("a = [\u{2028}1]\n", 1, "SEP"),
            ("s = '''\n[ok]\n'''\n[{}]\n", 4, "'{'"),
        ])
    func rejected(text: String, line: Int, saw: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try ConfigValue.parse(toml: text, file: "p.toml") }
        #expect(error?.issues.first?.line == line)
        let reason =
            switch saw {
            case "VALUE": "expected a value or ']' in an array, saw '}'"
            case "SEP": "'\\u{2028}' is not a line break or space in TOML"
            default: "a table header must start with a key, saw \(saw)"
            }
        #expect(error?.issues.first?.issue.reason == reason)
    }

    @Test(
        "valid TOML with brackets in values, strings and comments still parses",
        arguments: [
            "[a]\nx = 1\n[[b]]\ny = 2\n",
            "[ \"quoted key\" ]\n['lit']\n[ a . b ]\n",
            "x = [\n  [1, 2],\n  [3],\n]\n",
            "x = [\n[{ a = 1 }],\n]\n",
            "s = \"\"\"\n[not a header\n\"\"\"\n[t]\n",
            "s = '''\n[ = '''\n",
            "# [ = comment\nx = \"[ =\"\n",
            "e = \"a\\\"[\"\n[t]\n",
            "a = [{ b = 1 }, { c = [2, 3] }]\nd = { e = [1, { f = 2 }] }\n",
            "s = \"\u{2028}\" # \u{2028}\n",
        ])
    func accepted(text: String) throws {
        _ = try ConfigValue.parse(toml: text, file: "p.toml")
    }
}
