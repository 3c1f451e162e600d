/**
 * Settings → what the language server receives. Pure: no `vscode` import, so node's test
 * runner can check it. The server accepts `{claudelang: {...}}` both as
 * `initializationOptions` and as `workspace/didChangeConfiguration` settings.
 */

export const JIT_MODES = ['auto', 'eager', 'off'] as const;
export const HOT_RELOAD_MODES = ['off', 'onSave', 'onChange'] as const;
export type JitMode = (typeof JIT_MODES)[number];
export type HotReloadMode = (typeof HOT_RELOAD_MODES)[number];

export interface ServerSettings {
  jit: JitMode;
  contracts: boolean;
  hotReload: HotReloadMode;
  allowNetwork: boolean;
  /** False in an untrusted workspace: the server then refuses to evaluate code. */
  trusted: boolean;
}

/** The part of `vscode.WorkspaceConfiguration` we use (section `claudelang`). */
export interface ConfigReader {
  get<T>(key: string): T | undefined;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  jit: 'auto',
  contracts: true,
  hotReload: 'onSave',
  allowNetwork: false,
  trusted: true,
};

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** Read and validate the `claudelang.*` settings the server cares about. */
export function readSettings(config: ConfigReader, trusted: boolean): ServerSettings {
  return {
    jit: oneOf(config.get('jit'), JIT_MODES, DEFAULT_SETTINGS.jit),
    contracts: bool(config.get('contracts'), DEFAULT_SETTINGS.contracts),
    hotReload: oneOf(config.get('hotReload'), HOT_RELOAD_MODES, DEFAULT_SETTINGS.hotReload),
    allowNetwork: bool(config.get('allowNetwork'), DEFAULT_SETTINGS.allowNetwork),
    trusted,
  };
}

export function initializationOptions(settings: ServerSettings): { claudelang: ServerSettings } {
  return { claudelang: { ...settings } };
}

export function didChangeConfigurationParams(settings: ServerSettings): { settings: { claudelang: ServerSettings } } {
  return { settings: { claudelang: { ...settings } } };
}

/** Settings whose change needs a new server process rather than a notification. */
export const RESTART_SETTINGS = ['claudelang.server.path', 'claudelang.server.python'];

export type ConfigurationChange = 'restart' | 'notify' | 'none';

/** What to do for a configuration change, given `event.affectsConfiguration`. */
export function classifyChange(affects: (section: string) => boolean): ConfigurationChange {
  if (RESTART_SETTINGS.some((key) => affects(key))) {
    return 'restart';
  }
  return affects('claudelang') ? 'notify' : 'none';
}
