// Badge text, colours and title per tab state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeFor, contrastRatio, ERROR_COLORS, GRADE_COLORS, NEUTRAL_COLORS } from '../../extension/lib/badge.js';

test('graded: the letter, its colour and "grade C (62/100): 2 risks"', () => {
  const badge = badgeFor({ status: 'graded', grade: 'C', score: 62, riskCount: 2, site: 'example.com' });
  assert.equal(badge.text, 'C');
  assert.equal(badge.background, GRADE_COLORS.C.background);
  assert.equal(badge.title, 'Privacy policy grade C (62/100): 2 risks');
  assert.equal(badgeFor({ status: 'graded', grade: 'A', score: 95, riskCount: 1 }).title, 'Privacy policy grade A (95/100): 1 risk');
  assert.equal(badgeFor({ status: 'graded', grade: 'A', score: 95, riskCount: 0 }).title, 'Privacy policy grade A (95/100): 0 risks');
});

test('graded by site look-up (no risk count): names the site instead', () => {
  const badge = badgeFor({ status: 'graded', grade: 'E', score: 12, riskCount: null, site: 'example.com' });
  assert.equal(badge.title, 'Privacy policy grade E (12/100) for example.com');
});

test('grades run green to red', () => {
  const hue = (hex) => {
    const [r, g] = [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16)];
    return g - r; // greener is larger
  };
  const order = ['A', 'B', 'C', 'D', 'E'].map((g) => hue(GRADE_COLORS[g].background));
  assert.deepEqual([...order].sort((a, b) => b - a), order);
});

test('every badge colour pair keeps AA contrast (4.5:1)', () => {
  for (const { background, foreground } of [...Object.values(GRADE_COLORS), NEUTRAL_COLORS, ERROR_COLORS]) {
    assert.ok(contrastRatio(background, foreground) >= 4.5, `${foreground} on ${background}: ${contrastRatio(background, foreground).toFixed(2)}`);
  }
});

// [state, text]: every state beside the ones that show nothing.
const TEXTS = [
  [{ status: 'scoring' }, '…'],
  [{ status: 'ungraded', site: 'example.com' }, '?'],
  [{ status: 'not_policy', site: 'example.com' }, '?'],
  [{ status: 'graded', grade: 'F' }, '?'], // not a grade we know: never a made-up letter
  [{ status: 'graded', grade: null }, '?'],
  [{ status: 'error', error: { message: 'Cannot reach the policygrade API at http://127.0.0.1:8000.' } }, '!'],
  [{ status: 'rate_limited' }, '!'],
  [{ status: 'looking_up' }, ''],
  [null, ''], // browser page: no state, no badge
  [undefined, ''],
];
for (const [state, text] of TEXTS) {
  test(`badge text for ${JSON.stringify(state)} is ${JSON.stringify(text)}`, () => assert.equal(badgeFor(state).text, text));
}

test('a page the server judged not a policy shows the site grade when the site has one', () => {
  const badge = badgeFor({ status: 'not_policy', site: 'example.com', siteGrade: { grade: 'D', score: 41 } });
  assert.equal(badge.text, 'D');
  assert.equal(badge.title, 'Privacy policy grade D (41/100) for example.com');
});

test('the ungraded and error titles say why', () => {
  assert.equal(badgeFor({ status: 'ungraded', site: 'example.com' }).title, 'No privacy policy grade for example.com yet');
  assert.match(badgeFor({ status: 'error', error: { message: 'Cannot reach X' } }).title, /Cannot reach X/);
});
