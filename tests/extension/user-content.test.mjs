// Hosts and paths where documents belong to their users: never captured, never filed as the host's policy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { USER_CONTENT_RULES, userContentRule } from '../../extension/lib/user-content.js';

const USER_CONTENT = [
  'https://docs.google.com/document/d/1abc/edit',
  'https://drive.google.com/file/d/1abc/view',
  'https://sites.google.com/view/acme/privacy',
  'https://github.com/acme/site/blob/main/PRIVACY.md',
  'https://github.com/acme/site/raw/main/PRIVACY.md',
  'https://gist.github.com/someone/0123abcd',
  'https://www.notion.so/acme/Privacy-Policy-0123',
  'https://acme.notion.site/Privacy-Policy-0123',
  'https://www.dropbox.com/s/abc/policy.html',
  'https://acme-my.sharepoint.com/personal/x/Documents/policy.docx',
  'https://onedrive.live.com/view.aspx?id=1',
  'https://pastebin.com/raw/AbCd1234',
  'https://DOCS.GOOGLE.COM./document/d/1abc/edit',
];
const SITE_OWN = [
  'https://policies.google.com/privacy',
  'https://github.com/site/privacy',
  'https://docs.github.com/en/site-policy/privacy-policies/github-general-privacy-statement',
  'https://www.dropbox.com/privacy',
  'https://www.notion.com/notion/privacy',
  'https://www.example.com/privacy',
  'https://notnotion.so/privacy',
  'not a url',
  'file:///etc/passwd',
];

for (const url of USER_CONTENT) test(`user content: ${url}`, () => assert.ok(userContentRule(url), url));
for (const url of SITE_OWN) test(`the site's own page: ${url}`, () => assert.equal(userContentRule(url), null));

test('every rule says why, in a sentence the popup can show', () => {
  assert.ok(USER_CONTENT_RULES.length >= 20);
  for (const rule of USER_CONTENT_RULES) {
    assert.match(rule.host, /^\.?[a-z0-9.-]+$/);
    assert.match(rule.why, /^[A-Z].+\.$/);
    if (rule.path) assert.ok(rule.path instanceof RegExp);
  }
});
