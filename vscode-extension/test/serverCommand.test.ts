import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { firstWorking, probe } from '../src/probe';
import { explainFailure, probeCommand, serverCandidates, startupErrorMessage } from '../src/serverCommand';

test('server.path comes first and is started with --stdio', () => {
  const [first, second] = serverCandidates({ serverPath: '/opt/bin/claudelang-lsp', python: '/venv/bin/python', platform: 'linux' });
  assert.deepEqual([first.command, ...first.args], ['/opt/bin/claudelang-lsp', '--stdio']);
  assert.equal(first.kind, 'executable');
  assert.deepEqual([second.command, ...second.args], ['/venv/bin/python', '-m', 'claudelang.lsp.main', '--stdio']);
});

test('an explicit interpreter replaces the defaults', () => {
  const candidates = serverCandidates({ python: '/venv/bin/python', pythonExtension: ['/other/python'], platform: 'linux' });
  assert.deepEqual(candidates.map((c) => c.command), ['/venv/bin/python']);
});

test("the Python extension's interpreter, then python3", () => {
  const candidates = serverCandidates({ pythonExtension: ['conda', 'run', '-n', 'x', 'python'], platform: 'linux' });
  assert.deepEqual(
    candidates.map((c) => [c.command, ...c.args]),
    [
      ['conda', 'run', '-n', 'x', 'python', '-m', 'claudelang.lsp.main', '--stdio'],
      ['python3', '-m', 'claudelang.lsp.main', '--stdio'],
    ],
  );
});

test('python on Windows, and no duplicates', () => {
  assert.deepEqual(serverCandidates({ platform: 'win32' }).map((c) => c.command), ['python']);
  assert.deepEqual(serverCandidates({ pythonExtension: ['python3'], platform: 'linux' }).map((c) => c.command), ['python3']);
  assert.deepEqual(serverCandidates({ serverPath: '  ', python: '', platform: 'linux' }).map((c) => c.command), ['python3']);
});

test('probes import the server module or ask the executable its version', () => {
  const [exe, py] = serverCandidates({ serverPath: 'claudelang-lsp', pythonExtension: ['conda', 'run', 'python'], platform: 'linux' });
  assert.deepEqual(probeCommand(exe), { command: 'claudelang-lsp', args: ['--version'] });
  assert.deepEqual(probeCommand(py), { command: 'conda', args: ['run', 'python', '-c', 'import claudelang.lsp.main'] });
});

test('failures are explained and the message says how to fix it', () => {
  const [candidate] = serverCandidates({ python: '/venv/bin/python', platform: 'linux' });
  const missing = explainFailure({ candidate, reason: 'exit', exitCode: 1, stderr: "ModuleNotFoundError: No module named 'claudelang'\n" });
  assert.match(missing, /not installed in this interpreter/);
  assert.match(explainFailure({ candidate, reason: 'ENOENT' }), /\/venv\/bin\/python .*not found/);
  const message = startupErrorMessage([{ candidate, reason: 'ENOENT' }]);
  assert.match(message, /claudelang\.server\.python/);
  assert.match(message, /claudelang\.server\.path/);
  assert.match(message, /pip install/);
});

test('probing a missing program reports ENOENT', async () => {
  const [candidate] = serverCandidates({ serverPath: '/nonexistent/claudelang-lsp', platform: 'linux' });
  const result = await probe(candidate);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.reason, 'ENOENT');
});

test('probing an interpreter without the package reports the exit', async () => {
  // `node` stands in for an interpreter: `node -c ...` fails with a non-zero exit code.
  const [candidate] = serverCandidates({ python: process.execPath, platform: 'linux' });
  const found = await firstWorking([candidate]);
  assert.equal(found.candidate, undefined);
  assert.equal(found.failures.length, 1);
  assert.equal(found.failures[0].reason, 'exit');
});

function hasClaudeLang(): boolean {
  try {
    execFileSync('python3', ['-c', 'import claudelang.lsp.main'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('python3 with the package installed is picked', { skip: !hasClaudeLang() && 'claudelang is not installed for python3' }, async () => {
  const found = await firstWorking(serverCandidates({ serverPath: '/nonexistent/claudelang-lsp', platform: 'linux' }).concat(
    serverCandidates({ platform: 'linux' }),
  ));
  assert.equal(found.candidate?.command, 'python3');
  assert.equal(found.failures.length, 1);
});
