/** What the popup shows for a tab: a plain view model built from tab state and settings (no DOM). */
import { GRADE_COLORS, isGrade } from './badge.js';
import { siteReportUrl } from './settings.js';

/** Most quotes shown per risk in the popup; the full report page has all of them. */
export const MAX_QUOTES_PER_RISK = 3;

const SEVERITY_LABELS = { high: 'High risk', medium: 'Medium risk', low: 'Low risk', none: 'Not found' };

/** "about 11 min to read" from minutes (at the API's 250 words per minute). */
export function readingTimeText(minutes) {
  if (!Number.isFinite(minutes) || minutes < 0) return null;
  if (minutes < 1) return 'under a minute to read';
  return `about ${Math.round(minutes)} min to read`;
}

/** Risk ids as people read them (the report's own titles, where it carries them, win). */
export const RISK_TITLES = Object.freeze({
  broad_disclosure: 'Broad disclosure',
  no_opt_out: 'No opt-out',
  retention_after_deletion: 'Kept after deletion',
});

/** Most "what it does well" notes shown; the full report page has all of them. */
export const MAX_GOOD_PRACTICES = 4;

function severityOf(value) {
  return Object.hasOwn(SEVERITY_LABELS, value) ? value : 'none';
}

/**
 * The risks of a report as display rows, in the report's order (the API keeps RISK_IDS order).
 * Each quote carries its own severity and context (the list lead-in or section heading) when the
 * report has them; `howToImprove` is the report's one sentence for a detected risk, or ''.
 */
export function riskRows(report) {
  if (!Array.isArray(report?.risks)) return [];
  return report.risks
    .filter((risk) => risk && typeof risk === 'object')
    .map((risk) => {
      const evidence = Array.isArray(risk.evidence) ? risk.evidence.filter((e) => e && typeof e.quote === 'string') : [];
      const severity = severityOf(risk.severity);
      const detected = risk.detected === true;
      return {
        id: String(risk.id ?? ''),
        title: String(risk.title ?? RISK_TITLES[risk.id] ?? risk.id ?? 'Risk'),
        detected,
        severity,
        severityLabel: detected ? SEVERITY_LABELS[severity] : SEVERITY_LABELS.none,
        summary: String(risk.summary ?? ''),
        howToImprove: detected && typeof risk.how_to_improve === 'string' ? risk.how_to_improve.trim() : '',
        quotes: evidence.slice(0, MAX_QUOTES_PER_RISK).map((e) => ({
          text: String(e.quote),
          severity: Object.hasOwn(SEVERITY_LABELS, e.severity) && e.severity !== 'none' ? e.severity : null,
          context: typeof e.context === 'string' && e.context.trim() ? e.context.trim() : null,
        })),
        moreQuotes: Math.max(0, evidence.length - MAX_QUOTES_PER_RISK),
      };
    });
}

/** The report's good practices ("What it does well"), or [] when it has none. */
export function goodPracticeRows(report) {
  if (!Array.isArray(report?.good_practices)) return [];
  return report.good_practices
    .filter((g) => g && typeof g === 'object' && typeof g.quote === 'string' && g.quote.trim())
    .slice(0, MAX_GOOD_PRACTICES)
    .map((g) => ({
      risk: String(g.risk ?? ''),
      riskTitle: RISK_TITLES[g.risk] ?? String(g.risk ?? ''),
      quote: g.quote.trim(),
      explanation: typeof g.explanation === 'string' ? g.explanation.trim() : '',
    }));
}

/** Risk ids as a readable list ("No opt-out, Kept after deletion"), or "none". */
export function riskNames(ids) {
  return Array.isArray(ids) && ids.length ? ids.map((id) => RISK_TITLES[id] ?? String(id)).join(', ') : 'none';
}

/**
 * The change alert for the popup, or null: a headline from what is known locally (grade from/to)
 * and, once "What changed?" fetched the site's history, the risks added and removed.
 */
export function changeView(change) {
  if (!change || typeof change !== 'object' || !change.to) return null;
  const from = isGrade(change.from?.grade) ? change.from.grade : null;
  const to = isGrade(change.to.grade) ? change.to.grade : null;
  const d = change.details && typeof change.details === 'object' ? change.details : null;
  const gradeFrom = d && isGrade(d.gradeFrom) ? d.gradeFrom : from;
  const gradeTo = d && isGrade(d.gradeTo) ? d.gradeTo : to;
  const headline = gradeFrom && gradeTo && gradeFrom !== gradeTo
    ? `Its grade went from ${gradeFrom} to ${gradeTo}.`
    : 'Its grade is unchanged, but the text is not the one you saw.';
  const lines = [];
  if (d) {
    if (Array.isArray(d.added)) lines.push(`Risks added: ${riskNames(d.added)}.`);
    if (Array.isArray(d.removed)) lines.push(`Risks removed: ${riskNames(d.removed)}.`);
    if (!Array.isArray(d.added)) lines.push('The version you saw is no longer in the site\u2019s history, so the risks cannot be compared.');
    if (Number.isInteger(d.versions) && d.versions > 1) lines.push(`${d.versions} new versions since you looked.`);
    if (typeof d.since === 'string') lines.push(`This version was first seen on ${d.since.slice(0, 10)}.`);
  }
  return { gradeFrom, gradeTo, headline, lines, loaded: Boolean(d), acknowledged: change.acknowledged === true };
}

/** Readability line items, or null when the report has none. */
export function readabilityRows(report) {
  const r = report?.readability;
  if (!r || typeof r !== 'object') return null;
  return {
    level: typeof r.level === 'string' ? r.level : null,
    readingTime: readingTimeText(r.reading_time_minutes),
    words: Number.isFinite(r.word_count) ? r.word_count : null,
    fleschReadingEase: Number.isFinite(r.flesch_reading_ease) ? Math.round(r.flesch_reading_ease) : null,
  };
}

function comparableUrl(url) {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

/**
 * The popup's view model. `tabUrl` is the active tab's URL when the browser tells us (activeTab),
 * used to notice state left over from the tab's previous page. Returns {kind, ...} where kind is
 * one of: nothing, loading, scoring, graded, ungraded, not_policy, unreachable, rate_limited, error.
 */
export function popupView({ state, settings, tabUrl = undefined }) {
  const apiBase = settings.apiBase;
  const common = { apiBase, autoCapture: settings.autoCapture, changeAlerts: settings.changeAlerts !== false };
  if (tabUrl !== undefined && !/^https?:/i.test(tabUrl ?? '')) return { ...common, kind: 'nothing' };
  if (!state) return { ...common, kind: tabUrl ? 'loading' : 'nothing' };
  if (tabUrl && comparableUrl(tabUrl) !== comparableUrl(state.url)) return { ...common, kind: 'loading' };
  const userContent = state.userContent && typeof state.userContent.why === 'string' ? state.userContent : null;
  const base = {
    ...common,
    site: state.site,
    url: state.url,
    isPolicy: state.isPolicy === true,
    policyLink: state.policyLink ?? null,
    reportUrl: state.site ? siteReportUrl(apiBase, state.site) : null,
    userContent,
    // "Score this page" is offered wherever this page's own text was not what got graded.
    canScorePage: state.source !== 'policy',
    change: changeView(state.change),
  };
  switch (state.status) {
    case 'looking_up':
      return { ...base, kind: 'loading' };
    case 'scoring':
      return { ...base, kind: 'scoring' };
    case 'graded': {
      if (!isGrade(state.grade)) return { ...base, kind: 'ungraded' };
      const report = state.report ?? null;
      return {
        ...base,
        kind: 'graded',
        grade: state.grade,
        colors: GRADE_COLORS[state.grade],
        score: Number.isFinite(state.score) ? state.score : null,
        source: state.source,
        riskCount: Number.isInteger(state.riskCount) ? state.riskCount : null,
        hasReport: Boolean(report),
        canLoadReport: !report && Boolean(state.reportId),
        risks: riskRows(report),
        goodPractices: goodPracticeRows(report),
        readability: readabilityRows(report),
        // This page's own report was not filed under the site (a user's document): say so.
        filed: state.filed !== false,
        siteGrade: state.source !== 'site' && state.siteGrade && isGrade(state.siteGrade.grade) ? state.siteGrade : null,
        scoredAt: typeof report?.scored_at === 'string' ? report.scored_at : null,
        policyUrl: typeof report?.url === 'string' ? report.url : null,
      };
    }
    case 'ungraded':
      return { ...base, kind: 'ungraded' };
    case 'not_policy':
      return {
        ...base,
        kind: 'not_policy',
        reason: state.notPolicyReason || 'The text on this page does not read like a privacy policy.',
        siteGrade: state.siteGrade && isGrade(state.siteGrade.grade) ? state.siteGrade : null,
      };
    case 'rate_limited':
      return { ...base, kind: 'rate_limited', retryAfterSeconds: state.error?.retryAfterSeconds ?? null, message: state.error?.message ?? '' };
    case 'error': {
      const unreachable = state.error?.kind === 'network' || state.error?.kind === 'timeout';
      return { ...base, kind: unreachable ? 'unreachable' : 'error', message: state.error?.message ?? 'Something went wrong.' };
    }
    default:
      return { ...base, kind: 'loading' };
  }
}

/** The popup's "what is sent and when" text, for the current settings. */
export function privacyNote(settings) {
  const capture = settings.autoCapture
    ? 'When a page looks like a privacy policy, its text and address are sent to the API to be graded (never for documents on hosts such as Google Docs or GitHub files, where the page belongs to its author).'
    : 'Automatic capture is off: policy text is sent only when you press a button here.';
  const alerts = settings.changeAlerts !== false
    ? 'The report of each site you have seen is remembered in this browser only, to tell you when its policy changes.'
    : 'Change alerts are off: nothing is remembered about the sites you see.';
  return [
    `Server: ${settings.apiBase}.`,
    capture,
    alerts,
    'To show a site\u2019s grade, only the first 4 characters of a hash of the site\u2019s name are sent, so the server cannot tell which site you visit.',
    'Nothing else about your browsing is sent.',
  ];
}
