// Test-only extension for tests/editors/test_vscode.py. When the opened folder holds
// .claudelang-smoke.json ({"results": "/path/results.json"}), it opens main.cl and records
// what VS Code received from the ClaudeLang extension and its language server: the
// diagnostics collection, the hover and completion providers, and, when the server
// advertises claudelang.runCell, the result of the Run Cell command and the inline values
// (inlay hints) that follow it.
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(200);
  }
}

function hintLabel(hint) {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

async function activate() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) {
    return;
  }
  const marker = path.join(folder.uri.fsPath, '.claudelang-smoke.json');
  if (!fs.existsSync(marker)) {
    return;
  }
  const config = JSON.parse(fs.readFileSync(marker, 'utf8'));
  const results = { steps: {}, errors: {}, vscodeVersion: vscode.version };
  const step = async (name, fn) => {
    try {
      await fn();
      results.steps[name] = true;
    } catch (error) {
      results.steps[name] = false;
      results.errors[name] = String((error && error.stack) || error);
    }
  };

  let doc;
  let editor;
  let api;
  await step('open', async () => {
    doc = await vscode.workspace.openTextDocument(path.join(folder.uri.fsPath, 'main.cl'));
    editor = await vscode.window.showTextDocument(doc);
    results.languageId = doc.languageId;
  });
  await step('server', async () => {
    const extension = vscode.extensions.getExtension('claudelang.claudelang');
    if (!extension) {
      throw new Error('the ClaudeLang extension is not installed');
    }
    api = await extension.activate();
    results.serverStarted = await api.ready();
    results.serverCommands = api.serverCommands();
    const candidate = api.serverCandidate();
    results.serverCommand = candidate ? [candidate.command, ...candidate.args] : null;
    results.serverSource = candidate ? candidate.source : null;
    results.serverBundled = Boolean(candidate && candidate.bundledLibs);
  });
  await step('diagnostics', async () => {
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).length > 0, 60000, 'diagnostics');
    results.diagnostics = vscode.languages.getDiagnostics(doc.uri).map((d) => ({
      line: d.range.start.line,
      message: d.message,
      severity: d.severity,
      source: d.source,
    }));
  });
  await step('hover', async () => {
    const hovers = await waitFor(async () => {
      const found = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(5, 2));
      return found && found.length > 0 ? found : undefined;
    }, 30000, 'a hover');
    results.hover = hovers
      .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)))
      .join('\n');
  });
  await step('completion', async () => {
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 3));
    results.completion = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label)).slice(0, 200);
  });
  await step('runCell', async () => {
    results.runCellAdvertised = (results.serverCommands || []).includes('claudelang.runCell');
    if (!results.runCellAdvertised) {
      return;
    }
    editor.selection = new vscode.Selection(2, 0, 2, 0); // inside the "Helpers" cell
    results.runResult = await vscode.commands.executeCommand('claudelang.runCell');
    const range = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await waitFor(async () => {
      const found = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, range);
      return found && found.some((hint) => hintLabel(hint).includes('⇒')) ? found : undefined;
    }, 30000, 'inline values');
    results.inlineValues = hints
      .filter((hint) => hintLabel(hint).includes('⇒'))
      .map((hint) => ({ line: hint.position.line, label: hintLabel(hint) }));
    await sleep(500);
    results.kernelState = api.kernelState();
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    results.codeLenses = (lenses || []).filter((lens) => lens.command).map((lens) => ({ line: lens.range.start.line, title: lens.command.title }));
  });
  await step('restartKernel', async () => {
    if (!(results.serverCommands || []).includes('claudelang.restartKernel')) {
      return;
    }
    // Leave a fresh kernel and no inline values, so that the UI test's Shift+Enter shows new ones.
    results.restartResult = await vscode.commands.executeCommand('claudelang.restartKernel');
    const range = new vscode.Range(0, 0, doc.lineCount, 0);
    await waitFor(async () => {
      const found = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, range);
      return !(found || []).some((hint) => hintLabel(hint).includes('⇒'));
    }, 30000, 'inline values to clear after a restart');
  });

  const tmp = config.results + '.tmp';
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, config.results);
}

module.exports = { activate, deactivate() {} };
