import { readFileSync, readdirSync } from 'node:fs';
import { loadContentScripts } from './helpers.mjs';
const pg = loadContentScripts('policy-page.js');
const base = '../shared/corpus/';
const files = [...readdirSync(base + 'modern/texts').map((f) => 'modern/texts/' + f), ...['mapp_en', 'opp115'].flatMap((d) => readdirSync(base + 'policies/' + d).map((f) => `policies/${d}/${f}`))];
let fail = 0;
for (const f of files) {
  const text = readFileSync(base + f, 'utf8');
  const d = pg.detectPolicyPage({ url: 'https://x.test/privacy-policy', title: 'Privacy Policy', headings: ['Privacy Policy'], text });
  if (!d.isPolicy) { fail++; console.log('NOT', f, JSON.stringify(d.reasons)); }
}
console.log(files.length, 'files', fail, 'not candidates');
