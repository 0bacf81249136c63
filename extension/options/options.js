/** Options page: API base URL (asks for host access when it is not the default), auto capture, cache. */
import { clearCachedData } from '../lib/cache.js';
import { DEFAULT_SETTINGS, loadSettings, normalizeApiBase, originPattern, saveSettings } from '../lib/settings.js';
import { webext } from '../lib/webext.js';

const form = document.getElementById('settings');
const apiInput = document.getElementById('api-base');
const autoInput = document.getElementById('auto-capture');
const status = document.getElementById('status');

function say(message, isError = false) {
  status.textContent = message;
  status.classList.toggle('error', isError);
}

function show(settings) {
  apiInput.value = settings.apiBase;
  autoInput.checked = settings.autoCapture;
}

async function store(apiBase, autoCapture, granted) {
  const before = await loadSettings(webext.storage.local);
  const saved = await saveSettings(webext.storage.local, { apiBase, autoCapture });
  // Grades cached from another server say nothing about this one.
  if (before.apiBase !== saved.apiBase) await clearCachedData(webext.storage.local, null);
  apiInput.value = saved.apiBase;
  const note = granted === false ? ' The browser did not grant access to that server, so requests may be refused unless it allows them (CORS).' : '';
  say(`Saved.${note}`, granted === false);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const checked = normalizeApiBase(apiInput.value);
  if (!checked.ok) {
    say(checked.error, true);
    apiInput.setAttribute('aria-invalid', 'true');
    apiInput.focus();
    return;
  }
  apiInput.removeAttribute('aria-invalid');
  const autoCapture = autoInput.checked;
  // permissions.request must be called in the user gesture, before any await.
  const pattern = originPattern(checked.value);
  const request = pattern === originPattern(DEFAULT_SETTINGS.apiBase)
    ? Promise.resolve(true)
    : webext.permissions.request({ origins: [pattern] });
  request.then((granted) => store(checked.value, autoCapture, granted), () => store(checked.value, autoCapture, false))
    .catch((error) => say(String(error?.message ?? error), true));
});

document.getElementById('reset').addEventListener('click', async () => {
  const saved = await saveSettings(webext.storage.local, DEFAULT_SETTINGS);
  await clearCachedData(webext.storage.local, null);
  show(saved);
  say('Defaults restored.');
});

document.getElementById('clear-cache').addEventListener('click', async () => {
  const removed = await clearCachedData(webext.storage.local, webext.storage.session);
  say(removed ? `Cleared ${removed} cached item${removed === 1 ? '' : 's'}.` : 'There was nothing cached.');
});

loadSettings(webext.storage.local).then(show);
