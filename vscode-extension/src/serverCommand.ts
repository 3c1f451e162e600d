/**
 * Which process to start as the language server, and how to explain failure. Pure: no
 * `vscode` import.
 *
 * Order: `claudelang.server.path` (a `claudelang-lsp` executable), then
 * `claudelang.server.python`, else the Python extension's selected interpreter, then
 * `python3` (`python` on Windows) and, when the extension bundles the server, `python3.11`
 * (the bundle's interpreter). A Python candidate runs `<python> -m claudelang.lsp.main --stdio`:
 * with its own `claudelang` when that is installed and at least as new as the bundled one (or
 * the bundle does not fit the interpreter), else with the bundled libraries on `PYTHONPATH`.
 */

export type CandidateKind = 'executable' | 'python';

export interface ServerCandidate {
  kind: CandidateKind;
  /** Program to run. */
  command: string;
  /** Arguments that start the server (ending in `--stdio`). */
  args: string[];
  /** Where the candidate came from, for messages. */
  source: string;
  /** Set when the server runs from the libraries bundled with the extension: put this folder on `PYTHONPATH`. */
  bundledLibs?: string;
}

/** The server bundled in a platform-specific `.vsix` (`bundled/bundle.json`). */
export interface Bundle {
  /** The folder holding the server and its dependencies. */
  libs: string;
  /** The CPython version the libraries were installed for, e.g. `3.11`. */
  python: string;
  /** The bundled claudelang version. */
  version: string;
}

export interface ServerInputs {
  serverPath?: string;
  python?: string;
  /** The Python extension's interpreter command, e.g. `['/venv/bin/python']` or `['conda', 'run', '-n', 'x', 'python']`. */
  pythonExtension?: readonly string[];
  platform: string;
  bundle?: Bundle;
}

export const SERVER_MODULE = 'claudelang.lsp.main';

function python(command: readonly string[], source: string): ServerCandidate {
  return { kind: 'python', command: command[0], args: [...command.slice(1), '-m', SERVER_MODULE, '--stdio'], source };
}

export function defaultPython(platform: string): string {
  return platform === 'win32' ? 'python' : 'python3';
}

/** Candidates in the order they are tried, without duplicates. */
export function serverCandidates(inputs: ServerInputs): ServerCandidate[] {
  const candidates: ServerCandidate[] = [];
  const serverPath = inputs.serverPath?.trim();
  if (serverPath) {
    candidates.push({ kind: 'executable', command: serverPath, args: ['--stdio'], source: 'setting claudelang.server.path' });
  }
  const explicit = inputs.python?.trim();
  if (explicit) {
    candidates.push(python([explicit], 'setting claudelang.server.python'));
  } else {
    const fromExtension = (inputs.pythonExtension ?? []).filter((part) => part.length > 0);
    if (fromExtension.length > 0) {
      candidates.push(python(fromExtension, "the Python extension's selected interpreter"));
    }
    candidates.push(python([defaultPython(inputs.platform)], 'the default interpreter'));
    if (inputs.bundle !== undefined && inputs.platform !== 'win32') {
      candidates.push(python([`python${inputs.bundle.python}`], 'the interpreter the bundled server needs'));
    }
  }
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = [candidate.command, ...candidate.args].join('\u0000');
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/**
 * Run with `-c` by a Python candidate: prints one JSON line with the interpreter's version and
 * the claudelang version it can import (null when it cannot). Python 2 syntax-safe.
 */
export const PYTHON_INFO_SCRIPT = [
  'import json, sys',
  'info = {"python": "%d.%d" % sys.version_info[:2], "implementation": sys.implementation.name, "claudelang": None}',
  'try:',
  '    import claudelang.lsp.main',
  '    info["claudelang"] = claudelang.__version__',
  'except Exception as error:',
  '    info["error"] = "%s: %s" % (type(error).__name__, error)',
  'print(json.dumps(info))',
].join('\n');

/** What a Python candidate said about itself. */
export interface PythonInfo {
  python: string;
  implementation: string;
  claudelang: string | null;
  error?: string;
}

/** The command that checks a candidate quickly without starting the server. */
export function probeCommand(candidate: ServerCandidate): { command: string; args: string[] } {
  if (candidate.kind === 'executable') {
    return { command: candidate.command, args: ['--version'] };
  }
  const prefix = candidate.args.slice(0, candidate.args.indexOf('-m'));
  return { command: candidate.command, args: [...prefix, '-c', PYTHON_INFO_SCRIPT] };
}

/** `1.10.0` > `1.9` > `1.9.0rc1`'s release part `1.9.0`: compares the dotted numbers only. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => (/^\d+(\.\d+)*/.exec(version.trim())?.[0] ?? '0').split('.').map(Number);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) {
      return Math.sign(difference);
    }
  }
  return 0;
}

export type PythonChoice = { ok: true; candidate: ServerCandidate } | { ok: false; detail: string };

/**
 * Whether a Python candidate can run the server, and with which libraries: its own claudelang
 * wins when it is at least as new as the bundled one or the bundle does not fit this
 * interpreter; otherwise the bundle, when it fits.
 */
export function choosePython(candidate: ServerCandidate, info: PythonInfo, bundle?: Bundle): PythonChoice {
  const fitting = bundle !== undefined && info.implementation === 'cpython' && info.python === bundle.python ? bundle : undefined;
  const installed = info.claudelang;
  if (installed && (fitting === undefined || compareVersions(installed, fitting.version) >= 0)) {
    return { ok: true, candidate: { ...candidate, source: `${candidate.source}, claudelang ${installed}` } };
  }
  if (fitting !== undefined) {
    const bundled = `${candidate.source}, with the bundled claudelang ${fitting.version}`;
    return { ok: true, candidate: { ...candidate, source: bundled, bundledLibs: fitting.libs } };
  }
  const name = info.implementation === 'cpython' ? 'Python' : info.implementation;
  const missing = `${name} ${info.python} without the claudelang package`;
  return { ok: false, detail: bundle ? `${missing}, and the bundled server needs CPython ${bundle.python}` : missing };
}

/** The environment the server process gets: the bundled libraries first on `PYTHONPATH`. */
export function serverEnvironment(base: NodeJS.ProcessEnv, candidate: ServerCandidate, platform: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, PYTHONUNBUFFERED: '1' };
  if (candidate.bundledLibs !== undefined) {
    const delimiter = platform === 'win32' ? ';' : ':';
    env.PYTHONPATH = base.PYTHONPATH ? `${candidate.bundledLibs}${delimiter}${base.PYTHONPATH}` : candidate.bundledLibs;
  }
  return env;
}

export interface ProbeFailure {
  candidate: ServerCandidate;
  /** `ENOENT`, `EACCES`, `timeout`, `exit` with a code, or `unsuitable` with a detail. */
  reason: 'ENOENT' | 'EACCES' | 'timeout' | 'exit' | 'unsuitable' | 'other';
  exitCode?: number | null;
  stderr?: string;
  message?: string;
}

function lastLine(text: string | undefined): string {
  const lines = (text ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  return lines.length > 0 ? lines[lines.length - 1] : '';
}

/** One sentence per failed candidate. */
export function explainFailure(failure: ProbeFailure): string {
  const { candidate } = failure;
  const shown = `${candidate.command} (${candidate.source})`;
  switch (failure.reason) {
    case 'ENOENT':
      return `${shown}: not found`;
    case 'EACCES':
      return `${shown}: not executable`;
    case 'timeout':
      return `${shown}: did not answer within the time limit`;
    case 'unsuitable':
      return `${shown}: ${failure.message}`;
    case 'exit': {
      const detail = lastLine(failure.stderr);
      return `${shown}: exited with code ${failure.exitCode ?? '?'}${detail ? ` (${detail})` : ''}`;
    }
    default:
      return `${shown}: ${failure.message ?? 'failed to start'}`;
  }
}

/** The error shown when no candidate works: what was tried and exactly what is needed. */
export function startupErrorMessage(failures: readonly ProbeFailure[], bundle?: Bundle): string {
  const tried = failures.map(explainFailure).join('; ');
  const needed = bundle
    ? `It needs CPython ${bundle.python} (the extension brings the server for it) or a Python with the claudelang package installed: ` +
      `install Python ${bundle.python} and set \`claudelang.server.python\` to it (or select it in the Python extension), ` +
      'or run `<python> -m pip install claudelang` and set `claudelang.server.python` to that interpreter, ' +
      'or set `claudelang.server.path` to a `claudelang-lsp` executable.'
    : 'Install it with `python3 -m pip install claudelang` (or `pip install -e .` in a clone of the repository) ' +
      'into the interpreter you use, then set `claudelang.server.python` to that interpreter, ' +
      'or set `claudelang.server.path` to a `claudelang-lsp` executable.';
  return `ClaudeLang: cannot start the language server. Tried ${tried}. ${needed}`;
}
