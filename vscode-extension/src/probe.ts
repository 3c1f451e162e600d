/** Check a server candidate by running it briefly (no `vscode` import). */

import { execFile } from 'node:child_process';
import { Bundle, ProbeFailure, PythonInfo, ServerCandidate, choosePython, probeCommand } from './serverCommand';

export type ProbeResult = { ok: true; candidate: ServerCandidate } | ({ ok: false } & ProbeFailure);

function parseInfo(stdout: string): PythonInfo | undefined {
  const line = stdout.trim().split(/\r?\n/).pop() ?? '';
  try {
    const info = JSON.parse(line);
    return typeof info?.python === 'string' && typeof info?.implementation === 'string' ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Run the candidate's probe command: an executable must answer `--version`; a Python
 * candidate describes itself and `choosePython` decides, given the bundled server.
 */
export function probe(candidate: ServerCandidate, bundle?: Bundle, timeoutMs = 20000, env: NodeJS.ProcessEnv = process.env): Promise<ProbeResult> {
  const { command, args } = probeCommand(candidate);
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, env, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) {
        if (candidate.kind === 'executable') {
          resolve({ ok: true, candidate });
          return;
        }
        const info = parseInfo(String(stdout));
        if (info === undefined) {
          resolve({ ok: false, candidate, reason: 'other', message: `unexpected answer ${JSON.stringify(String(stdout).trim())}` });
          return;
        }
        const choice = choosePython(candidate, info, bundle);
        resolve(choice.ok ? { ok: true, candidate: choice.candidate } : { ok: false, candidate, reason: 'unsuitable', message: choice.detail });
        return;
      }
      const err = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: unknown };
      if (err.code === 'ENOENT' || err.code === 'EACCES') {
        resolve({ ok: false, candidate, reason: err.code });
      } else if (err.killed || err.signal === 'SIGTERM') {
        resolve({ ok: false, candidate, reason: 'timeout' });
      } else if (typeof err.code === 'number') {
        resolve({ ok: false, candidate, reason: 'exit', exitCode: err.code, stderr: String(stderr) });
      } else {
        resolve({ ok: false, candidate, reason: 'other', message: err.message });
      }
    });
  });
}

/** The first candidate that works, or every failure. */
export async function firstWorking(
  candidates: readonly ServerCandidate[],
  check: (candidate: ServerCandidate) => Promise<ProbeResult> = (candidate) => probe(candidate),
): Promise<{ candidate?: ServerCandidate; failures: ProbeFailure[] }> {
  const failures: ProbeFailure[] = [];
  for (const candidate of candidates) {
    const result = await check(candidate);
    if (result.ok) {
      return { candidate: result.candidate, failures };
    }
    const { ok: _ok, ...failure } = result;
    failures.push(failure);
  }
  return { failures };
}
