/*
 * Service worker (Chrome) / event page (Firefox): registers listeners at top level and delegates to
 * lib/controller.js. It keeps no state in globals, since the browser may stop it at any moment;
 * everything lives in chrome.storage (per-tab state in storage.session, caches in storage.local).
 */
import { createController } from './lib/controller.js';
import { webext } from './lib/webext.js';

function controller() {
  // Cheap to build per event; holds only references to the extension API.
  return createController({ webext, fetchImpl: (...args) => fetch(...args) });
}

/** Message routes: content scripts report pages and followed policy links; the popup asks for actions on a tab. */
function route(message, sender) {
  if (!message || typeof message.type !== 'string' || sender.id !== webext.runtime.id) return null;
  const fromTab = sender.tab?.id;
  const tabId = Number.isInteger(message.tabId) ? message.tabId : null;
  // Actions are taken only from our popup page (which may also be open in a tab, e.g. in tests).
  const fromPopup = typeof sender.url === 'string' && sender.url.startsWith(webext.runtime.getURL('popup/')) && tabId !== null;
  switch (message.type) {
    case 'page':
      return Number.isInteger(fromTab) && sender.frameId === 0 && !fromPopup ? controller().handlePage(fromTab, message) : null;
    case 'link-followed':
      return Number.isInteger(fromTab) && !fromPopup ? controller().linkFollowed(fromTab, message) : null;
    case 'score-page':
      return fromPopup ? controller().scorePage(tabId) : null;
    case 'ack-change':
      return fromPopup ? controller().acknowledgeChange(tabId) : null;
    case 'load-change':
      return fromPopup ? controller().loadChange(tabId) : null;
    case 'rescore':
      return fromPopup ? controller().rescore(tabId) : null;
    case 'score-site-policy':
      return fromPopup ? controller().scoreSitePolicy(tabId) : null;
    case 'load-report':
      return fromPopup ? controller().loadReport(tabId) : null;
    default:
      return null;
  }
}

webext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const work = route(message, sender);
  if (!work) return false;
  // sendResponse + `return true` is the async reply both Chrome and Firefox accept.
  work.then(sendResponse, (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }));
  return true;
});

// "Score this site's policy" asked for access to the policy's host; finish once it is granted.
webext.permissions.onAdded.addListener((permissions) => {
  controller().resumePendingPolicyScores(permissions.origins);
});

webext.tabs.onRemoved.addListener((tabId) => {
  controller().forgetTab(tabId);
});
