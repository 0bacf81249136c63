/*
 * Popup: displays the state the service worker stored for the tab and forwards button presses.
 * Every string from a page or the API goes into the DOM as a text node (never innerHTML).
 */
import { popupView, privacyNote } from '../lib/popup-view.js';
import { loadSettings, originPattern } from '../lib/settings.js';
import { getTabState, tabKey } from '../lib/tab-state.js';
import { webext } from '../lib/webext.js';

/** Builds an element; string children become text nodes, null/false children are skipped. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'style') Object.assign(el.style, value);
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return el;
}

/** The tab this popup is about: ?tab=<id> (tests, or opened in a tab), else the active tab. */
async function targetTab() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return { id: Number(param), url: undefined };
  const [tab] = await webext.tabs.query({ active: true, currentWindow: true });
  // tab.url is present thanks to activeTab (the user just clicked our button).
  return tab ? { id: tab.id, url: tab.url } : null;
}

function sendAction(type, tabId) {
  return webext.runtime.sendMessage({ type, tabId }).catch((error) => ({ ok: false, error: String(error?.message ?? error) }));
}

function actionButton(label, onClick, { secondary = false } = {}) {
  const button = h('button', { type: 'button', class: secondary ? 'secondary' : null }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await onClick();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function reportLink(view) {
  if (!view.reportUrl) return null;
  return h('a', { class: 'button secondary', href: view.reportUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Full report');
}

/** "Score this site's policy": asks for access to the policy's host first (in the click itself). */
function scoreSitePolicyButton(view, tabId, showError, { label = 'Score this site\u2019s policy', secondary = false } = {}) {
  if (!view.policyLink) return null;
  const button = h('button', { type: 'button', class: secondary ? 'secondary' : null }, label);
  button.addEventListener('click', () => {
    // permissions.request must run inside the user gesture: no await before it. The service worker
    // is told at once and waits for the grant itself (Firefox closes the popup for the prompt).
    const origins = [originPattern(view.policyLink.url)];
    const request = webext.permissions.request({ origins });
    sendAction('score-site-policy', tabId).then((result) => {
      if (!result?.ok) showError(result?.error ?? 'Could not score the policy.');
    });
    request.then((granted) => {
      if (!granted) showError(`policygrade needs access to ${new URL(view.policyLink.url).host} to read the policy.`);
    }, (error) => showError(String(error?.message ?? error)));
  });
  return button;
}

/** Says what the policy-link buttons send, under the buttons. */
function linkNote(view) {
  return view.policyLink ? h('p', { class: 'note' }, `Scoring reads ${view.policyLink.url} and sends its text to the API.`) : null;
}

const SEVERITY_WORDS = { high: 'high', medium: 'medium', low: 'low' };

function quoteNode(quote) {
  return h('div', { class: 'quote' },
    quote.severity || quote.context ? h('p', { class: 'quote-meta' },
      quote.severity ? h('span', { class: `tag severity-${quote.severity}` }, SEVERITY_WORDS[quote.severity]) : null,
      quote.context ? ` under \u201c${quote.context}\u201d` : null) : null,
    h('blockquote', { class: 'evidence' }, `\u201c${quote.text}\u201d`));
}

function riskList(risks) {
  return h('ul', { class: 'risks' }, risks.map((risk) =>
    h('li', { class: 'risk', 'data-risk': risk.id },
      h('div', { class: 'risk-head' },
        h('p', { class: 'risk-title' }, risk.title),
        h('span', { class: `severity severity-${risk.detected ? risk.severity : 'none'}` }, risk.severityLabel)),
      risk.summary ? h('p', { class: 'risk-summary' }, risk.summary) : null,
      risk.quotes.map(quoteNode),
      risk.howToImprove ? h('p', { class: 'improve' }, h('strong', {}, 'How to improve: '), risk.howToImprove) : null,
      risk.moreQuotes ? h('p', { class: 'more' }, `${risk.moreQuotes} more quote${risk.moreQuotes === 1 ? '' : 's'} in the full report`) : null)));
}

function goodPracticeList(practices) {
  return h('ul', { class: 'good-practices' }, practices.map((g) =>
    h('li', { class: 'good' },
      g.explanation ? h('p', { class: 'good-why' }, g.explanation) : null,
      h('blockquote', { class: 'evidence good-quote' }, `\u201c${g.quote}\u201d`))));
}

/** The change alert: what is known at once, and the site's history on request. */
function changeBox(view, tabId, showError) {
  const change = view.change;
  if (!change) return null;
  return h('div', { class: 'change-box', role: 'status' },
    h('p', { class: 'status' }, h('strong', {}, `The privacy policy of ${view.site} changed since you last saw it.`), change.headline),
    change.lines.length ? h('ul', { class: 'change-lines' }, change.lines.map((line) => h('li', {}, line))) : null,
    change.loaded ? null : h('div', { class: 'actions' }, actionButton('What changed?', async () => {
      const result = await sendAction('load-change', tabId);
      if (!result?.ok) showError(result?.error ?? 'Could not load the site\u2019s history.');
    }, { secondary: true })),
    change.loaded ? null : h('p', { class: 'note' }, 'What changed? asks the server for this site\u2019s history.'));
}

/** Where the page is a user's document: say so, and that a manual score is not filed. */
function userContentNote(view) {
  if (!view.userContent) return null;
  return h('p', { class: 'note user-content' },
    `${view.userContent.why} policygrade does not send it by itself, and a score you ask for here will not be filed under ${view.site}.`);
}

function scorePageButton(view, tabId, showError) {
  if (!view.canScorePage) return null;
  return actionButton('Score this page', async () => {
    const result = await sendAction('score-page', tabId);
    if (!result?.ok) showError(result?.error ?? 'Could not score this page.');
  }, { secondary: true });
}

/** Re-score: this page again if it is the policy, else the site's policy link (asking for access). */
function rescoreButton(view, tabId, showError) {
  if (view.isPolicy || view.source === 'policy') return actionButton('Re-score', () => sendAction('rescore', tabId), { secondary: true });
  if (view.policyLink) return scoreSitePolicyButton(view, tabId, showError, { label: 'Re-score', secondary: true });
  return null;
}

function gradedView(view, tabId, showError) {
  const risksLine = view.riskCount === null ? null : `${view.riskCount} risk${view.riskCount === 1 ? '' : 's'} found`;
  const source = {
    policy: 'Graded from this page.',
    link: `Graded from the site\u2019s policy${view.policyUrl ? ` at ${view.policyUrl}` : ''}.`,
    site: `Grade of ${view.site}, from the server\u2019s report.`,
  }[view.source] ?? '';
  const parts = [
    changeBox(view, tabId, showError),
    h('div', { class: 'summary' },
      h('div', { class: 'grade', role: 'img', 'aria-label': `Grade ${view.grade}`, style: { background: view.colors.background, color: view.colors.foreground } }, view.grade),
      h('div', { class: 'summary-text' },
        h('p', { class: 'score' }, view.score === null ? 'Score unknown' : `Score ${view.score}/100`),
        risksLine ? h('p', {}, risksLine) : null,
        h('p', { class: 'source' }, source))),
  ];
  // Buttons first: the popup is at most 600 px tall and the risks below can be long.
  parts.push(h('div', { class: 'actions' },
    view.canLoadReport ? actionButton('Show the findings', async () => {
      const result = await sendAction('load-report', tabId);
      if (!result?.ok) showError(result?.error ?? 'Could not load the report.');
    }) : null,
    rescoreButton(view, tabId, showError),
    scorePageButton(view, tabId, showError),
    view.filed ? reportLink(view) : null));
  if (!view.filed) parts.push(h('p', { class: 'note unfiled' }, `This report is for this page only: it is not filed under ${view.site}, and the server keeps no site record of it.`));
  else if (view.siteGrade && view.source === 'policy') parts.push(h('p', { class: 'note' }, `The server\u2019s grade for ${view.site}: ${view.siteGrade.grade}${view.siteGrade.score === null ? '' : ` (${view.siteGrade.score}/100)`}.`));
  parts.push(userContentNote(view));
  if (view.canLoadReport) parts.push(h('p', { class: 'note' }, 'Show the findings asks the server for this site\u2019s report.'));
  if (!view.isPolicy && view.source !== 'policy') parts.push(linkNote(view));
  if (view.readability) {
    const r = view.readability;
    parts.push(h('h2', {}, 'Readability'), h('ul', { class: 'readability' },
      r.level ? h('li', {}, `Reading level: ${r.level}`) : null,
      r.readingTime ? h('li', {}, r.words ? `${r.readingTime} (${r.words.toLocaleString('en')} words)` : r.readingTime) : null,
      r.fleschReadingEase !== null ? h('li', {}, `Flesch reading ease ${r.fleschReadingEase} (higher is easier; 60+ is plain English)`) : null));
  }
  if (view.risks.length) parts.push(h('h2', {}, 'Risks'), riskList(view.risks));
  if (view.goodPractices.length) parts.push(h('h2', {}, 'What it does well'), goodPracticeList(view.goodPractices));
  return parts;
}

function viewNodes(view, tabId, showError) {
  const retry = () => actionButton('Try again', () => sendAction('rescore', tabId));
  const options = () => h('button', { type: 'button', class: 'secondary', onclick: () => webext.runtime.openOptionsPage() }, 'Change the API URL');
  switch (view.kind) {
    case 'nothing':
      return [h('p', { class: 'status' }, h('strong', {}, 'Nothing to grade here.'), 'policygrade grades the privacy policies of web sites. Open a web page to see its grade.')];
    case 'loading':
      return [h('p', { class: 'status' }, h('strong', {}, 'Looking up this site\u2026'), 'If this stays, reload the page.')];
    case 'scoring':
      return [h('p', { class: 'status' }, h('strong', {}, 'Scoring this privacy policy\u2026'), 'This takes a few seconds.')];
    case 'graded':
      return gradedView(view, tabId, showError);
    case 'ungraded':
      return [
        h('p', { class: 'status' }, h('strong', {}, `${view.site} is not graded yet.`),
          view.policyLink ? `Its privacy policy link: \u201c${view.policyLink.text || view.policyLink.url}\u201d.` : 'No privacy policy link was found on this page.'),
        h('div', { class: 'actions' }, scoreSitePolicyButton(view, tabId, showError), scorePageButton(view, tabId, showError)),
        linkNote(view),
        userContentNote(view),
      ];
    case 'not_policy':
      return [
        changeBox(view, tabId, showError),
        h('p', { class: 'status' }, h('strong', {}, 'This page is not graded: the server says it is not a privacy policy.'), view.reason),
        view.siteGrade ? h('p', {}, `The site\u2019s grade is ${view.siteGrade.grade}${view.siteGrade.score === null ? '' : ` (${view.siteGrade.score}/100)`}.`) : null,
        h('div', { class: 'actions' }, scoreSitePolicyButton(view, tabId, showError), reportLink(view)),
        linkNote(view),
      ];
    case 'unreachable':
      return [
        h('div', { class: 'error-box', role: 'alert' },
          h('p', { class: 'status' }, h('strong', {}, 'The policygrade API is unreachable.'), 'Tried ', h('code', {}, view.apiBase), '. Is the server running? Start it with ', h('code', {}, 'make serve'), '.')),
        h('div', { class: 'actions' }, retry(), options()),
      ];
    case 'rate_limited':
      return [
        h('div', { class: 'error-box', role: 'alert' },
          h('p', { class: 'status' }, h('strong', {}, 'Too many requests.'),
            view.retryAfterSeconds === null ? 'The API asks us to slow down; try again shortly.' : `The API asks us to wait ${view.retryAfterSeconds} seconds before trying again.`)),
        h('div', { class: 'actions' }, retry()),
      ];
    default:
      return [
        h('div', { class: 'error-box', role: 'alert' }, h('p', { class: 'status' }, h('strong', {}, 'Something went wrong.'), view.message ?? '')),
        h('div', { class: 'actions' }, retry()),
      ];
  }
}

async function render(tab) {
  const [settings, state] = await Promise.all([loadSettings(webext.storage.local), tab ? getTabState(webext.storage.session, tab.id) : null]);
  const view = popupView({ state, settings, tabUrl: tab ? tab.url : 'about:blank' });
  const main = document.getElementById('main');
  const showError = (message) => {
    main.querySelector('.popup-error')?.remove();
    main.append(h('p', { class: 'error-box popup-error', role: 'alert' }, message));
  };
  // Re-rendering replaces the buttons: keep keyboard focus on the one with the same label.
  const focused = main.contains(document.activeElement) ? document.activeElement.textContent : null;
  main.replaceChildren(...viewNodes(view, tab?.id, showError).filter(Boolean));
  if (focused) [...main.querySelectorAll('button, a')].find((el) => el.textContent === focused)?.focus();
  main.setAttribute('aria-busy', String(view.kind === 'loading' || view.kind === 'scoring'));
  // The change alert is on screen: the user has now seen the new report (drops the badge marker).
  if (view.change && !view.change.acknowledged && tab) sendAction('ack-change', tab.id);
  main.dataset.kind = view.kind;
  document.getElementById('site').textContent = view.site ?? '';
  document.getElementById('privacy-note').replaceChildren(...privacyNote(settings).map((line) => h('li', {}, line)));
}

async function main() {
  const tab = await targetTab();
  document.getElementById('open-options').addEventListener('click', () => webext.runtime.openOptionsPage());
  await render(tab);
  // Re-render when the service worker updates this tab's state (scoring finished, report loaded).
  webext.storage.onChanged.addListener((changes, area) => {
    if ((area === 'session' && tab && tabKey(tab.id) in changes) || (area === 'local' && 'settings' in changes)) render(tab);
  });
}

main();
