// Tab state and caches in chrome.storage: guarded updates, expiry, pruning, clearing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clearCachedData, dropCachedBucket, getCachedBucket, getCachedReport, MAX_CACHED_REPORTS, putCachedBucket, putCachedReport } from '../../extension/lib/cache.js';
import { PREFIX_TTL_MS } from '../../extension/lib/prefix-lookup.js';
import { getTabState, patchTabState, removeTabState, setTabState, tabKey } from '../../extension/lib/tab-state.js';
import { fakeStorageArea } from './helpers.mjs';

test('patchTabState applies only to the page it was meant for', async () => {
  const session = fakeStorageArea();
  await setTabState(session, 3, { pageId: 'new', status: 'looking_up' });
  assert.equal(await patchTabState(session, 3, 'old', { status: 'graded' }), null);
  assert.equal((await getTabState(session, 3)).status, 'looking_up');
  const patched = await patchTabState(session, 3, 'new', { status: 'graded' }, 42);
  assert.deepEqual(patched, { pageId: 'new', status: 'graded', updatedAt: 42 });
  assert.equal(await patchTabState(session, 99, 'new', {}), null);
  await removeTabState(session, 3);
  assert.equal(await getTabState(session, 3), null);
  assert.equal(tabKey(3), 'tab:3');
});

test('buckets expire after the time to live and can be dropped', async () => {
  const local = fakeStorageArea();
  await putCachedBucket(local, { prefix: 'abcd', sites: [] }, 1000);
  assert.deepEqual(await getCachedBucket(local, 'abcd', 1000 + 5), { prefix: 'abcd', sites: [], fetchedAt: 1000 });
  assert.equal(await getCachedBucket(local, 'abcd', 1000 + PREFIX_TTL_MS), null);
  await dropCachedBucket(local, 'abcd');
  assert.equal(await getCachedBucket(local, 'abcd', 1000), null);
});

test('cached reports are pruned to the newest MAX_CACHED_REPORTS', async () => {
  const local = fakeStorageArea();
  for (let i = 0; i < MAX_CACHED_REPORTS + 3; i += 1) await putCachedReport(local, `site${i}.example`, { id: String(i) }, i);
  assert.equal(await getCachedReport(local, 'site0.example'), null);
  assert.deepEqual(await getCachedReport(local, `site${MAX_CACHED_REPORTS + 2}.example`), { id: String(MAX_CACHED_REPORTS + 2) });
  const reports = Object.keys(await local.get(null)).filter((k) => k.startsWith('report:'));
  assert.equal(reports.length, MAX_CACHED_REPORTS);
});

test('clearCachedData removes buckets, reports and tab states but keeps settings', async () => {
  const local = fakeStorageArea();
  const session = fakeStorageArea();
  await local.set({ settings: { autoCapture: false } });
  await putCachedBucket(local, { prefix: 'abcd', sites: [] }, 1);
  await putCachedReport(local, 'a.example', { id: '1' }, 1);
  await setTabState(session, 1, { pageId: 'p' });
  assert.equal(await clearCachedData(local, session), 2);
  assert.deepEqual(Object.keys(await local.get(null)), ['settings']);
  assert.deepEqual(await session.get(null), {});
  assert.equal(await clearCachedData(local, null), 0);
});
