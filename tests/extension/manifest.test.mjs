// The manifest and the source tree: minimal permissions, every file it names exists, no innerHTML.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { EXTENSION_DIR } from './helpers.mjs';

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const ownCode = files(EXTENSION_DIR).filter((p) => /\.(js|html)$/.test(p) && !relative(EXTENSION_DIR, p).startsWith('vendor'));

test('Manifest V3 with a Chrome service worker and Firefox background scripts, both ES modules', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.background.service_worker, 'background.js');
  assert.deepEqual(manifest.background.scripts, ['background.js']);
  assert.equal(manifest.background.type, 'module');
  assert.match(manifest.browser_specific_settings.gecko.id, /^[\w.-]+@[\w.-]+$/);
});

test('permissions are minimal: storage, activeTab, the default API host; sites only on request', () => {
  assert.deepEqual(manifest.permissions, ['storage', 'activeTab']);
  assert.deepEqual(manifest.host_permissions, ['http://127.0.0.1/*']);
  assert.deepEqual(manifest.optional_host_permissions, ['http://*/*', 'https://*/*']);
  assert.ok(!('tabs' in manifest) && !manifest.permissions.includes('tabs') && !manifest.permissions.includes('scripting'));
});

test('every file the manifest names exists', () => {
  const named = [
    manifest.background.service_worker,
    ...manifest.background.scripts,
    manifest.action.default_popup,
    manifest.options_ui.page,
    ...Object.values(manifest.icons),
    ...Object.values(manifest.action.default_icon),
    ...manifest.content_scripts.flatMap((c) => c.js),
  ];
  for (const path of named) assert.ok(existsSync(join(EXTENSION_DIR, path)), path);
});

test('content scripts are classic scripts (no import/export), Readability first and main.js last', () => {
  const [scripts] = manifest.content_scripts;
  assert.equal(scripts.js[0], 'vendor/Readability.js');
  assert.equal(scripts.js.at(-1), 'content/main.js');
  for (const path of scripts.js.slice(1)) {
    const code = readFileSync(join(EXTENSION_DIR, path), 'utf8');
    assert.doesNotMatch(code, /^\s*(import|export)\s/m, path);
  }
});

test('our code never writes HTML strings into the DOM', () => {
  assert.ok(ownCode.length > 10);
  for (const path of ownCode) {
    const code = readFileSync(path, 'utf8');
    assert.doesNotMatch(code, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write\(/, relative(EXTENSION_DIR, path));
  }
});

test('extension pages load no inline script (MV3 CSP forbids it)', () => {
  for (const path of ownCode.filter((p) => p.endsWith('.html'))) {
    const html = readFileSync(path, 'utf8');
    for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(attrs, /src=/, path);
      assert.equal(body.trim(), '', path);
    }
  }
});

test('the vendored Readability is the npm package\'s file, with its licence', () => {
  const vendored = readFileSync(join(EXTENSION_DIR, 'vendor', 'Readability.js'), 'utf8');
  assert.ok(existsSync(join(EXTENSION_DIR, 'vendor', 'Readability-LICENSE.md')));
  const npmCopy = join(EXTENSION_DIR, '..', 'node_modules', '@mozilla', 'readability', 'Readability.js');
  if (existsSync(npmCopy)) assert.equal(vendored, readFileSync(npmCopy, 'utf8'), 'rerun node scripts/vendor-extension-deps.mjs');
  assert.match(vendored, /function Readability\(doc, options\)/);
});
