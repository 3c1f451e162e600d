/**
 * The ClaudeLang VS Code extension: starts `claudelang-lsp` through vscode-languageclient,
 * forwards settings, and provides the run-cell commands, the output channel and the
 * kernel status item. Everything that does not need `vscode` lives in the sibling modules.
 */

import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import {
  CursorTarget,
  KERNEL_COMMANDS,
  KernelCommand,
  RUN_COMMANDS,
  argumentsFor,
  describeRunResult,
  kernelStatus,
  serverOnlyCommands,
  stateFor,
} from './commands';
import { readBundle } from './bundle';
import { firstWorking, probe } from './probe';
import { Bundle, ServerCandidate, serverCandidates, serverEnvironment, startupErrorMessage } from './serverCommand';
import { classifyChange, didChangeConfigurationParams, initializationOptions, readSettings } from './settings';

const LANGUAGE = 'claudelang';

/** What the extension exports (used by the end-to-end smoke test). */
export interface ClaudeLangApi {
  /** Resolves once the server is running (or has failed to start). */
  ready(): Promise<boolean>;
  /** Commands the server advertised in `executeCommandProvider`. */
  serverCommands(): string[];
  /** How the server was started. */
  serverCandidate(): ServerCandidate | undefined;
  /** The last kernel state the server reported. */
  kernelState(): string | undefined;
}

let client: LanguageClient | undefined;
let candidate: ServerCandidate | undefined;
let starting: Promise<boolean> = Promise.resolve(false);
let bundle: Bundle | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
const kernelStates = new Map<string, string>();
let latestState: string | undefined;

export function activate(context: vscode.ExtensionContext): ClaudeLangApi {
  output = vscode.window.createOutputChannel('ClaudeLang');
  status = vscode.window.createStatusBarItem('claudelang.kernel', vscode.StatusBarAlignment.Left, 50);
  status.name = 'ClaudeLang Kernel';
  status.text = '$(loading~spin) ClaudeLang';
  status.tooltip = 'Starting the ClaudeLang language server';
  context.subscriptions.push(output, status);
  bundle = readBundle(context.extensionPath);

  for (const command of KERNEL_COMMANDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, (...args: unknown[]) => runKernelCommand(command, args)),
    );
  }
  context.subscriptions.push(
    vscode.commands.registerCommand('claudelang.restartServer', () => restartServer()),
    vscode.commands.registerCommand('claudelang.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => onConfigurationChanged(event)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => sendSettings()),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    { dispose: () => void client?.stop() },
  );
  updateStatus();
  starting = startServer();

  return {
    ready: () => starting,
    serverCommands: () => advertisedCommands(),
    serverCandidate: () => candidate,
    kernelState: () => latestState,
  };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop();
  }
}

// ---------------------------------------------------------------- starting the server

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(LANGUAGE);
}

function currentSettings() {
  return readSettings(configuration(), vscode.workspace.isTrusted);
}

async function withTimeout<T>(work: Thenable<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([Promise.resolve(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The interpreter selected in the Python extension (ms-python.python), if it is installed. */
async function pythonExtensionInterpreter(): Promise<string[] | undefined> {
  const extension = vscode.extensions.getExtension('ms-python.python');
  if (extension === undefined) {
    return undefined;
  }
  try {
    if (!extension.isActive) {
      await withTimeout(extension.activate(), 15000);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const api: any = extension.exports;
    const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
    const active = api?.environments?.getActiveEnvironmentPath?.(resource);
    if (active && typeof active.path === 'string' && active.path.length > 0) {
      return [active.path];
    }
    const details = await api?.settings?.getExecutionDetails?.(resource);
    if (Array.isArray(details?.execCommand) && details.execCommand.length > 0) {
      return details.execCommand.map(String);
    }
  } catch (error) {
    output.appendLine(`Could not ask the Python extension for its interpreter: ${String(error)}`);
  }
  return undefined;
}

async function startServer(): Promise<boolean> {
  const config = configuration();
  const candidates = serverCandidates({
    serverPath: config.get<string>('server.path'),
    python: config.get<string>('server.python'),
    pythonExtension: config.get<string>('server.python') ? undefined : await pythonExtensionInterpreter(),
    platform: process.platform,
    bundle,
  });
  const found = await firstWorking(candidates, (tried) => probe(tried, bundle));
  if (found.candidate === undefined) {
    candidate = undefined;
    const message = startupErrorMessage(found.failures, bundle);
    output.appendLine(message);
    status.text = '$(error) ClaudeLang: no server';
    status.tooltip = message;
    status.command = 'claudelang.showOutput';
    status.show();
    void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'claudelang.server');
      } else if (choice === 'Show Output') {
        output.show();
      }
    });
    return false;
  }
  candidate = found.candidate;
  output.appendLine(`Starting the language server: ${[candidate.command, ...candidate.args].join(' ')} (${candidate.source})`);

  const serverOptions: ServerOptions = {
    command: candidate.command,
    args: candidate.args,
    options: { env: serverEnvironment(process.env, candidate, process.platform) },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE },
      { scheme: 'untitled', language: LANGUAGE },
    ],
    initializationOptions: initializationOptions(currentSettings()),
    // The server indexes every .cl file of the workspace (imports, workspace symbols): keep
    // it told about files changed outside the editor.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.cl') },
    outputChannelName: 'ClaudeLang Language Server',
    initializationFailedHandler: (error) => {
      const message = `ClaudeLang: the language server failed to initialise: ${String(error?.message ?? error)}. See the "ClaudeLang Language Server" output for details.`;
      void vscode.window.showErrorMessage(message);
      return false;
    },
  };
  const created = new LanguageClient(LANGUAGE, 'ClaudeLang Language Server', serverOptions, clientOptions);
  keepOurCommands(created);
  created.onNotification('claudelang/output', (params: { uri?: string; text?: string }) => {
    if (typeof params?.text === 'string') {
      output.append(params.text);
    }
  });
  created.onNotification('claudelang/kernelState', (params: { state?: string; folder?: string }) => {
    if (typeof params?.state !== 'string') {
      return;
    }
    latestState = params.state;
    if (typeof params.folder === 'string') {
      kernelStates.set(params.folder, params.state);
    }
    updateStatus();
  });
  client = created;
  try {
    await created.start();
  } catch (error) {
    output.appendLine(`The language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(
      `ClaudeLang: the language server (${candidate.command}) did not start: ${String(error)}. See the "ClaudeLang Language Server" output.`,
    );
    return false;
  }
  updateStatus();
  return true;
}

/**
 * vscode-languageclient registers a VS Code command for every command the server advertises;
 * the kernel commands are registered by this extension (they add the cursor position), so
 * the client must only register the others (a second registration would throw).
 */
function keepOurCommands(languageClient: LanguageClient): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const feature: any = languageClient.getFeature(ExecuteCommandRequest.method);
  if (feature === undefined || typeof feature.register !== 'function') {
    return;
  }
  const register = feature.register.bind(feature);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  feature.register = (data: any) =>
    register({
      ...data,
      registerOptions: { ...data.registerOptions, commands: serverOnlyCommands(data.registerOptions?.commands) },
    });
}

function advertisedCommands(): string[] {
  return client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
}

async function restartServer(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch (error) {
      output.appendLine(`Stopping the language server: ${String(error)}`);
    }
  }
  kernelStates.clear();
  latestState = undefined;
  starting = startServer();
  await starting;
}

function sendSettings(): void {
  if (client !== undefined && client.state === State.Running) {
    void client.sendNotification('workspace/didChangeConfiguration', didChangeConfigurationParams(currentSettings()));
  }
}

function onConfigurationChanged(event: vscode.ConfigurationChangeEvent): void {
  const change = classifyChange((section) => event.affectsConfiguration(section));
  if (change === 'restart') {
    void restartServer();
  } else if (change === 'notify') {
    sendSettings();
  }
}

// ---------------------------------------------------------------- run-cell commands

function cursorTarget(): CursorTarget | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.document.languageId !== LANGUAGE) {
    return undefined;
  }
  return { uri: editor.document.uri.toString(), line: editor.selection.active.line };
}

async function runKernelCommand(command: KernelCommand, invoked: unknown[]): Promise<unknown> {
  // A menu passes the resource as a vscode.Uri; code lenses pass `[uri, line]` strings.
  const normalised = invoked.map((arg) => (arg instanceof vscode.Uri ? arg.toString() : arg));
  const args = argumentsFor(command, normalised, cursorTarget());
  if (args === undefined) {
    void vscode.window.showWarningMessage('ClaudeLang: open a .cl file to run code.');
    return undefined;
  }
  await starting;
  const running = client;
  if (running === undefined || running.state !== State.Running) {
    void vscode.window.showErrorMessage('ClaudeLang: the language server is not running. Run "ClaudeLang: Restart Language Server" or check the "ClaudeLang" output.');
    return undefined;
  }
  if (!advertisedCommands().includes(command)) {
    void vscode.window.showErrorMessage(`ClaudeLang: this language server has no ${command} command; update the claudelang package to get the evaluation kernel.`);
    return undefined;
  }
  try {
    const result = await running.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
    if ((RUN_COMMANDS as readonly string[]).includes(command)) {
      output.appendLine(describeRunResult(command, result));
      const failed = result !== null && typeof result === 'object' && (result as { error?: unknown }).error;
      if (failed) {
        output.show(true);
      }
    }
    return result;
  } catch (error) {
    const message = `ClaudeLang: ${command} failed: ${error instanceof Error ? error.message : String(error)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}

// ---------------------------------------------------------------- status bar

function updateStatus(): void {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.document.languageId !== LANGUAGE) {
    status.hide();
    return;
  }
  if (client === undefined && candidate === undefined) {
    status.show(); // keeps the "no server" state set by startServer
    return;
  }
  const view = kernelStatus(stateFor(kernelStates, editor.document.uri.fsPath, latestState));
  status.text = view.text;
  status.tooltip = view.tooltip;
  status.command = view.command;
  status.show();
}
