import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readBundle } from '../src/bundle';
import { firstWorking, probe } from '../src/probe';
import {
  Bundle,
  PYTHON_INFO_SCRIPT,
  choosePython,
  compareVersions,
  explainFailure,
  probeCommand,
  serverCandidates,
  serverEnvironment,
  startupErrorMessage,
} from '../src/serverCommand';

const BUNDLE: Bundle = { libs: '/ext/bundled/libs', python: '3.11', version: '0.2.0' };

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

test('with a bundled server, its interpreter is tried last, unless one is set', () => {
  assert.deepEqual(serverCandidates({ platform: 'linux', bundle: BUNDLE }).map((c) => c.command), ['python3', 'python3.11']);
  assert.deepEqual(serverCandidates({ python: '/venv/bin/python', platform: 'linux', bundle: BUNDLE }).map((c) => c.command), ['/venv/bin/python']);
});

test('probes ask the interpreter to describe itself or the executable its version', () => {
  const [exe, py] = serverCandidates({ serverPath: 'claudelang-lsp', pythonExtension: ['conda', 'run', 'python'], platform: 'linux' });
  assert.deepEqual(probeCommand(exe), { command: 'claudelang-lsp', args: ['--version'] });
  assert.deepEqual(probeCommand(py), { command: 'conda', args: ['run', 'python', '-c', PYTHON_INFO_SCRIPT] });
});

test('versions compare by their dotted numbers', () => {
  assert.equal(compareVersions('0.10.0', '0.9.1'), 1);
  assert.equal(compareVersions('0.2', '0.2.0'), 0);
  assert.equal(compareVersions('0.1.0', '0.2.0'), -1);
  assert.equal(compareVersions('1.0.0rc1', '1.0.0'), 0);
});

test('an installed claudelang wins when it is at least as new as the bundled one', () => {
  const [candidate] = serverCandidates({ python: '/venv/bin/python', platform: 'linux' });
  const python311 = { python: '3.11', implementation: 'cpython' };
  for (const version of ['0.2.0', '0.3.0']) {
    const choice = choosePython(candidate, { ...python311, claudelang: version }, BUNDLE);
    assert.ok(choice.ok && choice.candidate.bundledLibs === undefined, version);
  }
  const older = choosePython(candidate, { ...python311, claudelang: '0.1.0' }, BUNDLE);
  assert.ok(older.ok && older.candidate.bundledLibs === '/ext/bundled/libs');
  assert.match(older.ok ? older.candidate.source : '', /bundled claudelang 0\.2\.0/);
});

test('the bundle runs only on the interpreter it was built for', () => {
  const [candidate] = serverCandidates({ python: '/venv/bin/python', platform: 'linux' });
  const bare = choosePython(candidate, { python: '3.11', implementation: 'cpython', claudelang: null }, BUNDLE);
  assert.deepEqual(bare.ok && [bare.candidate.command, ...bare.candidate.args], ['/venv/bin/python', '-m', 'claudelang.lsp.main', '--stdio']);
  const olderElsewhere = choosePython(candidate, { python: '3.12', implementation: 'cpython', claudelang: '0.1.0' }, BUNDLE);
  assert.ok(olderElsewhere.ok && olderElsewhere.candidate.bundledLibs === undefined);
  const unsuitable = choosePython(candidate, { python: '3.12', implementation: 'cpython', claudelang: null }, BUNDLE);
  assert.deepEqual(unsuitable, { ok: false, detail: 'Python 3.12 without the claudelang package, and the bundled server needs CPython 3.11' });
  const noBundle = choosePython(candidate, { python: '3.11', implementation: 'cpython', claudelang: null });
  assert.deepEqual(noBundle, { ok: false, detail: 'Python 3.11 without the claudelang package' });
});

test('the bundled libraries come first on PYTHONPATH', () => {
  const [candidate] = serverCandidates({ python: 'python3', platform: 'linux' });
  const bundled = { ...candidate, bundledLibs: '/ext/bundled/libs' };
  assert.equal(serverEnvironment({ PYTHONPATH: '/mine' }, bundled, 'linux').PYTHONPATH, '/ext/bundled/libs:/mine');
  assert.equal(serverEnvironment({}, bundled, 'linux').PYTHONPATH, '/ext/bundled/libs');
  assert.equal(serverEnvironment({ PYTHONPATH: '/mine' }, candidate, 'linux').PYTHONPATH, '/mine');
  assert.equal(serverEnvironment({}, candidate, 'linux').PYTHONUNBUFFERED, '1');
});

test('a bundle is read only for the platform it was built for', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'claudelang-bundle-'));
  assert.equal(readBundle(root, 'linux-x64'), undefined);
  mkdirSync(path.join(root, 'bundled'));
  writeFileSync(path.join(root, 'bundled', 'bundle.json'), JSON.stringify({ python: '3.11', platform: 'linux-x64', claudelang: '0.1.0' }));
  assert.deepEqual(readBundle(root, 'linux-x64'), { libs: path.join(root, 'bundled', 'libs'), python: '3.11', version: '0.1.0' });
  assert.equal(readBundle(root, 'darwin-arm64'), undefined);
});

test('failures are explained and the message says how to fix it', () => {
  const [candidate] = serverCandidates({ python: '/venv/bin/python', platform: 'linux' });
  const unsuitable = explainFailure({ candidate, reason: 'unsuitable', message: 'Python 3.12 without the claudelang package' });
  assert.equal(unsuitable, '/venv/bin/python (setting claudelang.server.python): Python 3.12 without the claudelang package');
  assert.match(explainFailure({ candidate, reason: 'ENOENT' }), /\/venv\/bin\/python .*not found/);
  const bundled = startupErrorMessage([{ candidate, reason: 'ENOENT' }], BUNDLE);
  assert.match(bundled, /It needs CPython 3\.11 \(the extension brings the server for it\) or a Python with the claudelang package installed/);
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

function pythonVersion(): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

test('a real interpreter without the package runs the bundled server', { skip: pythonVersion() === undefined && 'no python3' }, async () => {
  // -I -S: no site-packages, so claudelang is not importable whatever python3 has installed.
  const [bare] = serverCandidates({ pythonExtension: ['python3', '-I', '-S'], platform: 'linux' });
  const fitting = { ...BUNDLE, python: pythonVersion() as string };
  const chosen = await probe(bare, fitting);
  assert.ok(chosen.ok && chosen.candidate.bundledLibs === BUNDLE.libs, JSON.stringify(chosen));
  const other = await probe(bare, { ...fitting, python: '2.7' });
  assert.ok(!other.ok && other.reason === 'unsuitable' && /without the claudelang package, and the bundled server needs CPython 2\.7/.test(other.message ?? ''));
});
