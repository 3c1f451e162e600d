#include "tree_sitter/parser.h"

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

#define LANGUAGE_VERSION 14
#define STATE_COUNT 25
#define LARGE_STATE_COUNT 21
#define SYMBOL_COUNT 31
#define ALIAS_COUNT 0
#define TOKEN_COUNT 21
#define EXTERNAL_TOKEN_COUNT 0
#define FIELD_COUNT 4
#define MAX_ALIAS_SEQUENCE_LENGTH 3
#define PRODUCTION_ID_COUNT 4

enum ts_symbol_identifiers {
  anon_sym_LPAREN = 1,
  anon_sym_RPAREN = 2,
  anon_sym_LBRACK = 3,
  anon_sym_RBRACK = 4,
  anon_sym_LBRACE = 5,
  anon_sym_RBRACE = 6,
  sym_nil = 7,
  anon_sym_POUNDt = 8,
  anon_sym_POUNDf = 9,
  anon_sym_true = 10,
  anon_sym_false = 11,
  sym_comment = 12,
  sym_float = 13,
  sym_integer = 14,
  sym_keyword = 15,
  sym_symbol = 16,
  anon_sym_DQUOTE = 17,
  sym_string_content = 18,
  sym_escape_sequence = 19,
  anon_sym_SQUOTE = 20,
  sym_source_file = 21,
  sym__form = 22,
  sym_list = 23,
  sym_vector = 24,
  sym_map = 25,
  sym_boolean = 26,
  sym_string = 27,
  sym_quote = 28,
  aux_sym_source_file_repeat1 = 29,
  aux_sym_string_repeat1 = 30,
};

static const char * const ts_symbol_names[] = {
  [ts_builtin_sym_end] = "end",
  [anon_sym_LPAREN] = "(",
  [anon_sym_RPAREN] = ")",
  [anon_sym_LBRACK] = "[",
  [anon_sym_RBRACK] = "]",
  [anon_sym_LBRACE] = "{",
  [anon_sym_RBRACE] = "}",
  [sym_nil] = "nil",
  [anon_sym_POUNDt] = "#t",
  [anon_sym_POUNDf] = "#f",
  [anon_sym_true] = "true",
  [anon_sym_false] = "false",
  [sym_comment] = "comment",
  [sym_float] = "float",
  [sym_integer] = "integer",
  [sym_keyword] = "keyword",
  [sym_symbol] = "symbol",
  [anon_sym_DQUOTE] = "\"",
  [sym_string_content] = "string_content",
  [sym_escape_sequence] = "escape_sequence",
  [anon_sym_SQUOTE] = "'",
  [sym_source_file] = "source_file",
  [sym__form] = "_form",
  [sym_list] = "list",
  [sym_vector] = "vector",
  [sym_map] = "map",
  [sym_boolean] = "boolean",
  [sym_string] = "string",
  [sym_quote] = "quote",
  [aux_sym_source_file_repeat1] = "source_file_repeat1",
  [aux_sym_string_repeat1] = "string_repeat1",
};

static const TSSymbol ts_symbol_map[] = {
  [ts_builtin_sym_end] = ts_builtin_sym_end,
  [anon_sym_LPAREN] = anon_sym_LPAREN,
  [anon_sym_RPAREN] = anon_sym_RPAREN,
  [anon_sym_LBRACK] = anon_sym_LBRACK,
  [anon_sym_RBRACK] = anon_sym_RBRACK,
  [anon_sym_LBRACE] = anon_sym_LBRACE,
  [anon_sym_RBRACE] = anon_sym_RBRACE,
  [sym_nil] = sym_nil,
  [anon_sym_POUNDt] = anon_sym_POUNDt,
  [anon_sym_POUNDf] = anon_sym_POUNDf,
  [anon_sym_true] = anon_sym_true,
  [anon_sym_false] = anon_sym_false,
  [sym_comment] = sym_comment,
  [sym_float] = sym_float,
  [sym_integer] = sym_integer,
  [sym_keyword] = sym_keyword,
  [sym_symbol] = sym_symbol,
  [anon_sym_DQUOTE] = anon_sym_DQUOTE,
  [sym_string_content] = sym_string_content,
  [sym_escape_sequence] = sym_escape_sequence,
  [anon_sym_SQUOTE] = anon_sym_SQUOTE,
  [sym_source_file] = sym_source_file,
  [sym__form] = sym__form,
  [sym_list] = sym_list,
  [sym_vector] = sym_vector,
  [sym_map] = sym_map,
  [sym_boolean] = sym_boolean,
  [sym_string] = sym_string,
  [sym_quote] = sym_quote,
  [aux_sym_source_file_repeat1] = aux_sym_source_file_repeat1,
  [aux_sym_string_repeat1] = aux_sym_string_repeat1,
};

static const TSSymbolMetadata ts_symbol_metadata[] = {
  [ts_builtin_sym_end] = {
    .visible = false,
    .named = true,
  },
  [anon_sym_LPAREN] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_RPAREN] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_LBRACK] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_RBRACK] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_LBRACE] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_RBRACE] = {
    .visible = true,
    .named = false,
  },
  [sym_nil] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_POUNDt] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_POUNDf] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_true] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_false] = {
    .visible = true,
    .named = false,
  },
  [sym_comment] = {
    .visible = true,
    .named = true,
  },
  [sym_float] = {
    .visible = true,
    .named = true,
  },
  [sym_integer] = {
    .visible = true,
    .named = true,
  },
  [sym_keyword] = {
    .visible = true,
    .named = true,
  },
  [sym_symbol] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_DQUOTE] = {
    .visible = true,
    .named = false,
  },
  [sym_string_content] = {
    .visible = true,
    .named = true,
  },
  [sym_escape_sequence] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_SQUOTE] = {
    .visible = true,
    .named = false,
  },
  [sym_source_file] = {
    .visible = true,
    .named = true,
  },
  [sym__form] = {
    .visible = false,
    .named = true,
  },
  [sym_list] = {
    .visible = true,
    .named = true,
  },
  [sym_vector] = {
    .visible = true,
    .named = true,
  },
  [sym_map] = {
    .visible = true,
    .named = true,
  },
  [sym_boolean] = {
    .visible = true,
    .named = true,
  },
  [sym_string] = {
    .visible = true,
    .named = true,
  },
  [sym_quote] = {
    .visible = true,
    .named = true,
  },
  [aux_sym_source_file_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_string_repeat1] = {
    .visible = false,
    .named = false,
  },
};

enum ts_field_identifiers {
  field_close = 1,
  field_marker = 2,
  field_open = 3,
  field_value = 4,
};

static const char * const ts_field_names[] = {
  [0] = NULL,
  [field_close] = "close",
  [field_marker] = "marker",
  [field_open] = "open",
  [field_value] = "value",
};

static const TSFieldMapSlice ts_field_map_slices[PRODUCTION_ID_COUNT] = {
  [1] = {.index = 0, .length = 2},
  [2] = {.index = 2, .length = 2},
  [3] = {.index = 4, .length = 2},
};

static const TSFieldMapEntry ts_field_map_entries[] = {
  [0] =
    {field_close, 1},
    {field_open, 0},
  [2] =
    {field_marker, 0},
    {field_value, 1},
  [4] =
    {field_close, 2},
    {field_open, 0},
};

static const TSSymbol ts_alias_sequences[PRODUCTION_ID_COUNT][MAX_ALIAS_SEQUENCE_LENGTH] = {
  [0] = {0},
};

static const uint16_t ts_non_terminal_alias_map[] = {
  0,
};

static const TSStateId ts_primary_state_ids[STATE_COUNT] = {
  [0] = 0,
  [1] = 1,
  [2] = 2,
  [3] = 3,
  [4] = 4,
  [5] = 5,
  [6] = 6,
  [7] = 7,
  [8] = 8,
  [9] = 9,
  [10] = 10,
  [11] = 11,
  [12] = 12,
  [13] = 13,
  [14] = 14,
  [15] = 15,
  [16] = 16,
  [17] = 17,
  [18] = 18,
  [19] = 19,
  [20] = 20,
  [21] = 21,
  [22] = 22,
  [23] = 23,
  [24] = 24,
};

static TSCharacterRange sym_keyword_character_set_1[] = {
  {0, 0x08}, {0x0e, 0x1f}, {'!', '!'}, {'#', '&'}, {'*', '+'}, {'-', ':'}, {'<', 'Z'}, {'\\', '\\'},
  {'^', 'z'}, {'|', '|'}, {'~', 0x10ffff},
};

static bool ts_lex(TSLexer *lexer, TSStateId state) {
  START_LEXER();
  eof = lexer->eof(lexer);
  switch (state) {
    case 0:
      if (eof) ADVANCE(5);
      ADVANCE_MAP(
        '"', 38,
        '#', 25,
        '\'', 46,
        '(', 6,
        ')', 7,
        ':', 36,
        ';', 17,
        '[', 8,
        '\\', 31,
        ']', 9,
        'f', 22,
        'n', 26,
        't', 29,
        '{', 10,
        '}', 11,
        '+', 34,
        '-', 34,
      );
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ' ||
          lookahead == ',') SKIP(4);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(20);
      if (lookahead != 0) ADVANCE(37);
      END_STATE();
    case 1:
      if (lookahead == '"') ADVANCE(38);
      if (lookahead == ';') ADVANCE(40);
      if (lookahead == '\\') ADVANCE(2);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ' ||
          lookahead == ',') ADVANCE(39);
      if (lookahead != 0) ADVANCE(41);
      END_STATE();
    case 2:
      if (lookahead == 'u') ADVANCE(43);
      if (lookahead != 0) ADVANCE(42);
      END_STATE();
    case 3:
      if (lookahead == '}') ADVANCE(42);
      if (lookahead != 0 &&
          (lookahead < '\t' || '\r' < lookahead) &&
          lookahead != ' ' &&
          lookahead != '"' &&
          lookahead != '\\') ADVANCE(3);
      END_STATE();
    case 4:
      if (eof) ADVANCE(5);
      ADVANCE_MAP(
        '"', 38,
        '#', 25,
        '\'', 46,
        '(', 6,
        ')', 7,
        ':', 36,
        ';', 17,
        '[', 8,
        ']', 9,
        'f', 22,
        'n', 26,
        't', 29,
        '{', 10,
        '}', 11,
        '+', 34,
        '-', 34,
      );
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ' ||
          lookahead == ',') SKIP(4);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(20);
      if (lookahead != 0) ADVANCE(37);
      END_STATE();
    case 5:
      ACCEPT_TOKEN(ts_builtin_sym_end);
      END_STATE();
    case 6:
      ACCEPT_TOKEN(anon_sym_LPAREN);
      END_STATE();
    case 7:
      ACCEPT_TOKEN(anon_sym_RPAREN);
      END_STATE();
    case 8:
      ACCEPT_TOKEN(anon_sym_LBRACK);
      END_STATE();
    case 9:
      ACCEPT_TOKEN(anon_sym_RBRACK);
      END_STATE();
    case 10:
      ACCEPT_TOKEN(anon_sym_LBRACE);
      END_STATE();
    case 11:
      ACCEPT_TOKEN(anon_sym_RBRACE);
      END_STATE();
    case 12:
      ACCEPT_TOKEN(sym_nil);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 13:
      ACCEPT_TOKEN(anon_sym_POUNDt);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 14:
      ACCEPT_TOKEN(anon_sym_POUNDf);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 15:
      ACCEPT_TOKEN(anon_sym_true);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 16:
      ACCEPT_TOKEN(anon_sym_false);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 17:
      ACCEPT_TOKEN(sym_comment);
      if (lookahead != 0 &&
          lookahead != '\n' &&
          lookahead != '\r') ADVANCE(17);
      END_STATE();
    case 18:
      ACCEPT_TOKEN(sym_float);
      if (lookahead == 'E' ||
          lookahead == 'e') ADVANCE(33);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(18);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 19:
      ACCEPT_TOKEN(sym_float);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(19);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 20:
      ACCEPT_TOKEN(sym_integer);
      if (lookahead == '.') ADVANCE(18);
      if (lookahead == 'E' ||
          lookahead == 'e') ADVANCE(33);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(20);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 21:
      ACCEPT_TOKEN(sym_keyword);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(21);
      END_STATE();
    case 22:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'a') ADVANCE(27);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 23:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'e') ADVANCE(15);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 24:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'e') ADVANCE(16);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 25:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'f') ADVANCE(14);
      if (lookahead == 't') ADVANCE(13);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 26:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'i') ADVANCE(28);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 27:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'l') ADVANCE(30);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 28:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'l') ADVANCE(12);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 29:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'r') ADVANCE(32);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 30:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 's') ADVANCE(24);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 31:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'u') ADVANCE(44);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ' ||
          lookahead == '"' ||
          ('\'' <= lookahead && lookahead <= ')') ||
          lookahead == ',' ||
          lookahead == ';' ||
          lookahead == '[' ||
          lookahead == ']' ||
          lookahead == '{' ||
          lookahead == '}') ADVANCE(42);
      if (lookahead != 0) ADVANCE(45);
      END_STATE();
    case 32:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == 'u') ADVANCE(23);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 33:
      ACCEPT_TOKEN(sym_symbol);
      if (lookahead == '+' ||
          lookahead == '-') ADVANCE(35);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(19);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 34:
      ACCEPT_TOKEN(sym_symbol);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(20);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 35:
      ACCEPT_TOKEN(sym_symbol);
      if (('0' <= lookahead && lookahead <= '9')) ADVANCE(19);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 36:
      ACCEPT_TOKEN(sym_symbol);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(21);
      END_STATE();
    case 37:
      ACCEPT_TOKEN(sym_symbol);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 38:
      ACCEPT_TOKEN(anon_sym_DQUOTE);
      END_STATE();
    case 39:
      ACCEPT_TOKEN(sym_string_content);
      if (lookahead == ';') ADVANCE(40);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ' ||
          lookahead == ',') ADVANCE(39);
      if (lookahead != 0 &&
          lookahead != '"' &&
          lookahead != '\\') ADVANCE(41);
      END_STATE();
    case 40:
      ACCEPT_TOKEN(sym_string_content);
      if (lookahead == '\n' ||
          lookahead == '\r') ADVANCE(41);
      if (lookahead != 0 &&
          lookahead != '"' &&
          lookahead != '\\') ADVANCE(40);
      END_STATE();
    case 41:
      ACCEPT_TOKEN(sym_string_content);
      if (lookahead != 0 &&
          lookahead != '"' &&
          lookahead != '\\') ADVANCE(41);
      END_STATE();
    case 42:
      ACCEPT_TOKEN(sym_escape_sequence);
      END_STATE();
    case 43:
      ACCEPT_TOKEN(sym_escape_sequence);
      if (lookahead == '{') ADVANCE(3);
      END_STATE();
    case 44:
      ACCEPT_TOKEN(sym_escape_sequence);
      if (lookahead == '{') ADVANCE(3);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 45:
      ACCEPT_TOKEN(sym_escape_sequence);
      if ((!eof && set_contains(sym_keyword_character_set_1, 11, lookahead))) ADVANCE(37);
      END_STATE();
    case 46:
      ACCEPT_TOKEN(anon_sym_SQUOTE);
      END_STATE();
    default:
      return false;
  }
}

static const TSLexMode ts_lex_modes[STATE_COUNT] = {
  [0] = {.lex_state = 0},
  [1] = {.lex_state = 4},
  [2] = {.lex_state = 4},
  [3] = {.lex_state = 4},
  [4] = {.lex_state = 4},
  [5] = {.lex_state = 4},
  [6] = {.lex_state = 4},
  [7] = {.lex_state = 4},
  [8] = {.lex_state = 4},
  [9] = {.lex_state = 4},
  [10] = {.lex_state = 4},
  [11] = {.lex_state = 4},
  [12] = {.lex_state = 4},
  [13] = {.lex_state = 4},
  [14] = {.lex_state = 4},
  [15] = {.lex_state = 4},
  [16] = {.lex_state = 4},
  [17] = {.lex_state = 4},
  [18] = {.lex_state = 4},
  [19] = {.lex_state = 4},
  [20] = {.lex_state = 4},
  [21] = {.lex_state = 1},
  [22] = {.lex_state = 1},
  [23] = {.lex_state = 1},
  [24] = {.lex_state = 0},
};

static const uint16_t ts_parse_table[LARGE_STATE_COUNT][SYMBOL_COUNT] = {
  [0] = {
    [ts_builtin_sym_end] = ACTIONS(1),
    [anon_sym_LPAREN] = ACTIONS(1),
    [anon_sym_RPAREN] = ACTIONS(1),
    [anon_sym_LBRACK] = ACTIONS(1),
    [anon_sym_RBRACK] = ACTIONS(1),
    [anon_sym_LBRACE] = ACTIONS(1),
    [anon_sym_RBRACE] = ACTIONS(1),
    [sym_nil] = ACTIONS(1),
    [anon_sym_POUNDt] = ACTIONS(1),
    [anon_sym_POUNDf] = ACTIONS(1),
    [anon_sym_true] = ACTIONS(1),
    [anon_sym_false] = ACTIONS(1),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(1),
    [sym_integer] = ACTIONS(1),
    [sym_keyword] = ACTIONS(1),
    [sym_symbol] = ACTIONS(1),
    [anon_sym_DQUOTE] = ACTIONS(1),
    [sym_escape_sequence] = ACTIONS(1),
    [anon_sym_SQUOTE] = ACTIONS(1),
  },
  [1] = {
    [sym_source_file] = STATE(24),
    [sym__form] = STATE(6),
    [sym_list] = STATE(6),
    [sym_vector] = STATE(6),
    [sym_map] = STATE(6),
    [sym_boolean] = STATE(6),
    [sym_string] = STATE(6),
    [sym_quote] = STATE(6),
    [aux_sym_source_file_repeat1] = STATE(6),
    [ts_builtin_sym_end] = ACTIONS(5),
    [anon_sym_LPAREN] = ACTIONS(7),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_LBRACE] = ACTIONS(11),
    [sym_nil] = ACTIONS(13),
    [anon_sym_POUNDt] = ACTIONS(15),
    [anon_sym_POUNDf] = ACTIONS(15),
    [anon_sym_true] = ACTIONS(15),
    [anon_sym_false] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(13),
    [sym_integer] = ACTIONS(13),
    [sym_keyword] = ACTIONS(17),
    [sym_symbol] = ACTIONS(13),
    [anon_sym_DQUOTE] = ACTIONS(19),
    [anon_sym_SQUOTE] = ACTIONS(21),
  },
  [2] = {
    [sym__form] = STATE(2),
    [sym_list] = STATE(2),
    [sym_vector] = STATE(2),
    [sym_map] = STATE(2),
    [sym_boolean] = STATE(2),
    [sym_string] = STATE(2),
    [sym_quote] = STATE(2),
    [aux_sym_source_file_repeat1] = STATE(2),
    [ts_builtin_sym_end] = ACTIONS(23),
    [anon_sym_LPAREN] = ACTIONS(25),
    [anon_sym_RPAREN] = ACTIONS(23),
    [anon_sym_LBRACK] = ACTIONS(28),
    [anon_sym_RBRACK] = ACTIONS(23),
    [anon_sym_LBRACE] = ACTIONS(31),
    [anon_sym_RBRACE] = ACTIONS(23),
    [sym_nil] = ACTIONS(34),
    [anon_sym_POUNDt] = ACTIONS(37),
    [anon_sym_POUNDf] = ACTIONS(37),
    [anon_sym_true] = ACTIONS(37),
    [anon_sym_false] = ACTIONS(37),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(34),
    [sym_integer] = ACTIONS(34),
    [sym_keyword] = ACTIONS(40),
    [sym_symbol] = ACTIONS(34),
    [anon_sym_DQUOTE] = ACTIONS(43),
    [anon_sym_SQUOTE] = ACTIONS(46),
  },
  [3] = {
    [sym__form] = STATE(7),
    [sym_list] = STATE(7),
    [sym_vector] = STATE(7),
    [sym_map] = STATE(7),
    [sym_boolean] = STATE(7),
    [sym_string] = STATE(7),
    [sym_quote] = STATE(7),
    [aux_sym_source_file_repeat1] = STATE(7),
    [anon_sym_LPAREN] = ACTIONS(7),
    [anon_sym_RPAREN] = ACTIONS(49),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_LBRACE] = ACTIONS(11),
    [sym_nil] = ACTIONS(51),
    [anon_sym_POUNDt] = ACTIONS(15),
    [anon_sym_POUNDf] = ACTIONS(15),
    [anon_sym_true] = ACTIONS(15),
    [anon_sym_false] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(51),
    [sym_integer] = ACTIONS(51),
    [sym_keyword] = ACTIONS(53),
    [sym_symbol] = ACTIONS(51),
    [anon_sym_DQUOTE] = ACTIONS(19),
    [anon_sym_SQUOTE] = ACTIONS(21),
  },
  [4] = {
    [sym__form] = STATE(8),
    [sym_list] = STATE(8),
    [sym_vector] = STATE(8),
    [sym_map] = STATE(8),
    [sym_boolean] = STATE(8),
    [sym_string] = STATE(8),
    [sym_quote] = STATE(8),
    [aux_sym_source_file_repeat1] = STATE(8),
    [anon_sym_LPAREN] = ACTIONS(7),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_RBRACK] = ACTIONS(55),
    [anon_sym_LBRACE] = ACTIONS(11),
    [sym_nil] = ACTIONS(57),
    [anon_sym_POUNDt] = ACTIONS(15),
    [anon_sym_POUNDf] = ACTIONS(15),
    [anon_sym_true] = ACTIONS(15),
    [anon_sym_false] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(57),
    [sym_integer] = ACTIONS(57),
    [sym_keyword] = ACTIONS(59),
    [sym_symbol] = ACTIONS(57),
    [anon_sym_DQUOTE] = ACTIONS(19),
    [anon_sym_SQUOTE] = ACTIONS(21),
  },
  [5] = {
    [sym__form] = STATE(9),
    [sym_list] = STATE(9),
    [sym_vector] = STATE(9),
    [sym_map] = STATE(9),
    [sym_boolean] = STATE(9),
    [sym_string] = STATE(9),
    [sym_quote] = STATE(9),
    [aux_sym_source_file_repeat1] = STATE(9),
    [anon_sym_LPAREN] = ACTIONS(7),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_LBRACE] = ACTIONS(11),
    [anon_sym_RBRACE] = ACTIONS(61),
    [sym_nil] = ACTIONS(63),
    [anon_sym_POUNDt] = ACTIONS(15),
    [anon_sym_POUNDf] = ACTIONS(15),
    [anon_sym_true] = ACTIONS(15),
    [anon_sym_false] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(63),
    [sym_integer] = ACTIONS(63),
    [sym_keyword] = ACTIONS(65),
    [sym_symbol] = ACTIONS(63),
    [anon_sym_DQUOTE] = ACTIONS(19),
    [anon_sym_SQUOTE] = ACTIONS(21),
  },
  [6] = {
    [sym__form] = STATE(2),
    [sym_list] = STATE(2),
    [sym_vector] = STATE(2),
    [sym_map] = STATE(2),
    [sym_boolean] = STATE(2),
    [sym_string] = STATE(2),
    [sym_quote] = STATE(2),
    [aux_sym_source_file_repeat1] = STATE(2),
    [ts_builtin_sym_end] = ACTIONS(67),
    [anon_sym_LPAREN] = ACTIONS(7),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_LBRACE] = ACTIONS(11),
    [sym_nil] = ACTIONS(69),
    [anon_sym_POUNDt] = ACTIONS(15),
    [anon_sym_POUNDf] = ACTIONS(15),
    [anon_sym_true] = ACTIONS(15),
    [anon_sym_false] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(69),
    [sym_integer] = ACTIONS(69),
    [sym_keyword] = ACTIONS(71),
    [sym_symbol] = ACTIONS(69),
    [anon_sym_DQUOTE] = ACTIONS(19),
    [anon_sym_SQUOTE] = ACTIONS(21),
  },
  [7] = {
    [sym__form] = STATE(2),
    [sym_list] = STATE(2),
    [sym_vector] = STATE(2),
    [sym_map] = STATE(2),
    [sym_boolean] = STATE(2),
    [sym_string] = STATE(2),
    [sym_quote] = STATE(2),
    [aux_sym_source_file_repeat1] = STATE(2),
    [anon_sym_LPAREN] = ACTIONS(7),
    [anon_sym_RPAREN] = ACTIONS(73),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_LBRACE] = ACTIONS(11),
    [sym_nil] = ACTIONS(69),
    [anon_sym_POUNDt] = ACTIONS(15),
    [anon_sym_POUNDf] = ACTIONS(15),
    [anon_sym_true] = ACTIONS(15),
    [anon_sym_false] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(69),
    [sym_integer] = ACTIONS(69),
    [sym_keyword] = ACTIONS(71),
    [sym_symbol] = ACTIONS(69),
    [anon_sym_DQUOTE] = ACTIONS(19),
    [anon_sym_SQUOTE] = ACTIONS(21),
  },
  [8] = {
    [sym__form] = STATE(2),
    [sym_list] = STATE(2),
    [sym_vector] = STATE(2),
    [sym_map] = STATE(2),
    [sym_boolean] = STATE(2),
    [sym_string] = STATE(2),
    [sym_quote] = STATE(2),
    [aux_sym_source_file_repeat1] = STATE(2),
    [anon_sym_LPAREN] = ACTIONS(7),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_RBRACK] = ACTIONS(75),
    [anon_sym_LBRACE] = ACTIONS(11),
    [sym_nil] = ACTIONS(69),
    [anon_sym_POUNDt] = ACTIONS(15),
    [anon_sym_POUNDf] = ACTIONS(15),
    [anon_sym_true] = ACTIONS(15),
    [anon_sym_false] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(69),
    [sym_integer] = ACTIONS(69),
    [sym_keyword] = ACTIONS(71),
    [sym_symbol] = ACTIONS(69),
    [anon_sym_DQUOTE] = ACTIONS(19),
    [anon_sym_SQUOTE] = ACTIONS(21),
  },
  [9] = {
    [sym__form] = STATE(2),
    [sym_list] = STATE(2),
    [sym_vector] = STATE(2),
    [sym_map] = STATE(2),
    [sym_boolean] = STATE(2),
    [sym_string] = STATE(2),
    [sym_quote] = STATE(2),
    [aux_sym_source_file_repeat1] = STATE(2),
    [anon_sym_LPAREN] = ACTIONS(7),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_LBRACE] = ACTIONS(11),
    [anon_sym_RBRACE] = ACTIONS(77),
    [sym_nil] = ACTIONS(69),
    [anon_sym_POUNDt] = ACTIONS(15),
    [anon_sym_POUNDf] = ACTIONS(15),
    [anon_sym_true] = ACTIONS(15),
    [anon_sym_false] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(69),
    [sym_integer] = ACTIONS(69),
    [sym_keyword] = ACTIONS(71),
    [sym_symbol] = ACTIONS(69),
    [anon_sym_DQUOTE] = ACTIONS(19),
    [anon_sym_SQUOTE] = ACTIONS(21),
  },
  [10] = {
    [sym__form] = STATE(16),
    [sym_list] = STATE(16),
    [sym_vector] = STATE(16),
    [sym_map] = STATE(16),
    [sym_boolean] = STATE(16),
    [sym_string] = STATE(16),
    [sym_quote] = STATE(16),
    [anon_sym_LPAREN] = ACTIONS(7),
    [anon_sym_LBRACK] = ACTIONS(9),
    [anon_sym_LBRACE] = ACTIONS(11),
    [sym_nil] = ACTIONS(79),
    [anon_sym_POUNDt] = ACTIONS(15),
    [anon_sym_POUNDf] = ACTIONS(15),
    [anon_sym_true] = ACTIONS(15),
    [anon_sym_false] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(79),
    [sym_integer] = ACTIONS(79),
    [sym_keyword] = ACTIONS(81),
    [sym_symbol] = ACTIONS(79),
    [anon_sym_DQUOTE] = ACTIONS(19),
    [anon_sym_SQUOTE] = ACTIONS(21),
  },
  [11] = {
    [ts_builtin_sym_end] = ACTIONS(83),
    [anon_sym_LPAREN] = ACTIONS(83),
    [anon_sym_RPAREN] = ACTIONS(83),
    [anon_sym_LBRACK] = ACTIONS(83),
    [anon_sym_RBRACK] = ACTIONS(83),
    [anon_sym_LBRACE] = ACTIONS(83),
    [anon_sym_RBRACE] = ACTIONS(83),
    [sym_nil] = ACTIONS(85),
    [anon_sym_POUNDt] = ACTIONS(85),
    [anon_sym_POUNDf] = ACTIONS(85),
    [anon_sym_true] = ACTIONS(85),
    [anon_sym_false] = ACTIONS(85),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(85),
    [sym_integer] = ACTIONS(85),
    [sym_keyword] = ACTIONS(83),
    [sym_symbol] = ACTIONS(85),
    [anon_sym_DQUOTE] = ACTIONS(83),
    [anon_sym_SQUOTE] = ACTIONS(83),
  },
  [12] = {
    [ts_builtin_sym_end] = ACTIONS(87),
    [anon_sym_LPAREN] = ACTIONS(87),
    [anon_sym_RPAREN] = ACTIONS(87),
    [anon_sym_LBRACK] = ACTIONS(87),
    [anon_sym_RBRACK] = ACTIONS(87),
    [anon_sym_LBRACE] = ACTIONS(87),
    [anon_sym_RBRACE] = ACTIONS(87),
    [sym_nil] = ACTIONS(89),
    [anon_sym_POUNDt] = ACTIONS(89),
    [anon_sym_POUNDf] = ACTIONS(89),
    [anon_sym_true] = ACTIONS(89),
    [anon_sym_false] = ACTIONS(89),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(89),
    [sym_integer] = ACTIONS(89),
    [sym_keyword] = ACTIONS(87),
    [sym_symbol] = ACTIONS(89),
    [anon_sym_DQUOTE] = ACTIONS(87),
    [anon_sym_SQUOTE] = ACTIONS(87),
  },
  [13] = {
    [ts_builtin_sym_end] = ACTIONS(91),
    [anon_sym_LPAREN] = ACTIONS(91),
    [anon_sym_RPAREN] = ACTIONS(91),
    [anon_sym_LBRACK] = ACTIONS(91),
    [anon_sym_RBRACK] = ACTIONS(91),
    [anon_sym_LBRACE] = ACTIONS(91),
    [anon_sym_RBRACE] = ACTIONS(91),
    [sym_nil] = ACTIONS(93),
    [anon_sym_POUNDt] = ACTIONS(93),
    [anon_sym_POUNDf] = ACTIONS(93),
    [anon_sym_true] = ACTIONS(93),
    [anon_sym_false] = ACTIONS(93),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(93),
    [sym_integer] = ACTIONS(93),
    [sym_keyword] = ACTIONS(91),
    [sym_symbol] = ACTIONS(93),
    [anon_sym_DQUOTE] = ACTIONS(91),
    [anon_sym_SQUOTE] = ACTIONS(91),
  },
  [14] = {
    [ts_builtin_sym_end] = ACTIONS(95),
    [anon_sym_LPAREN] = ACTIONS(95),
    [anon_sym_RPAREN] = ACTIONS(95),
    [anon_sym_LBRACK] = ACTIONS(95),
    [anon_sym_RBRACK] = ACTIONS(95),
    [anon_sym_LBRACE] = ACTIONS(95),
    [anon_sym_RBRACE] = ACTIONS(95),
    [sym_nil] = ACTIONS(97),
    [anon_sym_POUNDt] = ACTIONS(97),
    [anon_sym_POUNDf] = ACTIONS(97),
    [anon_sym_true] = ACTIONS(97),
    [anon_sym_false] = ACTIONS(97),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(97),
    [sym_integer] = ACTIONS(97),
    [sym_keyword] = ACTIONS(95),
    [sym_symbol] = ACTIONS(97),
    [anon_sym_DQUOTE] = ACTIONS(95),
    [anon_sym_SQUOTE] = ACTIONS(95),
  },
  [15] = {
    [ts_builtin_sym_end] = ACTIONS(99),
    [anon_sym_LPAREN] = ACTIONS(99),
    [anon_sym_RPAREN] = ACTIONS(99),
    [anon_sym_LBRACK] = ACTIONS(99),
    [anon_sym_RBRACK] = ACTIONS(99),
    [anon_sym_LBRACE] = ACTIONS(99),
    [anon_sym_RBRACE] = ACTIONS(99),
    [sym_nil] = ACTIONS(101),
    [anon_sym_POUNDt] = ACTIONS(101),
    [anon_sym_POUNDf] = ACTIONS(101),
    [anon_sym_true] = ACTIONS(101),
    [anon_sym_false] = ACTIONS(101),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(101),
    [sym_integer] = ACTIONS(101),
    [sym_keyword] = ACTIONS(99),
    [sym_symbol] = ACTIONS(101),
    [anon_sym_DQUOTE] = ACTIONS(99),
    [anon_sym_SQUOTE] = ACTIONS(99),
  },
  [16] = {
    [ts_builtin_sym_end] = ACTIONS(103),
    [anon_sym_LPAREN] = ACTIONS(103),
    [anon_sym_RPAREN] = ACTIONS(103),
    [anon_sym_LBRACK] = ACTIONS(103),
    [anon_sym_RBRACK] = ACTIONS(103),
    [anon_sym_LBRACE] = ACTIONS(103),
    [anon_sym_RBRACE] = ACTIONS(103),
    [sym_nil] = ACTIONS(105),
    [anon_sym_POUNDt] = ACTIONS(105),
    [anon_sym_POUNDf] = ACTIONS(105),
    [anon_sym_true] = ACTIONS(105),
    [anon_sym_false] = ACTIONS(105),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(105),
    [sym_integer] = ACTIONS(105),
    [sym_keyword] = ACTIONS(103),
    [sym_symbol] = ACTIONS(105),
    [anon_sym_DQUOTE] = ACTIONS(103),
    [anon_sym_SQUOTE] = ACTIONS(103),
  },
  [17] = {
    [ts_builtin_sym_end] = ACTIONS(107),
    [anon_sym_LPAREN] = ACTIONS(107),
    [anon_sym_RPAREN] = ACTIONS(107),
    [anon_sym_LBRACK] = ACTIONS(107),
    [anon_sym_RBRACK] = ACTIONS(107),
    [anon_sym_LBRACE] = ACTIONS(107),
    [anon_sym_RBRACE] = ACTIONS(107),
    [sym_nil] = ACTIONS(109),
    [anon_sym_POUNDt] = ACTIONS(109),
    [anon_sym_POUNDf] = ACTIONS(109),
    [anon_sym_true] = ACTIONS(109),
    [anon_sym_false] = ACTIONS(109),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(109),
    [sym_integer] = ACTIONS(109),
    [sym_keyword] = ACTIONS(107),
    [sym_symbol] = ACTIONS(109),
    [anon_sym_DQUOTE] = ACTIONS(107),
    [anon_sym_SQUOTE] = ACTIONS(107),
  },
  [18] = {
    [ts_builtin_sym_end] = ACTIONS(111),
    [anon_sym_LPAREN] = ACTIONS(111),
    [anon_sym_RPAREN] = ACTIONS(111),
    [anon_sym_LBRACK] = ACTIONS(111),
    [anon_sym_RBRACK] = ACTIONS(111),
    [anon_sym_LBRACE] = ACTIONS(111),
    [anon_sym_RBRACE] = ACTIONS(111),
    [sym_nil] = ACTIONS(113),
    [anon_sym_POUNDt] = ACTIONS(113),
    [anon_sym_POUNDf] = ACTIONS(113),
    [anon_sym_true] = ACTIONS(113),
    [anon_sym_false] = ACTIONS(113),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(113),
    [sym_integer] = ACTIONS(113),
    [sym_keyword] = ACTIONS(111),
    [sym_symbol] = ACTIONS(113),
    [anon_sym_DQUOTE] = ACTIONS(111),
    [anon_sym_SQUOTE] = ACTIONS(111),
  },
  [19] = {
    [ts_builtin_sym_end] = ACTIONS(115),
    [anon_sym_LPAREN] = ACTIONS(115),
    [anon_sym_RPAREN] = ACTIONS(115),
    [anon_sym_LBRACK] = ACTIONS(115),
    [anon_sym_RBRACK] = ACTIONS(115),
    [anon_sym_LBRACE] = ACTIONS(115),
    [anon_sym_RBRACE] = ACTIONS(115),
    [sym_nil] = ACTIONS(117),
    [anon_sym_POUNDt] = ACTIONS(117),
    [anon_sym_POUNDf] = ACTIONS(117),
    [anon_sym_true] = ACTIONS(117),
    [anon_sym_false] = ACTIONS(117),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(117),
    [sym_integer] = ACTIONS(117),
    [sym_keyword] = ACTIONS(115),
    [sym_symbol] = ACTIONS(117),
    [anon_sym_DQUOTE] = ACTIONS(115),
    [anon_sym_SQUOTE] = ACTIONS(115),
  },
  [20] = {
    [ts_builtin_sym_end] = ACTIONS(119),
    [anon_sym_LPAREN] = ACTIONS(119),
    [anon_sym_RPAREN] = ACTIONS(119),
    [anon_sym_LBRACK] = ACTIONS(119),
    [anon_sym_RBRACK] = ACTIONS(119),
    [anon_sym_LBRACE] = ACTIONS(119),
    [anon_sym_RBRACE] = ACTIONS(119),
    [sym_nil] = ACTIONS(121),
    [anon_sym_POUNDt] = ACTIONS(121),
    [anon_sym_POUNDf] = ACTIONS(121),
    [anon_sym_true] = ACTIONS(121),
    [anon_sym_false] = ACTIONS(121),
    [sym_comment] = ACTIONS(3),
    [sym_float] = ACTIONS(121),
    [sym_integer] = ACTIONS(121),
    [sym_keyword] = ACTIONS(119),
    [sym_symbol] = ACTIONS(121),
    [anon_sym_DQUOTE] = ACTIONS(119),
    [anon_sym_SQUOTE] = ACTIONS(119),
  },
};

static const uint16_t ts_small_parse_table[] = {
  [0] = 4,
    ACTIONS(123), 1,
      sym_comment,
    ACTIONS(125), 1,
      anon_sym_DQUOTE,
    STATE(22), 1,
      aux_sym_string_repeat1,
    ACTIONS(127), 2,
      sym_string_content,
      sym_escape_sequence,
  [14] = 4,
    ACTIONS(123), 1,
      sym_comment,
    ACTIONS(129), 1,
      anon_sym_DQUOTE,
    STATE(23), 1,
      aux_sym_string_repeat1,
    ACTIONS(131), 2,
      sym_string_content,
      sym_escape_sequence,
  [28] = 4,
    ACTIONS(123), 1,
      sym_comment,
    ACTIONS(133), 1,
      anon_sym_DQUOTE,
    STATE(23), 1,
      aux_sym_string_repeat1,
    ACTIONS(135), 2,
      sym_string_content,
      sym_escape_sequence,
  [42] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(138), 1,
      ts_builtin_sym_end,
};

static const uint32_t ts_small_parse_table_map[] = {
  [SMALL_STATE(21)] = 0,
  [SMALL_STATE(22)] = 14,
  [SMALL_STATE(23)] = 28,
  [SMALL_STATE(24)] = 42,
};

static const TSParseActionEntry ts_parse_actions[] = {
  [0] = {.entry = {.count = 0, .reusable = false}},
  [1] = {.entry = {.count = 1, .reusable = false}}, RECOVER(),
  [3] = {.entry = {.count = 1, .reusable = true}}, SHIFT_EXTRA(),
  [5] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 0, 0, 0),
  [7] = {.entry = {.count = 1, .reusable = true}}, SHIFT(3),
  [9] = {.entry = {.count = 1, .reusable = true}}, SHIFT(4),
  [11] = {.entry = {.count = 1, .reusable = true}}, SHIFT(5),
  [13] = {.entry = {.count = 1, .reusable = false}}, SHIFT(6),
  [15] = {.entry = {.count = 1, .reusable = false}}, SHIFT(11),
  [17] = {.entry = {.count = 1, .reusable = true}}, SHIFT(6),
  [19] = {.entry = {.count = 1, .reusable = true}}, SHIFT(21),
  [21] = {.entry = {.count = 1, .reusable = true}}, SHIFT(10),
  [23] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0),
  [25] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(3),
  [28] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(4),
  [31] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(5),
  [34] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(2),
  [37] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(11),
  [40] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(2),
  [43] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(21),
  [46] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(10),
  [49] = {.entry = {.count = 1, .reusable = true}}, SHIFT(12),
  [51] = {.entry = {.count = 1, .reusable = false}}, SHIFT(7),
  [53] = {.entry = {.count = 1, .reusable = true}}, SHIFT(7),
  [55] = {.entry = {.count = 1, .reusable = true}}, SHIFT(13),
  [57] = {.entry = {.count = 1, .reusable = false}}, SHIFT(8),
  [59] = {.entry = {.count = 1, .reusable = true}}, SHIFT(8),
  [61] = {.entry = {.count = 1, .reusable = true}}, SHIFT(14),
  [63] = {.entry = {.count = 1, .reusable = false}}, SHIFT(9),
  [65] = {.entry = {.count = 1, .reusable = true}}, SHIFT(9),
  [67] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 1, 0, 0),
  [69] = {.entry = {.count = 1, .reusable = false}}, SHIFT(2),
  [71] = {.entry = {.count = 1, .reusable = true}}, SHIFT(2),
  [73] = {.entry = {.count = 1, .reusable = true}}, SHIFT(18),
  [75] = {.entry = {.count = 1, .reusable = true}}, SHIFT(19),
  [77] = {.entry = {.count = 1, .reusable = true}}, SHIFT(20),
  [79] = {.entry = {.count = 1, .reusable = false}}, SHIFT(16),
  [81] = {.entry = {.count = 1, .reusable = true}}, SHIFT(16),
  [83] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_boolean, 1, 0, 0),
  [85] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_boolean, 1, 0, 0),
  [87] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_list, 2, 0, 1),
  [89] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_list, 2, 0, 1),
  [91] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_vector, 2, 0, 1),
  [93] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_vector, 2, 0, 1),
  [95] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_map, 2, 0, 1),
  [97] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_map, 2, 0, 1),
  [99] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_string, 3, 0, 3),
  [101] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_string, 3, 0, 3),
  [103] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_quote, 2, 0, 2),
  [105] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_quote, 2, 0, 2),
  [107] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_string, 2, 0, 1),
  [109] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_string, 2, 0, 1),
  [111] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_list, 3, 0, 3),
  [113] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_list, 3, 0, 3),
  [115] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_vector, 3, 0, 3),
  [117] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_vector, 3, 0, 3),
  [119] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_map, 3, 0, 3),
  [121] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_map, 3, 0, 3),
  [123] = {.entry = {.count = 1, .reusable = false}}, SHIFT_EXTRA(),
  [125] = {.entry = {.count = 1, .reusable = false}}, SHIFT(17),
  [127] = {.entry = {.count = 1, .reusable = true}}, SHIFT(22),
  [129] = {.entry = {.count = 1, .reusable = false}}, SHIFT(15),
  [131] = {.entry = {.count = 1, .reusable = true}}, SHIFT(23),
  [133] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_string_repeat1, 2, 0, 0),
  [135] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_string_repeat1, 2, 0, 0), SHIFT_REPEAT(23),
  [138] = {.entry = {.count = 1, .reusable = true}},  ACCEPT_INPUT(),
};

#ifdef __cplusplus
extern "C" {
#endif
#ifdef TREE_SITTER_HIDE_SYMBOLS
#define TS_PUBLIC
#elif defined(_WIN32)
#define TS_PUBLIC __declspec(dllexport)
#else
#define TS_PUBLIC __attribute__((visibility("default")))
#endif

TS_PUBLIC const TSLanguage *tree_sitter_claudelang(void) {
  static const TSLanguage language = {
    .version = LANGUAGE_VERSION,
    .symbol_count = SYMBOL_COUNT,
    .alias_count = ALIAS_COUNT,
    .token_count = TOKEN_COUNT,
    .external_token_count = EXTERNAL_TOKEN_COUNT,
    .state_count = STATE_COUNT,
    .large_state_count = LARGE_STATE_COUNT,
    .production_id_count = PRODUCTION_ID_COUNT,
    .field_count = FIELD_COUNT,
    .max_alias_sequence_length = MAX_ALIAS_SEQUENCE_LENGTH,
    .parse_table = &ts_parse_table[0][0],
    .small_parse_table = ts_small_parse_table,
    .small_parse_table_map = ts_small_parse_table_map,
    .parse_actions = ts_parse_actions,
    .symbol_names = ts_symbol_names,
    .field_names = ts_field_names,
    .field_map_slices = ts_field_map_slices,
    .field_map_entries = ts_field_map_entries,
    .symbol_metadata = ts_symbol_metadata,
    .public_symbol_map = ts_symbol_map,
    .alias_map = ts_non_terminal_alias_map,
    .alias_sequences = &ts_alias_sequences[0][0],
    .lex_modes = ts_lex_modes,
    .lex_fn = ts_lex,
    .primary_state_ids = ts_primary_state_ids,
  };
  return &language;
}
#ifdef __cplusplus
}
#endif
