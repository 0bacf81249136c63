/** What the toolbar badge shows for a tab's state: text, colours and tooltip title. */

// Grade colours run green (A) to red (E): one palette for the toolbar, the popup and the server's
// pages (api/pages/badge.py GRADE_COLORS and the --grade-X variables of api/pages/static/pages.css;
// tests/extension/test_extension_palette.py checks all three agree). Each is dark enough for white
// text at a contrast of at least 4.5:1 (WCAG AA); tests/extension/badge.test.mjs checks every pair.
export const GRADE_COLORS = Object.freeze({
  A: { background: '#1a7f37', foreground: '#ffffff' },
  B: { background: '#4d7c0f', foreground: '#ffffff' },
  C: { background: '#8a6100', foreground: '#ffffff' },
  D: { background: '#b34700', foreground: '#ffffff' },
  E: { background: '#c0202a', foreground: '#ffffff' },
});
export const NEUTRAL_COLORS = Object.freeze({ background: '#5f6368', foreground: '#ffffff' });
export const ERROR_COLORS = Object.freeze({ background: '#3c4043', foreground: '#ffffff' });

const NO_BADGE = Object.freeze({ text: '', ...NEUTRAL_COLORS, title: 'policygrade' });

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** True for one of the five grade letters. */
export function isGrade(value) {
  return typeof value === 'string' && Object.hasOwn(GRADE_COLORS, value);
}

/** The marker added to the grade letter while a site's policy change is not yet seen in the popup. */
export const CHANGE_MARKER = '\u2022';

/** Adds the change marker and a line saying what changed to a graded badge, while unacknowledged. */
function withChangeMarker(badge, state) {
  const change = state.change;
  if (!change || change.acknowledged) return badge;
  const from = isGrade(change.from?.grade) && change.from.grade !== change.to?.grade ? ` (was ${change.from.grade})` : '';
  return { ...badge, text: `${badge.text}${CHANGE_MARKER}`, title: `${badge.title}. The policy changed since you last saw it${from}` };
}

/**
 * Badge for a tab state (see lib/tab-state.js). `state.status` is one of: scoring, graded,
 * ungraded, not_policy, error, rate_limited; anything else (or no state: a browser page) is no badge.
 */
export function badgeFor(state) {
  if (!state || typeof state !== 'object') return NO_BADGE;
  const site = state.site ? ` for ${state.site}` : '';
  const noGrade = { text: '?', ...NEUTRAL_COLORS, title: `No privacy policy grade${site} yet` };
  switch (state.status) {
    case 'scoring':
      return { text: '…', ...NEUTRAL_COLORS, title: 'policygrade: scoring this privacy policy…' };
    case 'graded': {
      if (!isGrade(state.grade)) return noGrade;
      const score = Number.isFinite(state.score) ? ` (${state.score}/100)` : '';
      // Risk count is known when we hold the full report; a prefix look-up only carries grade and score.
      const risks = Number.isInteger(state.riskCount) ? `: ${plural(state.riskCount, 'risk', 'risks')}` : site;
      const badge = { text: state.grade, ...GRADE_COLORS[state.grade], title: `Privacy policy grade ${state.grade}${score}${risks}` };
      return withChangeMarker(badge, state);
    }
    case 'not_policy':
      // This page was not a policy, but the site may still have a grade from its real policy.
      if (state.siteGrade && isGrade(state.siteGrade.grade)) {
        return badgeFor({ status: 'graded', site: state.site, grade: state.siteGrade.grade, score: state.siteGrade.score, change: state.change });
      }
      return noGrade;
    case 'ungraded':
      return noGrade;
    case 'rate_limited':
      return { text: '!', ...ERROR_COLORS, title: 'policygrade: too many requests to the API; try again shortly' };
    case 'error':
      return { text: '!', ...ERROR_COLORS, title: `policygrade: ${state.error?.message ?? 'something went wrong'}` };
    default:
      return NO_BADGE;
  }
}

/** Relative luminance of a #rrggbb colour (WCAG 2.x definition). */
export function luminance(hex) {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1..21). */
export function contrastRatio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
