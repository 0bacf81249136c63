/** Per-tab state in chrome.storage.session (the service worker may stop at any time: nothing in globals). */

/*
 * A tab state, written by the service worker, read by the popup:
 *   { tabId, pageId, url, title, site, isPolicy, detection: {confidence, reasons},
 *     policyLink: {url, text} | null,
 *     status: looking_up | scoring | graded | ungraded | not_policy | error | rate_limited,
 *     source: "policy" (this page was scored) | "link" (the site's policy link was scored) | "site" (prefix look-up),
 *     grade, score, riskCount, reportId, report (full API report when we have it),
 *     notPolicyReason, error: {kind, message, status, retryAfterSeconds, baseUrl}, updatedAt }
 */

/** Storage key of a tab's state. */
export function tabKey(tabId) {
  return `tab:${tabId}`;
}

/** The stored state of a tab, or null. */
export async function getTabState(sessionArea, tabId) {
  return (await sessionArea.get(tabKey(tabId)))[tabKey(tabId)] ?? null;
}

/** Replaces a tab's state. */
export async function setTabState(sessionArea, tabId, state) {
  await sessionArea.set({ [tabKey(tabId)]: state });
  return state;
}

/**
 * Merges `patch` into a tab's state if the tab still shows page `pageId`; returns the new state, or
 * null when the tab has moved on (a late answer for an old page must not overwrite the new one).
 */
export async function patchTabState(sessionArea, tabId, pageId, patch, nowMs = Date.now()) {
  const current = await getTabState(sessionArea, tabId);
  if (!current || current.pageId !== pageId) return null;
  return setTabState(sessionArea, tabId, { ...current, ...patch, updatedAt: nowMs });
}

/** Forgets a tab (closed, or now on a page we do not grade). */
export async function removeTabState(sessionArea, tabId) {
  await sessionArea.remove(tabKey(tabId));
}
