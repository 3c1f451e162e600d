// Drives the VS Code UI (code-server in headless Chromium, through playwright-core) after the
// test-only extension has recorded its API-level results: checks what a person would see, i.e.
// the error squiggle, the hover widget, and an inline value appearing after pressing
// Shift+Enter in the editor. Writes the findings as JSON and a screenshot.
//
//   node vscode_ui.cjs URL SMOKE_RESULTS UI_RESULTS SCREENSHOT
'use strict';
const fs = require('fs');
const { chromium } = require('playwright-core');

const [url, smokeResults, uiResults, screenshot] = process.argv.slice(2);
const CHROMIUM = process.env.CLAUDELANG_CHROMIUM || '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

async function waitForFile(path, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(path)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${path}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main() {
  const results = { steps: {}, errors: {} };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const step = async (name, fn) => {
    try {
      await fn();
      results.steps[name] = true;
    } catch (error) {
      results.steps[name] = false;
      results.errors[name] = String((error && error.stack) || error);
    }
  };
  try {
    await page.goto(url);
    await step('smoke', async () => {
      await waitForFile(smokeResults, 240000); // the test-only extension has finished
    });
    // Monaco renders spaces as no-break spaces, and inlay hints (`a:`) inside the line text.
    const line = (pattern) => page.locator('.monaco-editor .view-line', { hasText: pattern }).first();
    await step('squiggle', async () => {
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
    });
    await step('hover', async () => {
      const token = line(/^\(add\b.*40.*2\)/).locator('span > span', { hasText: /^add$/ }).first();
      await token.hover();
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Add two numbers' }).first();
      await hover.waitFor({ timeout: 30000 });
      results.hover = await hover.innerText();
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
    });
    await step('shiftEnter', async () => {
      const target = line(/^\(add\b.*40.*2\)/);
      await target.click();
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Enter');
      const valued = page.locator('.monaco-editor .view-line', { hasText: /⇒\s42/ }).first();
      await valued.waitFor({ timeout: 60000 });
      results.lineAfterShiftEnter = (await valued.innerText()).replace(/\u00a0/g, ' ');
    });
    await step('statusBar', async () => {
      const item = page.locator('.statusbar-item', { hasText: 'ClaudeLang' }).first();
      await item.waitFor({ timeout: 10000 });
      results.statusBar = (await item.innerText()).trim();
    });
    await page.screenshot({ path: screenshot });
  } finally {
    fs.writeFileSync(uiResults, JSON.stringify(results, null, 2));
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
