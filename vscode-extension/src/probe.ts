/** Check a server candidate by running it briefly (no `vscode` import). */

import { execFile } from 'node:child_process';
import { ProbeFailure, ServerCandidate, probeCommand } from './serverCommand';

export type ProbeResult = { ok: true; candidate: ServerCandidate } | ({ ok: false } & ProbeFailure);

export function probe(candidate: ServerCandidate, timeoutMs = 20000, env: NodeJS.ProcessEnv = process.env): Promise<ProbeResult> {
  const { command, args } = probeCommand(candidate);
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, env, windowsHide: true }, (error, _stdout, stderr) => {
      if (!error) {
        resolve({ ok: true, candidate });
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
