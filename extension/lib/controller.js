/** The service worker's work: page reports in, API calls out, tab state and badges updated. */
import { ApiError, createApiClient } from './api-client.js';
import { badgeFor } from './badge.js';
import { dropCachedBucket, getCachedBucket, getCachedReport, putCachedBucket, putCachedReport } from './cache.js';
import { changeDetails, changeSince, detectedRiskIds, getSeen, rememberSeen } from './change-alert.js';
import { matchSite, parsePrefixResponse } from './prefix-lookup.js';
import { siteOfUrl } from './psl.js';
import { loadSettings, originPattern } from './settings.js';
import { prefixOf, sha256Hex } from './site-hash.js';
import { getTabState, patchTabState, removeTabState, setTabState } from './tab-state.js';
import { clipToUtf8Bytes, MAX_TEXT_BYTES } from './text-limit.js';
import { userContentRule } from './user-content.js';

/** Session-storage key prefix of "Score this site's policy" requests waiting for host access. */
const PENDING_KEY = 'pending:';
/** Session-storage key prefix of the policy-named link last followed from a tab. */
const FOLLOWED_KEY = 'followed:';
/** A followed link names the page that loads from it within this time (redirects included). */
export const FOLLOWED_LINK_MS = 30_000;

/** Texts shorter than this are not worth sending (a policy has hundreds of words). */
export const MIN_POLICY_CHARS = 200;
/** The API's default text limit in UTF-8 bytes; longer extractions are cut, not sent whole. */
export const MAX_POLICY_BYTES = MAX_TEXT_BYTES;
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
  const strings = (list) => (Array.isArray(list) ? list.filter((r) => typeof r === 'string').slice(0, 20) : []);
  return {
    pageId: message.pageId.slice(0, 64),
    url: message.url.slice(0, 4096),
    title: typeof message.title === 'string' ? message.title.slice(0, 500) : '',
    isPolicy: detection.isPolicy === true,
    textLooksLikePolicy: detection.textLooksLikePolicy === true || detection.isPolicy === true,
    detection: {
      confidence: Number.isFinite(detection.confidence) ? detection.confidence : 0,
      reasons: strings(detection.reasons),
      namedBy: strings(detection.namedBy),
    },
    policyLink,
  };
}

/** URL without its #fragment, or null. */
function withoutHash(url) {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
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

  /** The report's fields a tab state keeps; `filed` says whether the API could file it under a site. */
  function reportPatch(report, source, filed) {
    return {
      status: report.is_policy === false ? 'not_policy' : 'graded',
      source,
      filed,
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
   * callers have already set the tab's status to "scoring". With `file: false` (a user's document
   * on a host such as docs.google.com) neither URL nor title is sent, so the API files the report
   * under no site, and nothing is cached for the host.
   */
  async function scoreText(tabId, pageId, { text, url, title }, source, { knownSettings = null, file = true } = {}) {
    const { settings, api } = await apiClient(knownSettings);
    if (typeof text !== 'string' || text.trim().length < MIN_POLICY_CHARS) {
      return update(tabId, pageId, { status: 'error', error: { kind: 'extraction', message: 'Could not find enough policy text on that page.', baseUrl: settings.apiBase } });
    }
    try {
      const body = { text: clipToUtf8Bytes(text, MAX_POLICY_BYTES).text };
      if (file) Object.assign(body, { url, title });
      const report = await api.score(body);
      const site = file ? (typeof report.site === 'string' && report.site ? report.site : siteOfUrl(url)) : null;
      if (site && report.is_policy !== false) {
        await putCachedReport(local, site, report, now());
        // The server's bucket for this site may have changed: the next look-up must ask again.
        await dropCachedBucket(local, prefixOf(await sha256Hex(site)));
      }
      const state = await update(tabId, pageId, reportPatch(report, source, Boolean(site)));
      // The site's own record still counts: its grade for a non-policy, and the change alert.
      // Its bucket is not cached: the server may still be verifying the policy just sent (it fetches
      // the page itself), and the next page of the site should see the outcome, not this moment.
      if (state && file) return lookupSite(tabId, pageId, { keepStatus: true, knownSettings: settings, cacheBucket: false });
      return state;
    } catch (error) {
      return update(tabId, pageId, { status: statusForError(error), error: errorData(error, settings.apiBase) });
    }
  }

  /**
   * Compares the site's current record with the one the user last saw (change alerts): returns
   * the tab-state `change`, or null. The first record seen for a site is remembered silently.
   */
  async function trackChange(site, entry, settings, report) {
    if (!settings.changeAlerts || !entry.report_id) return null;
    const seen = await getSeen(local, site);
    if (!seen) {
      const risks = report && report.id === entry.report_id ? detectedRiskIds(report) : null;
      await rememberSeen(local, site, { reportId: entry.report_id, grade: entry.grade, score: entry.score, risks }, now());
      return null;
    }
    return changeSince(seen, { reportId: entry.report_id, grade: entry.grade, score: entry.score });
  }

  /** The grade of the tab's site through the 4-hex-prefix bucket (cached), matched locally. */
  async function lookupSite(tabId, pageId, { keepStatus = false, bypassCache = false, knownSettings = null, cacheBucket = true } = {}) {
    const state = await getTabState(session, tabId);
    if (!state || state.pageId !== pageId || !state.site) return null;
    const { settings, api } = await apiClient(knownSettings);
    try {
      const hash = await sha256Hex(state.site);
      const prefix = prefixOf(hash);
      let bucket = bypassCache || !cacheBucket ? null : await getCachedBucket(local, prefix, now());
      if (!bucket) {
        bucket = parsePrefixResponse(await api.sitesByPrefix(prefix), prefix);
        if (cacheBucket) await putCachedBucket(local, bucket, now());
      }
      const entry = matchSite(bucket, state.site, hash);
      if (!entry || !entry.grade) {
        return update(tabId, pageId, keepStatus ? { siteGrade: null } : { status: 'ungraded', source: 'site', error: null });
      }
      const cachedReport = await getCachedReport(local, state.site);
      const report = cachedReport && cachedReport.id === entry.report_id ? cachedReport : null;
      const change = await trackChange(state.site, entry, settings, report);
      const siteGrade = { grade: entry.grade, score: entry.score, reportId: entry.report_id };
      if (keepStatus) return update(tabId, pageId, { siteGrade, change });
      return update(tabId, pageId, {
        status: 'graded', source: 'site', grade: entry.grade, score: entry.score, reportId: entry.report_id, error: null,
        report, riskCount: report ? riskCountOf(report) : null, siteGrade, change, filed: true,
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
    const before = await update(tabId, pageId, { status: 'scoring', error: null });
    if (!before) return null;
    let extracted;
    try {
      extracted = await webext.tabs.sendMessage(tabId, { type: 'extract', pageId });
    } catch {
      extracted = null;
    }
    if (!extracted?.ok) {
      return update(tabId, pageId, { status: 'error', error: { kind: 'extraction', message: 'Could not read the text of this page; reload it and try again.' } });
    }
    // The URL sent is that of the page whose text was read (after any redirect), never a link's.
    const read = { ...extracted, url: typeof extracted.url === 'string' ? extracted.url : before.url };
    return scoreText(tabId, pageId, read, 'policy', { knownSettings, file: !before.userContent && !userContentRule(read.url) });
  }

  /** Fetches the site's policy link (host permission granted by the popup), extracts and scores it. */
  async function scoreLinkedPolicy(tabId, pageId) {
    const state = await getTabState(session, tabId);
    if (!state?.policyLink) return null;
    const policyUrl = state.policyLink.url;
    await update(tabId, pageId, { status: 'scoring', error: null });
    let html;
    let finalUrl = policyUrl;
    try {
      const response = await fetchImpl(policyUrl, { credentials: 'omit', redirect: 'follow' });
      const type = response.headers.get('Content-Type') ?? '';
      if (!response.ok) throw new Error(`the page answered HTTP ${response.status}`);
      if (!/html|xml|text\/plain/i.test(type)) throw new Error(`the page is ${type || 'not HTML'}`);
      // After redirects, the text read is that of the final page: that is the URL to send.
      if (typeof response.url === 'string' && /^https?:/i.test(response.url)) finalUrl = response.url;
      html = await response.text();
      if (html.length > MAX_FETCHED_HTML_BYTES) throw new Error('the page is too large');
    } catch (error) {
      return update(tabId, pageId, { status: 'error', error: { kind: 'fetch', message: `Could not fetch ${policyUrl}: ${error.message}` } });
    }
    let extracted;
    try {
      extracted = await webext.tabs.sendMessage(tabId, { type: 'extract-html', pageId, html, url: finalUrl });
    } catch {
      extracted = null;
    }
    if (!extracted?.ok) {
      return update(tabId, pageId, { status: 'error', error: { kind: 'extraction', message: 'Could not read the policy text; reload the page and try again.' } });
    }
    return scoreText(tabId, pageId, { ...extracted, url: finalUrl }, 'link', { file: !userContentRule(finalUrl) });
  }

  /** True when the tab's last followed policy-named link (or one to this very URL) led to `url`. */
  async function followedLinkNames(tabId, url) {
    const all = await session.get(null);
    const target = withoutHash(url);
    for (const [key, followed] of Object.entries(all)) {
      if (!key.startsWith(FOLLOWED_KEY) || !followed || now() - followed.at > FOLLOWED_LINK_MS || now() < followed.at) continue;
      // Same tab: the next page, wherever redirects took it. Another tab (target=_blank): same URL.
      if (key === FOLLOWED_KEY + tabId || withoutHash(followed.url) === target) {
        await session.remove(key);
        return true;
      }
    }
    return false;
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
      // Named by the link the user followed to it: a candidate when its text reads like a policy.
      if (!page.isPolicy && page.textLooksLikePolicy && (await followedLinkNames(tabId, page.url))) {
        page.isPolicy = true;
        page.detection.namedBy = [...page.detection.namedBy, 'followed_link'];
      }
      const rule = userContentRule(page.url);
      const userContent = rule ? { why: rule.why, host: new URL(page.url).hostname } : null;
      const state = await setTabState(session, tabId, { tabId, ...page, site, userContent, status: 'looking_up', updatedAt: now() });
      await showBadge(tabId, state);
      // A user's document is never captured by itself, however much it looks like a policy.
      const result = page.isPolicy && settings.autoCapture && !userContent
        ? await scoreCurrentPage(tabId, page.pageId, settings)
        : await lookupSite(tabId, page.pageId, { knownSettings: settings });
      return { ok: true, status: result?.status ?? 'gone' };
    },

    /** A content script saw a click on a link named like a privacy policy: remember it briefly. */
    async linkFollowed(tabId, message) {
      if (!Number.isInteger(tabId) || typeof message?.url !== 'string' || !/^https?:/i.test(message.url)) return { ok: false };
      await session.set({ [FOLLOWED_KEY + tabId]: { url: message.url.slice(0, 4096), at: now() } });
      return { ok: true };
    },

    /** Popup's "Score this page": this page's text, whatever the detector said (the user asked). */
    async scorePage(tabId) {
      const state = await getTabState(session, tabId);
      if (!state) return { ok: false, error: 'Nothing to score on this page.' };
      const result = await scoreCurrentPage(tabId, state.pageId);
      return { ok: true, status: result?.status ?? 'gone' };
    },

    /** The popup showed a change alert: remember the current report as seen, drop the marker. */
    async acknowledgeChange(tabId) {
      const state = await getTabState(session, tabId);
      if (!state?.change || state.change.acknowledged || !state.site) return { ok: false };
      const to = state.change.to;
      const report = state.report && state.report.id === to.reportId ? state.report : null;
      await rememberSeen(local, state.site, { reportId: to.reportId, grade: to.grade, score: to.score, risks: detectedRiskIds(report) }, now());
      await update(tabId, state.pageId, { change: { ...state.change, acknowledged: true } });
      return { ok: true };
    },

    /** Popup's "What changed?": the site's history from the API, summarised against what was seen. */
    async loadChange(tabId) {
      const state = await getTabState(session, tabId);
      if (!state?.change || !state.site) return { ok: false, error: 'No change to explain.' };
      const { settings, api } = await apiClient();
      try {
        const record = await api.site(state.site);
        await update(tabId, state.pageId, { change: { ...state.change, details: changeDetails(record, state.change) } });
        return { ok: true };
      } catch (error) {
        const data = errorData(error, settings.apiBase);
        return { ok: false, error: data.message, errorData: data };
      }
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
        // The findings of the site's current record are now seen: remember its risks for change alerts.
        if (state.site && report.id === state.reportId && !state.change && (await loadSettings(local)).changeAlerts) {
          const seen = await getSeen(local, state.site);
          if (seen && seen.reportId === report.id && !seen.risks) await rememberSeen(local, state.site, { ...seen, risks: detectedRiskIds(report) }, now());
        }
        return { ok: true };
      } catch (error) {
        const data = errorData(error, settings.apiBase);
        return { ok: false, error: data.message, errorData: data };
      }
    },

    /** The tab closed: forget it. */
    async forgetTab(tabId) {
      await removeTabState(session, tabId);
      await session.remove(FOLLOWED_KEY + tabId);
    },
  };
}
