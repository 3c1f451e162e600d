/**
 * Kernel commands: which arguments each one takes, how the editor state becomes those
 * arguments, and how results and kernel states are shown. Pure: no `vscode` import.
 *
 * The server (`claudelang/lsp/features/kernel.py`) defines
 *   claudelang.runCell(uri, line)   claudelang.runAbove(uri, line)   claudelang.runFile(uri)
 *   claudelang.interrupt(uri)       claudelang.restartKernel(uri)
 * and rejects extra arguments, so each command gets exactly its own arity.
 */

export const KERNEL_COMMANDS = [
  'claudelang.runCell',
  'claudelang.runAbove',
  'claudelang.runFile',
  'claudelang.interrupt',
  'claudelang.restartKernel',
] as const;
export type KernelCommand = (typeof KERNEL_COMMANDS)[number];

/** Commands that evaluate code (and so return values/output/error). */
export const RUN_COMMANDS: readonly KernelCommand[] = ['claudelang.runCell', 'claudelang.runAbove', 'claudelang.runFile'];

/** Commands that take `[uri, line]`; the others take `[uri]`. */
const TAKES_LINE = new Set<string>(['claudelang.runCell', 'claudelang.runAbove']);

/** Commands the extension registers itself (so the language client must not). */
export const CLIENT_COMMANDS: ReadonlySet<string> = new Set<string>([
  ...KERNEL_COMMANDS,
  'claudelang.restartServer',
  'claudelang.showOutput',
]);

export function isKernelCommand(command: string): command is KernelCommand {
  return (KERNEL_COMMANDS as readonly string[]).includes(command);
}

/** The active editor, as far as commands are concerned: its document URI and 0-based cursor line. */
export interface CursorTarget {
  uri: string;
  line: number;
}

/** `workspace/executeCommand` arguments for `command` at `target`. */
export function commandArguments(command: KernelCommand, target: CursorTarget): unknown[] {
  return TAKES_LINE.has(command) ? [target.uri, Math.max(0, Math.trunc(target.line))] : [target.uri];
}

/**
 * Arguments for a command invocation. `invoked` are the arguments VS Code passed: none from
 * a key binding or the palette, `[uri, line]` from a code lens, `[uri]` (already turned into
 * a string) from an editor menu. Returns undefined when there is no document to act on.
 */
export function argumentsFor(command: KernelCommand, invoked: readonly unknown[], cursor: CursorTarget | undefined): unknown[] | undefined {
  const [first, second] = invoked;
  if (typeof first === 'string' && first.length > 0) {
    let line = 0;
    if (typeof second === 'number' && Number.isFinite(second)) {
      line = second;
    } else if (cursor !== undefined && cursor.uri === first) {
      line = cursor.line;
    }
    return commandArguments(command, { uri: first, line });
  }
  return cursor === undefined ? undefined : commandArguments(command, cursor);
}

/** Server commands the language client should register as VS Code commands (not ours). */
export function serverOnlyCommands(advertised: readonly string[] | undefined): string[] {
  return (advertised ?? []).filter((command) => !CLIENT_COMMANDS.has(command));
}

/** The result of a run command, as the server returns it. */
export interface RunResult {
  values?: { line: number; value: string }[];
  output?: string;
  error?: { kind?: string; message?: string; report?: string } | null;
  duration?: number;
}

/** One line (or a few, for an error) for the output channel after a run. */
export function describeRunResult(command: string, result: unknown): string {
  const name = command.replace(/^claudelang\./, '');
  if (result === null || typeof result !== 'object') {
    return `[${name}] done`;
  }
  const run = result as RunResult;
  if (run.error) {
    const text = run.error.report || run.error.message || 'error';
    return `[${name}] ${run.error.kind ?? 'error'}: ${text}`;
  }
  const count = Array.isArray(run.values) ? run.values.length : 0;
  const seconds = typeof run.duration === 'number' ? ` in ${run.duration.toFixed(3)} s` : '';
  return `[${name}] ${count} value${count === 1 ? '' : 's'}${seconds}`;
}

export type KernelState = 'idle' | 'busy' | 'dead' | 'starting';

export interface StatusView {
  text: string;
  tooltip: string;
  /** Command run when the status item is clicked. */
  command: string;
}

/** The status-bar item for a kernel state (unknown states are shown as they are). */
export function kernelStatus(state: string | undefined): StatusView {
  switch (state) {
    case 'idle':
      return { text: '$(circle-outline) ClaudeLang: idle', tooltip: 'Kernel idle. Click to show output.', command: 'claudelang.showOutput' };
    case 'busy':
      return { text: '$(sync~spin) ClaudeLang: busy', tooltip: 'Kernel running code. Click to interrupt.', command: 'claudelang.interrupt' };
    case 'starting':
      return { text: '$(loading~spin) ClaudeLang: starting', tooltip: 'Kernel starting.', command: 'claudelang.showOutput' };
    case 'dead':
      return { text: '$(error) ClaudeLang: dead', tooltip: 'Kernel exited. Click to restart it.', command: 'claudelang.restartKernel' };
    case undefined:
      return { text: '$(circle-outline) ClaudeLang', tooltip: 'No kernel yet: run a cell (Shift+Enter) to start one.', command: 'claudelang.showOutput' };
    default:
      return { text: `ClaudeLang: ${state}`, tooltip: `Kernel state: ${state}`, command: 'claudelang.showOutput' };
  }
}

/**
 * The kernel state to show for a document: kernels are per workspace folder, and the
 * notification names the folder. Pick the longest folder containing the file, else the
 * most recently reported state.
 */
export function stateFor(states: ReadonlyMap<string, string>, filePath: string | undefined, latest: string | undefined): string | undefined {
  if (filePath !== undefined) {
    let best: string | undefined;
    for (const folder of states.keys()) {
      const prefix = folder.endsWith('/') ? folder : folder + '/';
      if ((filePath.startsWith(prefix) || filePath === folder) && (best === undefined || folder.length > best.length)) {
        best = folder;
      }
    }
    if (best !== undefined) {
      return states.get(best);
    }
  }
  return latest;
}
