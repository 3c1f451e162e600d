/**
 * Which process to start as the language server, and how to explain failure. Pure: no
 * `vscode` import.
 *
 * Order: `claudelang.server.path` (a `claudelang-lsp` executable), then
 * `claudelang.server.python`, else the Python extension's selected interpreter, then
 * `python3` (`python` on Windows). A Python candidate runs `<python> -m claudelang.lsp.main --stdio`.
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
}

export interface ServerInputs {
  serverPath?: string;
  python?: string;
  /** The Python extension's interpreter command, e.g. `['/venv/bin/python']` or `['conda', 'run', '-n', 'x', 'python']`. */
  pythonExtension?: readonly string[];
  platform: string;
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

/** The command that checks a candidate quickly without starting the server. */
export function probeCommand(candidate: ServerCandidate): { command: string; args: string[] } {
  if (candidate.kind === 'executable') {
    return { command: candidate.command, args: ['--version'] };
  }
  const prefix = candidate.args.slice(0, candidate.args.indexOf('-m'));
  return { command: candidate.command, args: [...prefix, '-c', `import ${SERVER_MODULE}`] };
}

export interface ProbeFailure {
  candidate: ServerCandidate;
  /** `ENOENT`, `EACCES`, `timeout`, or `exit` with a code. */
  reason: 'ENOENT' | 'EACCES' | 'timeout' | 'exit' | 'other';
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
  const shown = candidate.kind === 'python' ? `${candidate.command} (${candidate.source})` : `${candidate.command} (${candidate.source})`;
  switch (failure.reason) {
    case 'ENOENT':
      return `${shown}: not found`;
    case 'EACCES':
      return `${shown}: not executable`;
    case 'timeout':
      return `${shown}: did not answer within the time limit`;
    case 'exit': {
      const detail = lastLine(failure.stderr);
      if (candidate.kind === 'python' && /No module named ['"]?claudelang/.test(failure.stderr ?? '')) {
        return `${shown}: the claudelang package is not installed in this interpreter`;
      }
      return `${shown}: exited with code ${failure.exitCode ?? '?'}${detail ? ` (${detail})` : ''}`;
    }
    default:
      return `${shown}: ${failure.message ?? 'failed to start'}`;
  }
}

/** The error shown when no candidate works: what was tried and how to fix it. */
export function startupErrorMessage(failures: readonly ProbeFailure[]): string {
  const tried = failures.map(explainFailure).join('; ');
  return (
    `ClaudeLang: cannot start the language server. Tried ${tried}. ` +
    'Install it with `python3 -m pip install claudelang` (or `pip install -e .` in a clone of the repository) ' +
    'into the interpreter you use, then set `claudelang.server.python` to that interpreter, ' +
    'or set `claudelang.server.path` to a `claudelang-lsp` executable.'
  );
}
