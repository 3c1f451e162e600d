/**
 * Tree-sitter grammar for ClaudeLang (see LANGUAGE.md §1).
 *
 * A reader-level grammar, as tree-sitter-clojure does it: it knows literals and
 * collections only. Special forms (`define`, `let`, `match` ...) are recognised after
 * parsing, by the lowering pass and by the highlight queries, so that editing one form
 * never changes the shape of unrelated code.
 */

// A symbol is any run of characters other than whitespace, brackets, `"`, `;`, `'` and `,`.
const SYMBOL = /[^\s()\[\]{}";',]+/;

module.exports = grammar({
  name: 'claudelang',

  // Comments are visible nodes (formatters and hover docs keep them); commas are whitespace.
  extras: $ => [/[\s,]/, $.comment],

  // No `word` token: tree-sitter would give the word token (`symbol`) the lowest token id, and
  // error recovery tries MISSING tokens in id order, so an unclosed `(` got a useless
  // MISSING symbol instead of MISSING ")". `true`, `false`, `nil`, `#t`, `#f` still win over
  // `symbol` on an equal-length match (a string beats a regex), and `truex` is a symbol (longer).

  rules: {
    source_file: $ => repeat($._form),

    _form: $ => choice(
      $.float,
      $.integer,
      $.string,
      $.boolean,
      $.nil,
      $.keyword,
      $.symbol,
      $.quote,
      $.list,
      $.vector,
      $.map,
    ),

    // Token ids follow the order in which tokens first appear in these rules, and error recovery
    // tries MISSING tokens in id order. So the collections come first (an unclosed collection
    // at the end of the file gets a MISSING ")" / "]" / "}"), then `nil` and `boolean` (a
    // missing datum, as in `(f ')`, becomes `(MISSING nil)`, which has no text to convert).
    // Being strings, these literals beat the regex tokens below on an equal-length match
    // whatever their position.
    list: $ => seq(field('open', '('), repeat($._form), field('close', ')')),
    vector: $ => seq(field('open', '['), repeat($._form), field('close', ']')),
    map: $ => seq(field('open', '{'), repeat($._form), field('close', '}')),

    nil: _ => 'nil',
    boolean: _ => choice('#t', '#f', 'true', 'false'),

    comment: _ => token(seq(';', /[^\n\r]*/)),

    // Numbers are declared before `symbol`: on an equal-length match the earlier rule wins,
    // while a longer symbol (`42abc`, `1+`) still wins by length.
    float: _ => token(seq(
      optional(/[+-]/),
      choice(
        seq(/\d+/, '.', /\d*/, optional(seq(/[eE]/, optional(/[+-]/), /\d+/))),
        seq(/\d+/, /[eE]/, optional(/[+-]/), /\d+/),
      ),
    )),
    integer: _ => token(seq(optional(/[+-]/), /\d+/)),

    keyword: _ => token(seq(':', SYMBOL)),

    symbol: _ => token(SYMBOL),

    // Any backslash sequence is an escape node; the lowering pass validates it, so a bad
    // escape gets a precise message ("unknown escape '\q'") instead of an ERROR node.
    string: $ => seq(
      field('open', '"'),
      repeat(choice($.string_content, $.escape_sequence)),
      field('close', '"'),
    ),
    string_content: _ => token.immediate(prec(1, /[^"\\]+/)),
    escape_sequence: _ => token.immediate(seq(
      '\\',
      choice(
        seq('u{', /[^}"\s\\]*/, '}'),
        /[^u]/,
        'u',
      ),
    )),

    quote: $ => seq(field('marker', "'"), field('value', $._form)),
  },
});
