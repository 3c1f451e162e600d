/**
 * The language server bundled in a platform-specific `.vsix`: `bundled/bundle.json`, written by
 * scripts/bundle-server.sh, names the interpreter the libraries in `bundled/libs` were
 * installed for. No `vscode` import.
 */

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Bundle } from './serverCommand';

/** The bundle in `extensionPath`, if there is one built for `platform` (e.g. `linux-x64`). */
export function readBundle(extensionPath: string, platform = `${process.platform}-${process.arch}`): Bundle | undefined {
  const folder = path.join(extensionPath, 'bundled');
  let manifest: { python?: unknown; platform?: unknown; claudelang?: unknown };
  try {
    manifest = JSON.parse(readFileSync(path.join(folder, 'bundle.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const { python, claudelang } = manifest;
  if (manifest.platform !== platform || typeof python !== 'string' || typeof claudelang !== 'string') {
    return undefined;
  }
  return { libs: path.join(folder, 'libs'), python, version: claudelang };
}
