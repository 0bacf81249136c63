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

/** The risks of a report as display rows, in the report's order (the API keeps RISK_IDS order). */
export function riskRows(report) {
  if (!Array.isArray(report?.risks)) return [];
  return report.risks
    .filter((risk) => risk && typeof risk === 'object')
    .map((risk) => {
      const evidence = Array.isArray(risk.evidence) ? risk.evidence.filter((e) => e && typeof e.quote === 'string') : [];
      const severity = Object.hasOwn(SEVERITY_LABELS, risk.severity) ? risk.severity : 'none';
      return {
        id: String(risk.id ?? ''),
        title: String(risk.title ?? risk.id ?? 'Risk'),
        detected: risk.detected === true,
        severity,
        severityLabel: risk.detected === true ? SEVERITY_LABELS[severity] : SEVERITY_LABELS.none,
        summary: String(risk.summary ?? ''),
        quotes: evidence.slice(0, MAX_QUOTES_PER_RISK).map((e) => String(e.quote)),
        moreQuotes: Math.max(0, evidence.length - MAX_QUOTES_PER_RISK),
      };
    });
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
  const common = { apiBase, autoCapture: settings.autoCapture };
  if (tabUrl !== undefined && !/^https?:/i.test(tabUrl ?? '')) return { ...common, kind: 'nothing' };
  if (!state) return { ...common, kind: tabUrl ? 'loading' : 'nothing' };
  if (tabUrl && comparableUrl(tabUrl) !== comparableUrl(state.url)) return { ...common, kind: 'loading' };
  const base = {
    ...common,
    site: state.site,
    url: state.url,
    isPolicy: state.isPolicy === true,
    policyLink: state.policyLink ?? null,
    reportUrl: state.site ? siteReportUrl(apiBase, state.site) : null,
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
        readability: readabilityRows(report),
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
    ? 'When a page looks like a privacy policy, its text and address are sent to the API to be graded.'
    : 'Automatic capture is off: policy text is sent only when you press a button here.';
  return [
    `Server: ${settings.apiBase}.`,
    capture,
    'To show a site\u2019s grade, only the first 4 characters of a hash of the site\u2019s name are sent, so the server cannot tell which site you visit.',
    'Nothing else about your browsing is sent.',
  ];
}
