/** The TextMate grammar compiles under Oniguruma (as in VS Code) and scopes the basics right. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..');

async function grammar(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName !== 'source.claudelang') {
        return null;
      }
      const path = join(root, 'syntaxes', 'claudelang.tmLanguage.json');
      return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
  });
  const loaded = await registry.loadGrammar('source.claudelang');
  assert.ok(loaded);
  return loaded;
}

/** [token text, innermost scope] for each token of each line. */
async function tokens(source: string): Promise<[string, string][]> {
  const g = await grammar();
  let state = textmate.INITIAL;
  const out: [string, string][] = [];
  for (const line of source.split('\n')) {
    const result = g.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const text = line.slice(token.startIndex, token.endIndex);
      if (text.trim().length > 0) {
        out.push([text, token.scopes[token.scopes.length - 1]]);
      }
    }
    state = result.ruleStack;
  }
  return out;
}

function scopeOf(all: [string, string][], text: string): string | undefined {
  return all.find(([t]) => t === text)?.[1];
}

test('definitions, special forms, builtins and effects', async () => {
  const all = await tokens('(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n(io:print (string->list "ab"))');
  assert.equal(scopeOf(all, 'define'), 'keyword.control.define.claudelang');
  assert.equal(scopeOf(all, 'fib'), 'entity.name.function.claudelang');
  assert.equal(scopeOf(all, 'if'), 'keyword.control.claudelang');
  assert.equal(scopeOf(all, '<'), 'keyword.operator.claudelang');
  assert.equal(scopeOf(all, 'io:print'), 'support.function.effect.claudelang');
  assert.equal(scopeOf(all, 'string->list'), 'support.function.builtin.claudelang');
  assert.equal(scopeOf(all, '2'), 'constant.numeric.integer.claudelang');
});

test('literals, keywords, constructors and quotes', async () => {
  const all = await tokens("(data Shape (Circle r))\n[1.5 -2 #t nil :name 'sym 3.]");
  assert.equal(scopeOf(all, 'Shape'), 'entity.name.type.claudelang');
  assert.equal(scopeOf(all, 'Circle'), 'entity.name.type.constructor.claudelang');
  assert.equal(scopeOf(all, '1.5'), 'constant.numeric.float.claudelang');
  assert.equal(scopeOf(all, '3.'), 'constant.numeric.float.claudelang');
  assert.equal(scopeOf(all, '-2'), 'constant.numeric.integer.claudelang');
  assert.equal(scopeOf(all, '#t'), 'constant.language.boolean.claudelang');
  assert.equal(scopeOf(all, 'nil'), 'constant.language.nil.claudelang');
  assert.equal(scopeOf(all, ':name'), 'constant.other.keyword.claudelang');
  assert.equal(scopeOf(all, 'sym'), 'constant.other.symbol.quoted.claudelang');
});

test('strings, escapes, comments and cell markers', async () => {
  const all = await tokens(';; %% Setup\n(define s "a\\n\\q") ; note');
  assert.equal(scopeOf(all, ' Setup'), 'markup.heading.cell.claudelang');
  assert.equal(scopeOf(all, '\\n'), 'constant.character.escape.claudelang');
  assert.equal(scopeOf(all, '\\q'), 'invalid.illegal.escape.claudelang');
  assert.equal(scopeOf(all, ' note'), 'comment.line.semicolon.claudelang');
  assert.equal(scopeOf(all, 's'), 'entity.name.variable.claudelang');
});

test('symbols with punctuation stay whole', async () => {
  const all = await tokens('(set! count (+ count 1)) (empty? xs) (my-fn ...rest)');
  assert.equal(scopeOf(all, 'set!'), 'keyword.control.claudelang');
  assert.equal(scopeOf(all, 'empty?'), 'support.function.builtin.claudelang');
  assert.equal(scopeOf(all, 'my-fn'), 'entity.name.function.call.claudelang');
  assert.equal(scopeOf(all, '...rest'), 'variable.other.claudelang');
});

test('the language configuration keeps symbols whole and indents after an open form', () => {
  const config = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8'));
  const word = new RegExp(config.wordPattern, 'gu');
  assert.deepEqual('(io:print (string->list s) empty? set! a,b)'.match(word), ['io:print', 'string->list', 's', 'empty?', 'set!', 'a', 'b']);
  const increase = new RegExp(config.indentationRules.increaseIndentPattern, 'u');
  assert.equal(increase.test('(define (f x)'), true);
  assert.equal(increase.test('(+ 1 2)'), false);
  assert.equal(increase.test('(define x 1) ; (not code'), false);
  const closing = config.autoClosingPairs.map((pair: { open: string }) => pair.open);
  assert.deepEqual(closing, ['(', '[', '{', '"']);
  assert.equal(config.comments.lineComment, ';');
});
