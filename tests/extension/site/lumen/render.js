// A client-rendered page: the notice arrives from "the server" 2.5 s after load, with no URL
// change, and is rendered in pieces (as frameworks do), so the content keeps moving for a moment.
'use strict';

const SECTIONS = [
  ['Privacy Notice', [
    'Lumen Analytics Ltd ("Lumen", "we") provides website analytics to online shops. This notice explains what we collect about the visitors of our customers\u2019 shops and about our customers, and what we do with it.',
  ]],
  ['What we collect', [
    'When a shop uses Lumen, our script records the pages a visitor views, the referring site, the device type, an approximate location derived from the IP address, and a random identifier stored in a first-party cookie.',
    'From our customers we collect the name, work e-mail address and billing details of the people who open an account.',
  ]],
  ['How we use it', [
    'We use visitor data only to produce statistics for the shop that collected it. We use customer data to provide the service, to send invoices and to contact customers about their account.',
  ]],
  ['Sharing', [
    'We do not sell personal data. We share it with the hosting company that runs our servers in the EU.',
    'We may disclose personal data when we are required to do so by law or by a valid court order, and if Lumen is sold or merged, personal data may be transferred to the buyer.',
  ]],
  ['Your choices', [
    'Visitors can opt out of Lumen measurement on every shop at once on our opt-out page, and browsers that send a Global Privacy Control signal are never measured. Customers can unsubscribe from product news in their account settings.',
  ]],
  ['Retention', [
    'Visitor data is aggregated after 25 months and the raw records are deleted. When a customer closes an account, we delete its data within 30 days, including from backups.',
  ]],
  ['Contact', [
    'Write to privacy@lumen-analytics.example with any question about this notice or to exercise your rights under the GDPR.',
  ]],
];

function render() {
  const app = document.getElementById('app');
  app.replaceChildren();
  SECTIONS.forEach(([heading, paragraphs], i) => {
    setTimeout(() => {
      const section = document.createElement('section');
      const h = document.createElement(i === 0 ? 'h1' : 'h2');
      h.textContent = heading;
      section.append(h);
      for (const text of paragraphs) {
        const p = document.createElement('p');
        p.textContent = text;
        section.append(p);
      }
      app.append(section);
    }, i * 80);
  });
}

setTimeout(render, 2500);
