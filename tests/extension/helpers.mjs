// Shared test helpers: load the classic content scripts the way the browser does (one shared
// global scope), and a small in-memory fake of the parts of the chrome.* API we use.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const EXTENSION_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'extension');

/** Runs content/*.js classic scripts in one fresh context and returns its `policygrade` namespace. */
export function loadContentScripts(...names) {
  const context = vm.createContext({ URL, console });
  for (const name of names) {
    const path = join(EXTENSION_DIR, 'content', name);
    vm.runInContext(readFileSync(path, 'utf8'), context, { filename: path });
  }
  return context.policygrade;
}

/** A chrome.storage area backed by a Map, with the promise API and structured-clone copies. */
export function fakeStorageArea(onChange = () => {}) {
  const data = new Map();
  const copy = (v) => (v === undefined ? undefined : structuredClone(v));
  return {
    data,
    async get(keys) {
      if (keys === null || keys === undefined) return Object.fromEntries([...data].map(([k, v]) => [k, copy(v)]));
      const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      const out = {};
      for (const k of list) if (data.has(k)) out[k] = copy(data.get(k));
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, copy(v));
      onChange(Object.keys(items));
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) data.delete(k);
    },
    async clear() {
      data.clear();
    },
  };
}

/**
 * The chrome API surface the service worker uses. `tabMessages(tabId, message)` answers
 * tabs.sendMessage (the content script's side); badge calls are recorded per tab.
 */
export function fakeWebext({ tabMessages = async () => undefined } = {}) {
  const badges = new Map();
  const badge = (tabId) => {
    if (!badges.has(tabId)) badges.set(tabId, {});
    return badges.get(tabId);
  };
  const sent = [];
  return {
    badges,
    sent,
    storage: { local: fakeStorageArea(), session: fakeStorageArea() },
    action: {
      async setBadgeText({ tabId, text }) { badge(tabId).text = text; },
      async setBadgeBackgroundColor({ tabId, color }) { badge(tabId).background = color; },
      async setBadgeTextColor({ tabId, color }) { badge(tabId).foreground = color; },
      async setTitle({ tabId, title }) { badge(tabId).title = title; },
    },
    tabs: {
      async sendMessage(tabId, message) {
        sent.push({ tabId, message });
        return tabMessages(tabId, message);
      },
    },
    runtime: { id: 'test-extension' },
    permissions: {
      granted: new Set(),
      async contains({ origins }) {
        return origins.every((origin) => this.granted.has(origin));
      },
    },
  };
}

/** A fetch that answers from a routing function `(url, init) => Response | throw`, recording calls. */
export function fakeFetch(route) {
  const calls = [];
  const fetchImpl = async (url, init = {}) => {
    calls.push({ url: String(url), init });
    return route(String(url), init);
  };
  fetchImpl.calls = calls;
  return fetchImpl;
}

/** A JSON Response. */
export function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/**
 * A manual clock for code that takes injected timers: `setTimeout`/`clearTimeout` as the browser's,
 * `advance(ms)` runs every timer due by then, in time order.
 */
export function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map();
  return {
    get now() { return now; },
    get pending() { return timers.size; },
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { fn, at: now + Math.max(0, ms) });
      return id;
    },
    clearTimeout(id) { timers.delete(id); },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((x, y) => x[1].at - y[1].at || x[0] - y[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}
