// Change alerts: what was seen per site, locally, and what changed from the API's history.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeDetails, changeSince, clearSeen, detectedRiskIds, getSeen, MAX_SEEN_SITES, rememberSeen } from '../../extension/lib/change-alert.js';
import { fakeStorageArea } from './helpers.mjs';

test('rememberSeen / getSeen / clearSeen, with the oldest pruned beyond the cap', async () => {
  const area = fakeStorageArea();
  await rememberSeen(area, 'example.org', { reportId: 'r1', grade: 'B', score: 80, risks: ['no_opt_out'] }, 5);
  assert.deepEqual(await getSeen(area, 'example.org'), { reportId: 'r1', grade: 'B', score: 80, risks: ['no_opt_out'], seenAt: 5 });
  for (let i = 0; i < MAX_SEEN_SITES + 3; i += 1) area.data.set(`seen:s${i}.test`, { reportId: 'x', seenAt: 10 + i });
  await rememberSeen(area, 'last.test', { reportId: 'r2' }, 1_000_000);
  const kept = [...area.data.keys()].filter((k) => k.startsWith('seen:'));
  assert.equal(kept.length, MAX_SEEN_SITES);
  assert.ok(kept.includes('seen:last.test') && !kept.includes('seen:example.org'));
  assert.equal(await clearSeen(area), MAX_SEEN_SITES);
  assert.equal(await getSeen(area, 'last.test'), null);
});

test('changeSince: nothing seen or the same report is no change', () => {
  assert.equal(changeSince(null, { reportId: 'b' }), null);
  assert.equal(changeSince({ reportId: 'b' }, { reportId: 'b' }), null);
  const change = changeSince({ reportId: 'a', grade: 'B', score: 80, risks: null, seenAt: 1 }, { reportId: 'b', grade: 'D', score: 40 });
  assert.deepEqual(change, { from: { reportId: 'a', grade: 'B', score: 80, risks: null, seenAt: 1 }, to: { reportId: 'b', grade: 'D', score: 40 }, acknowledged: false, details: null });
});

const RECORD = { history: [
  { id: 'c', grade: 'E', risks: ['broad_disclosure', 'no_opt_out'], first_seen: '2026-11-05T00:00:00Z' },
  { id: 'b', grade: 'D', risks: ['broad_disclosure'], first_seen: '2026-10-01T00:00:00Z' },
  { id: 'a', grade: 'B', risks: ['retention_after_deletion'], first_seen: '2026-01-01T00:00:00Z' },
] };

test('changeDetails compares the seen version with the current one across the history', () => {
  const change = changeSince({ reportId: 'a', grade: 'B' }, { reportId: 'c', grade: 'E' });
  assert.deepEqual(changeDetails(RECORD, change), { gradeFrom: 'B', gradeTo: 'E', added: ['broad_disclosure', 'no_opt_out'], removed: ['retention_after_deletion'], versions: 2, since: '2026-11-05T00:00:00Z', known: true });
});

test('changeDetails falls back to the risks remembered locally, or says they are unknown', () => {
  const remembered = changeSince({ reportId: 'gone', grade: 'A', risks: ['no_opt_out'] }, { reportId: 'c', grade: 'E' });
  assert.deepEqual(changeDetails(RECORD, remembered), { gradeFrom: 'A', gradeTo: 'E', added: ['broad_disclosure'], removed: [], versions: null, since: '2026-11-05T00:00:00Z', known: false });
  const unknown = changeSince({ reportId: 'gone', grade: 'A' }, { reportId: 'c', grade: 'E' });
  assert.equal(changeDetails({ history: 'junk' }, unknown).added, null);
});

test('detectedRiskIds', () => {
  assert.deepEqual(detectedRiskIds({ risks: [{ id: 'a', detected: true }, { id: 'b', detected: false }, null] }), ['a']);
  assert.equal(detectedRiskIds(null), null);
});
