/** The one place that papers over browser differences: Firefox's `browser` or Chrome's `chrome`. */
// Both namespaces return promises in MV3, so no polyfill is needed (webextension-polyfill is retired).
export const webext = globalThis.browser ?? globalThis.chrome;
