/**
 * Where documents belong to their users, not to the site: such pages are never captured
 * automatically and never filed as the host's policy. A Google Doc titled "Privacy Policy" is
 * someone's draft, not Google's policy; sending it would upload a private document, and filing it
 * under google.com would quote it on google.com's public page.
 */

import { parseWebUrl } from './psl.js';

/*
 * Each rule: `host` (the hostname, or a parent domain when it starts with "."), optional `path`
 * (a RegExp on the URL path; absent = every path), and `why`, said to the user in the popup.
 * Hosts are compared lower-cased, without a trailing dot.
 */
export const USER_CONTENT_RULES = Object.freeze([
  // Google Workspace: documents, files and sites are the users' own; google.com's policy lives at
  // policies.google.com, which stays scoreable.
  { host: 'docs.google.com', why: 'Google Docs holds documents written by its users.' },
  { host: 'drive.google.com', why: 'Google Drive holds files uploaded by its users.' },
  { host: 'sites.google.com', why: 'Google Sites hosts pages built by its users.' },
  // GitHub: a file in a repository (PRIVACY.md, a policy draft) is the repository owner's, while
  // GitHub's own policy is on docs.github.com. Raw views and gists likewise.
  { host: 'github.com', path: /^\/[^/]+\/[^/]+\/(blob|raw|tree|wiki|edit)\//, why: 'Files in a GitHub repository belong to the repository\u2019s owner.' },
  { host: 'gist.github.com', why: 'Gists are snippets written by GitHub users.' },
  { host: 'raw.githubusercontent.com', why: 'Raw files from GitHub repositories belong to their owners.' },
  { host: 'gitlab.com', path: /^\/.+\/-\/(blob|raw|wikis)\//, why: 'Files in a GitLab project belong to the project\u2019s owner.' },
  { host: 'bitbucket.org', path: /^\/[^/]+\/[^/]+\/src\//, why: 'Files in a Bitbucket repository belong to its owner.' },
  // Notion: every workspace page and every published notion.site page is its author's.
  { host: 'notion.so', why: 'Notion pages are written by Notion\u2019s users.' },
  { host: '.notion.so', why: 'Notion pages are written by Notion\u2019s users.' },
  { host: '.notion.site', why: 'Pages published on notion.site belong to their authors.' },
  // File sharing and office suites.
  { host: 'dropbox.com', path: /^\/(s|scl|sh|home|preview|paper)\//, why: 'Dropbox links share files uploaded by its users.' },
  { host: 'www.dropbox.com', path: /^\/(s|scl|sh|home|preview|paper)\//, why: 'Dropbox links share files uploaded by its users.' },
  { host: 'paper.dropbox.com', why: 'Dropbox Paper holds documents written by its users.' },
  { host: '.dropboxusercontent.com', why: 'Files served from Dropbox belong to the users who shared them.' },
  { host: 'onedrive.live.com', why: 'OneDrive holds files uploaded by its users.' },
  { host: '1drv.ms', why: 'OneDrive share links open files uploaded by its users.' },
  { host: '.sharepoint.com', why: 'SharePoint sites hold an organisation\u2019s own documents.' },
  { host: 'box.com', path: /^\/s\//, why: 'Box links share files uploaded by its users.' },
  { host: '.app.box.com', why: 'Box holds files uploaded by its users.' },
  { host: 'quip.com', why: 'Quip holds documents written by its users.' },
  { host: 'coda.io', path: /^\/d\//, why: 'Coda documents are written by their users.' },
  { host: 'www.icloud.com', path: /^\/(iclouddrive|pages|numbers|keynote)\//, why: 'Links to iCloud Drive share files of their owners.' },
  { host: 'docs.zoho.com', why: 'Zoho Docs holds documents written by its users.' },
  { host: 'writer.zoho.com', why: 'Zoho Writer holds documents written by its users.' },
  { host: 'hackmd.io', why: 'HackMD notes are written by its users.' },
  { host: 'docs.qq.com', why: 'Tencent Docs holds documents written by its users.' },
  { host: '.craft.me', why: 'Craft pages are written by their users.' },
  // Pastebin-like hosts: anyone pastes any text, policies included.
  { host: 'pastebin.com', why: 'Pastebin holds text pasted by anyone.' },
  { host: 'paste.ee', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'hastebin.com', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'ghostbin.com', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'rentry.co', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'rentry.org', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'justpaste.it', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'controlc.com', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'dpaste.org', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'paste.mozilla.org', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'termbin.com', why: 'Paste sites hold text pasted by anyone.' },
  { host: 'telegra.ph', why: 'Telegraph pages are published by anyone.' },
  { host: 'write.as', why: 'Write.as posts are published by its users.' },
]);

function hostMatches(host, ruleHost) {
  if (ruleHost.startsWith('.')) return host.endsWith(ruleHost) && host.length > ruleHost.length;
  return host === ruleHost;
}

/** The rule that makes `url` a user's document (`{host, path, why}`), or null for a site's own page. */
export function userContentRule(url) {
  const parsed = parseWebUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return USER_CONTENT_RULES.find((rule) => hostMatches(host, rule.host) && (!rule.path || rule.path.test(parsed.pathname))) ?? null;
}
