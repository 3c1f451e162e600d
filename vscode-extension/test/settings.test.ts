import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_SETTINGS,
  classifyChange,
  didChangeConfigurationParams,
  initializationOptions,
  readSettings,
} from '../src/settings';

function reader(values: Record<string, unknown>) {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

test('defaults when nothing is set', () => {
  assert.deepEqual(readSettings(reader({}), true), DEFAULT_SETTINGS);
});

test('settings become initializationOptions under "claudelang"', () => {
  const settings = readSettings(reader({ jit: 'eager', contracts: false, hotReload: 'onChange', allowNetwork: true }), true);
  assert.deepEqual(initializationOptions(settings), {
    claudelang: { jit: 'eager', contracts: false, hotReload: 'onChange', allowNetwork: true, trusted: true },
  });
});

test('didChangeConfiguration carries the same shape', () => {
  const settings = readSettings(reader({ jit: 'off' }), false);
  assert.deepEqual(didChangeConfigurationParams(settings), {
    settings: { claudelang: { jit: 'off', contracts: true, hotReload: 'onSave', allowNetwork: false, trusted: false } },
  });
});

test('invalid values fall back to the defaults', () => {
  const settings = readSettings(reader({ jit: 'turbo', contracts: 'yes', hotReload: 'always', allowNetwork: 1 }), true);
  assert.deepEqual(settings, DEFAULT_SETTINGS);
});

test('server settings restart the server, the others are notified', () => {
  const affects = (changed: string[]) => (section: string) =>
    changed.some((key) => key === section || key.startsWith(section + '.'));
  assert.equal(classifyChange(affects(['claudelang.server.python'])), 'restart');
  assert.equal(classifyChange(affects(['claudelang.server.path'])), 'restart');
  assert.equal(classifyChange(affects(['claudelang.jit'])), 'notify');
  assert.equal(classifyChange(affects(['editor.fontSize'])), 'none');
});
