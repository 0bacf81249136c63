/** Options page: API base URL (asks for host access when it is not the default), auto capture, change alerts, cache. */
import { clearCachedData } from '../lib/cache.js';
import { clearSeen } from '../lib/change-alert.js';
import { DEFAULT_SETTINGS, loadSettings, normalizeApiBase, originPattern, saveSettings } from '../lib/settings.js';
import { webext } from '../lib/webext.js';

const form = document.getElementById('settings');
const apiInput = document.getElementById('api-base');
const autoInput = document.getElementById('auto-capture');
const alertsInput = document.getElementById('change-alerts');
const status = document.getElementById('status');

function say(message, isError = false) {
  status.textContent = message;
  status.classList.toggle('error', isError);
}

function show(settings) {
  apiInput.value = settings.apiBase;
  autoInput.checked = settings.autoCapture;
  alertsInput.checked = settings.changeAlerts;
}

async function store(apiBase, autoCapture, changeAlerts, granted) {
  const before = await loadSettings(webext.storage.local);
  const saved = await saveSettings(webext.storage.local, { apiBase, autoCapture, changeAlerts });
  // Alerts turned off: nothing about the sites seen is kept.
  if (!saved.changeAlerts) await clearSeen(webext.storage.local);
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
  const changeAlerts = alertsInput.checked;
  // permissions.request must be called in the user gesture, before any await.
  const pattern = originPattern(checked.value);
  const request = pattern === originPattern(DEFAULT_SETTINGS.apiBase)
    ? Promise.resolve(true)
    : webext.permissions.request({ origins: [pattern] });
  request.then((granted) => store(checked.value, autoCapture, changeAlerts, granted), () => store(checked.value, autoCapture, changeAlerts, false))
    .catch((error) => say(String(error?.message ?? error), true));
});

document.getElementById('reset').addEventListener('click', async () => {
  const saved = await saveSettings(webext.storage.local, DEFAULT_SETTINGS);
  await clearCachedData(webext.storage.local, null);
  show(saved);
  say('Defaults restored.');
});

document.getElementById('clear-cache').addEventListener('click', async () => {
  const removed = (await clearCachedData(webext.storage.local, webext.storage.session)) + (await clearSeen(webext.storage.local));
  say(removed ? `Cleared ${removed} cached item${removed === 1 ? '' : 's'}.` : 'There was nothing cached.');
});

loadSettings(webext.storage.local).then(show);
