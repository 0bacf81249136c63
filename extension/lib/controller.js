/** The service worker's work: page reports in, API calls out, tab state and badges updated. */
import { ApiError, createApiClient } from './api-client.js';
import { badgeFor } from './badge.js';
import { dropCachedBucket, getCachedBucket, getCachedReport, putCachedBucket, putCachedReport } from './cache.js';
import { matchSite, parsePrefixResponse } from './prefix-lookup.js';
import { siteOfUrl } from './psl.js';
import { loadSettings, originPattern } from './settings.js';
import { prefixOf, sha256Hex } from './site-hash.js';
import { getTabState, patchTabState, removeTabState, setTabState } from './tab-state.js';

/** Session-storage key prefix of "Score this site's policy" requests waiting for host access. */
const PENDING_KEY = 'pending:';

/** Texts shorter than this are not worth sending (a policy has hundreds of words). */
export const MIN_POLICY_CHARS = 200;
/** Matches the API's default body limit (2 MB of text); longer extractions are cut, not sent whole. */
export const MAX_POLICY_CHARS = 2_000_000;
/** Policy pages fetched for "Score this site's policy" larger than this are refused. */
const MAX_FETCHED_HTML_BYTES = 5_000_000;

/** Plain, storable error data from anything thrown. */
function errorData(error, baseUrl) {
  if (error instanceof ApiError) return error.toJSON();
  return { kind: 'extension', message: String(error?.message ?? error), status: null, retryAfterSeconds: null, baseUrl };
}

function statusForError(error) {
  return error?.kind === 'rate_limited' ? 'rate_limited' : 'error';
}

/** True when two URLs share scheme, host and port. */
function sameOrigin(a, b) {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** Validates a page report from a content script; returns a clean copy or null. */
export function parsePageMessage(message) {
  if (!message || typeof message !== 'object' || typeof message.url !== 'string' || typeof message.pageId !== 'string') return null;
  const link = message.policyLink;
  const policyLink = link && typeof link.url === 'string' && /^https?:/i.test(link.url)
    ? { url: link.url, text: typeof link.text === 'string' ? link.text.slice(0, 200) : '' }
    : null;
  const detection = message.detection && typeof message.detection === 'object' ? message.detection : {};
  return {
    pageId: message.pageId.slice(0, 64),
    url: message.url.slice(0, 4096),
    title: typeof message.title === 'string' ? message.title.slice(0, 500) : '',
    isPolicy: detection.isPolicy === true,
    detection: {
      confidence: Number.isFinite(detection.confidence) ? detection.confidence : 0,
      reasons: Array.isArray(detection.reasons) ? detection.reasons.filter((r) => typeof r === 'string').slice(0, 20) : [],
    },
    policyLink,
  };
}

/** Number of risks a report marks as detected. */
export function riskCountOf(report) {
  return Array.isArray(report?.risks) ? report.risks.filter((risk) => risk && risk.detected).length : 0;
}

/**
 * Builds the controller over injected dependencies: `webext` (the extension API or a fake),
 * `fetchImpl` and `now`, so node tests can drive every path without a browser.
 */
export function createController({ webext, fetchImpl = globalThis.fetch, now = Date.now }) {
  const session = webext.storage.session;
  const local = webext.storage.local;

  /** The settings and an API client for them; pass `settings` when the caller has just read them. */
  async function apiClient(settings = null) {
    settings ??= await loadSettings(local);
    return { settings, api: createApiClient({ baseUrl: settings.apiBase, fetchImpl, now }) };
  }

  async function showBadge(tabId, state) {
    const badge = badgeFor(state);
    // The tab may have closed meanwhile; a badge for a closed tab is not an error worth reporting.
    try {
      await webext.action.setBadgeText({ tabId, text: badge.text });
      await webext.action.setBadgeBackgroundColor({ tabId, color: badge.background });
      // Chrome 110+ and Firefox 63+: below the manifest's minimum versions, so always there.
      await webext.action.setBadgeTextColor({ tabId, color: badge.foreground });
      await webext.action.setTitle({ tabId, title: badge.title });
    } catch {
      /* tab gone */
    }
  }

  async function update(tabId, pageId, patch) {
    const state = await patchTabState(session, tabId, pageId, patch, now());
    if (state) await showBadge(tabId, state);
    return state;
  }

  /** The report's fields a tab state keeps. */
  function reportPatch(report, source) {
    return {
      status: report.is_policy === false ? 'not_policy' : 'graded',
      source,
      grade: report.grade ?? null,
      score: Number.isFinite(report.score) ? report.score : null,
      riskCount: riskCountOf(report),
      reportId: typeof report.id === 'string' ? report.id : null,
      report,
      notPolicyReason: report.is_policy === false ? String(report.grade_reason ?? '') : null,
      error: null,
    };
  }

  /**
   * Sends extracted policy text to the API and records the report for the tab and the site. The
   * callers have already set the tab's status to "scoring".
   */
  async function scoreText(tabId, pageId, { text, url, title }, source, knownSettings = null) {
    const { settings, api } = await apiClient(knownSettings);
    if (typeof text !== 'string' || text.trim().length < MIN_POLICY_CHARS) {
      return update(tabId, pageId, { status: 'error', error: { kind: 'extraction', message: 'Could not find enough policy text on that page.', baseUrl: settings.apiBase } });
    }
    try {
      const report = await api.score({ text: text.slice(0, MAX_POLICY_CHARS), url, title });
      const site = typeof report.site === 'string' && report.site ? report.site : siteOfUrl(url);
      if (site && report.is_policy !== false) {
        await putCachedReport(local, site, report, now());
        // The server's bucket for this site just changed: the next look-up must ask again.
        await dropCachedBucket(local, prefixOf(await sha256Hex(site)));
      }
      const state = await update(tabId, pageId, reportPatch(report, source));
      if (state?.status === 'not_policy') return lookupSite(tabId, pageId, { keepStatus: true, knownSettings: settings });
      return state;
    } catch (error) {
      return update(tabId, pageId, { status: statusForError(error), error: errorData(error, settings.apiBase) });
    }
  }

  /** The grade of the tab's site through the 4-hex-prefix bucket (cached), matched locally. */
  async function lookupSite(tabId, pageId, { keepStatus = false, bypassCache = false, knownSettings = null } = {}) {
    const state = await getTabState(session, tabId);
    if (!state || state.pageId !== pageId || !state.site) return null;
    const { settings, api } = await apiClient(knownSettings);
    try {
      const hash = await sha256Hex(state.site);
      const prefix = prefixOf(hash);
      let bucket = bypassCache ? null : await getCachedBucket(local, prefix, now());
      if (!bucket) {
        bucket = parsePrefixResponse(await api.sitesByPrefix(prefix), prefix);
        await putCachedBucket(local, bucket, now());
      }
      const entry = matchSite(bucket, state.site, hash);
      if (!entry || !entry.grade) {
        return update(tabId, pageId, keepStatus ? { siteGrade: null } : { status: 'ungraded', source: 'site', error: null });
      }
      if (keepStatus) return update(tabId, pageId, { siteGrade: { grade: entry.grade, score: entry.score, reportId: entry.report_id } });
      const cachedReport = await getCachedReport(local, state.site);
      const report = cachedReport && cachedReport.id === entry.report_id ? cachedReport : null;
      return update(tabId, pageId, {
        status: 'graded', source: 'site', grade: entry.grade, score: entry.score, reportId: entry.report_id, error: null,
        report, riskCount: report ? riskCountOf(report) : null,
      });
    } catch (error) {
      // parsePrefixResponse's TypeError (ApiError is not one): the server answered something else.
      if (error instanceof TypeError) {
        return update(tabId, pageId, { status: 'error', error: { kind: 'bad_response', message: `Unexpected answer from ${settings.apiBase}: ${error.message}`, baseUrl: settings.apiBase } });
      }
      return update(tabId, pageId, { status: statusForError(error), error: errorData(error, settings.apiBase) });
    }
  }

  /** Asks the tab's content script for the page's policy text and scores it. */
  async function scoreCurrentPage(tabId, pageId, knownSettings = null) {
    await update(tabId, pageId, { status: 'scoring', error: null });
    let extracted;
    try {
      extracted = await webext.tabs.sendMessage(tabId, { type: 'extract', pageId });
    } catch {
      extracted = null;
    }
    if (!extracted?.ok) {
      return update(tabId, pageId, { status: 'error', error: { kind: 'extraction', message: 'Could not read the text of this page; reload it and try again.' } });
    }
    return scoreText(tabId, pageId, extracted, 'policy', knownSettings);
  }

  /** Fetches the site's policy link (host permission granted by the popup), extracts and scores it. */
  async function scoreLinkedPolicy(tabId, pageId) {
    const state = await getTabState(session, tabId);
    if (!state?.policyLink) return null;
    const policyUrl = state.policyLink.url;
    await update(tabId, pageId, { status: 'scoring', error: null });
    let html;
    try {
      const response = await fetchImpl(policyUrl, { credentials: 'omit', redirect: 'follow' });
      const type = response.headers.get('Content-Type') ?? '';
      if (!response.ok) throw new Error(`the page answered HTTP ${response.status}`);
      if (!/html|xml|text\/plain/i.test(type)) throw new Error(`the page is ${type || 'not HTML'}`);
      html = await response.text();
      if (html.length > MAX_FETCHED_HTML_BYTES) throw new Error('the page is too large');
    } catch (error) {
      return update(tabId, pageId, { status: 'error', error: { kind: 'fetch', message: `Could not fetch ${policyUrl}: ${error.message}` } });
    }
    let extracted;
    try {
      extracted = await webext.tabs.sendMessage(tabId, { type: 'extract-html', pageId, html, url: policyUrl });
    } catch {
      extracted = null;
    }
    if (!extracted?.ok) {
      return update(tabId, pageId, { status: 'error', error: { kind: 'extraction', message: 'Could not read the policy text; reload the page and try again.' } });
    }
    return scoreText(tabId, pageId, { ...extracted, url: policyUrl }, 'link');
  }

  return {
    /** A content script reported a page: record it, then score it or look the site up. */
    async handlePage(tabId, message) {
      const page = parsePageMessage(message);
      if (!page) return { ok: false, error: 'bad page message' };
      const settings = await loadSettings(local);
      // The API's own pages (report pages quote policies) are never scored or looked up.
      const site = sameOrigin(page.url, settings.apiBase) ? null : siteOfUrl(page.url);
      if (!site) {
        await removeTabState(session, tabId);
        await showBadge(tabId, null);
        return { ok: true, status: 'none' };
      }
      const state = await setTabState(session, tabId, { tabId, ...page, site, status: 'looking_up', updatedAt: now() });
      await showBadge(tabId, state);
      const result = page.isPolicy && settings.autoCapture
        ? await scoreCurrentPage(tabId, page.pageId, settings)
        : await lookupSite(tabId, page.pageId, { knownSettings: settings });
      return { ok: true, status: result?.status ?? 'gone' };
    },

    /** Popup's "Re-score": this page if it is a policy, else the site's policy link, else a fresh look-up. */
    async rescore(tabId) {
      const state = await getTabState(session, tabId);
      if (!state) return { ok: false, error: 'Nothing to score on this page.' };
      let result;
      if (state.isPolicy) result = await scoreCurrentPage(tabId, state.pageId);
      else if (state.source === 'link' && state.policyLink) result = await scoreLinkedPolicy(tabId, state.pageId);
      else result = await lookupSite(tabId, state.pageId, { bypassCache: true });
      return { ok: true, status: result?.status ?? 'gone' };
    },

    /** Popup's "Score this site's policy" (after the user granted access to the policy's host). */
    async scoreSitePolicy(tabId) {
      const state = await getTabState(session, tabId);
      if (!state) return { ok: false, error: 'Nothing to score on this page.' };
      if (!state.policyLink && !state.isPolicy) return { ok: false, error: 'No privacy policy link was found on this page.' };
      if (state.isPolicy) {
        const result = await scoreCurrentPage(tabId, state.pageId);
        return { ok: true, status: result?.status ?? 'gone' };
      }
      const origin = originPattern(state.policyLink.url);
      if (!(await webext.permissions.contains({ origins: [origin] }))) {
        // Firefox closes the popup when it shows the permission prompt, so the popup cannot tell us
        // when access is granted: remember the request and finish it from permissions.onAdded.
        await session.set({ [PENDING_KEY + tabId]: { pageId: state.pageId, origin } });
        return { ok: true, status: 'waiting_for_permission' };
      }
      const result = await scoreLinkedPolicy(tabId, state.pageId);
      return { ok: true, status: result?.status ?? 'gone' };
    },

    /** Host access was granted: score the policy links that were waiting for it. */
    async resumePendingPolicyScores(origins) {
      const granted = new Set(origins ?? []);
      const all = await session.get(null);
      const done = [];
      for (const [key, pending] of Object.entries(all)) {
        if (!key.startsWith(PENDING_KEY) || !granted.has(pending?.origin)) continue;
        await session.remove(key);
        done.push(scoreLinkedPolicy(Number(key.slice(PENDING_KEY.length)), pending.pageId));
      }
      await Promise.all(done);
      return done.length;
    },

    /** Popup's "Show the findings" for a site graded by look-up: fetch the report by id. */
    async loadReport(tabId) {
      const state = await getTabState(session, tabId);
      if (!state?.reportId) return { ok: false, error: 'This site has no report yet.' };
      const { settings, api } = await apiClient();
      try {
        const report = await api.report(state.reportId);
        await update(tabId, state.pageId, { report, riskCount: riskCountOf(report) });
        return { ok: true };
      } catch (error) {
        const data = errorData(error, settings.apiBase);
        return { ok: false, error: data.message, errorData: data };
      }
    },

    /** The tab closed: forget it. */
    async forgetTab(tabId) {
      await removeTabState(session, tabId);
    },
  };
}
