// Settings: API base URL validation, defaults, and storage round trips.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, loadSettings, normalizeApiBase, originPattern, saveSettings, siteReportUrl } from '../../extension/lib/settings.js';
import { fakeStorageArea } from './helpers.mjs';

// [input, normalized or null when refused]
const BASES = [
  ['http://127.0.0.1:8000', 'http://127.0.0.1:8000'],
  ['http://127.0.0.1:8000/', 'http://127.0.0.1:8000'],
  ['  https://policygrade.example.org/api-root/  ', 'https://policygrade.example.org/api-root'],
  ['HTTPS://Policygrade.Example.org', 'https://policygrade.example.org'],
  ['ftp://example.org', null],
  ['javascript:alert(1)', null],
  ['127.0.0.1:8000', null], // no scheme: would parse as scheme "127.0.0.1"
  ['https://user:pw@example.org', null],
  ['https://example.org/?x=1', null],
  ['', null],
  [42, null],
];
for (const [input, expected] of BASES) {
  test(`normalizeApiBase(${JSON.stringify(input)})`, () => {
    const result = normalizeApiBase(input);
    if (expected === null) {
      assert.equal(result.ok, false);
      assert.ok(result.error.length > 10);
    } else {
      assert.deepEqual(result, { ok: true, value: expected });
    }
  });
}

test('originPattern drops the port (Firefox match patterns have none) and the path', () => {
  assert.equal(originPattern('http://127.0.0.1:8000'), 'http://127.0.0.1/*');
  assert.equal(originPattern('https://policygrade.example.org/api-root'), 'https://policygrade.example.org/*');
});

test('siteReportUrl escapes the site into one path segment', () => {
  assert.equal(siteReportUrl('http://127.0.0.1:8000', 'example.co.uk'), 'http://127.0.0.1:8000/sites/example.co.uk');
  assert.equal(siteReportUrl('http://x', 'a/b?c'), 'http://x/sites/a%2Fb%3Fc');
});

test('loadSettings: defaults first, stored values over them, bad stored values ignored', async () => {
  const area = fakeStorageArea();
  assert.deepEqual(await loadSettings(area), DEFAULT_SETTINGS);
  await area.set({ settings: { apiBase: 'https://pg.example.org/', autoCapture: false, changeAlerts: false } });
  assert.deepEqual(await loadSettings(area), { apiBase: 'https://pg.example.org', autoCapture: false, changeAlerts: false });
  await area.set({ settings: { apiBase: 'javascript:x', autoCapture: 'yes', changeAlerts: 1 } });
  assert.deepEqual(await loadSettings(area), DEFAULT_SETTINGS);
});

test('saveSettings validates and merges; an invalid URL is refused with the reason', async () => {
  const area = fakeStorageArea();
  assert.deepEqual(await saveSettings(area, { autoCapture: false }), { apiBase: DEFAULT_SETTINGS.apiBase, autoCapture: false, changeAlerts: true });
  await assert.rejects(saveSettings(area, { apiBase: 'nope' }), /not a URL/);
  assert.deepEqual(await saveSettings(area, { changeAlerts: false }), { apiBase: DEFAULT_SETTINGS.apiBase, autoCapture: false, changeAlerts: false });
  assert.deepEqual(await loadSettings(area), { apiBase: DEFAULT_SETTINGS.apiBase, autoCapture: false, changeAlerts: false });
});
