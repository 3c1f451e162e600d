import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  KERNEL_COMMANDS,
  argumentsFor,
  commandArguments,
  describeRunResult,
  kernelStatus,
  serverOnlyCommands,
  stateFor,
} from '../src/commands';

const uri = 'file:///ws/main.cl';

test('run cell and run above send [uri, line]; the others send [uri]', () => {
  assert.deepEqual(commandArguments('claudelang.runCell', { uri, line: 7 }), [uri, 7]);
  assert.deepEqual(commandArguments('claudelang.runAbove', { uri, line: 3 }), [uri, 3]);
  assert.deepEqual(commandArguments('claudelang.runFile', { uri, line: 3 }), [uri]);
  assert.deepEqual(commandArguments('claudelang.interrupt', { uri, line: 3 }), [uri]);
  assert.deepEqual(commandArguments('claudelang.restartKernel', { uri, line: 3 }), [uri]);
});

test('key bindings use the cursor', () => {
  assert.deepEqual(argumentsFor('claudelang.runCell', [], { uri, line: 4 }), [uri, 4]);
  assert.equal(argumentsFor('claudelang.runCell', [], undefined), undefined);
});

test('code lens arguments pass through', () => {
  assert.deepEqual(argumentsFor('claudelang.runCell', [uri, 12], { uri: 'file:///other.cl', line: 0 }), [uri, 12]);
  assert.deepEqual(argumentsFor('claudelang.runFile', [uri], undefined), [uri]);
});

test('a menu passes only the uri: the line comes from the cursor in that document', () => {
  assert.deepEqual(argumentsFor('claudelang.runCell', [uri], { uri, line: 9 }), [uri, 9]);
  assert.deepEqual(argumentsFor('claudelang.runCell', [uri], { uri: 'file:///other.cl', line: 9 }), [uri, 0]);
});

test('lines are whole and never negative', () => {
  assert.deepEqual(commandArguments('claudelang.runCell', { uri, line: -1 }), [uri, 0]);
  assert.deepEqual(commandArguments('claudelang.runCell', { uri, line: 2.7 }), [uri, 2]);
});

test('the language client registers only the server commands we do not handle', () => {
  const advertised = [...KERNEL_COMMANDS, 'claudelang.runRange', 'claudelang.inspect'];
  assert.deepEqual(serverOnlyCommands(advertised), ['claudelang.runRange', 'claudelang.inspect']);
  assert.deepEqual(serverOnlyCommands(undefined), []);
});

test('run results are summarised for the output channel', () => {
  assert.equal(
    describeRunResult('claudelang.runCell', { values: [{ line: 1, value: '42' }], output: '', error: null, duration: 0.0123 }),
    '[runCell] 1 value in 0.012 s',
  );
  assert.equal(
    describeRunResult('claudelang.runFile', { values: [], error: { kind: 'division-by-zero', message: '/: division by zero' } }),
    '[runFile] division-by-zero: /: division by zero',
  );
  assert.equal(describeRunResult('claudelang.runAbove', null), '[runAbove] done');
});

test('kernel states map to status items', () => {
  assert.match(kernelStatus('idle').text, /idle/);
  assert.equal(kernelStatus('busy').command, 'claudelang.interrupt');
  assert.equal(kernelStatus('dead').command, 'claudelang.restartKernel');
  assert.match(kernelStatus('starting').text, /starting/);
  assert.match(kernelStatus(undefined).tooltip, /run a cell/);
});

test('the state shown is the one of the folder holding the file', () => {
  const states = new Map([
    ['/ws', 'idle'],
    ['/ws/sub', 'busy'],
  ]);
  assert.equal(stateFor(states, '/ws/sub/a.cl', 'dead'), 'busy');
  assert.equal(stateFor(states, '/ws/a.cl', 'dead'), 'idle');
  assert.equal(stateFor(states, '/elsewhere/a.cl', 'dead'), 'dead');
  assert.equal(stateFor(states, '/wsx/a.cl', undefined), undefined);
});
