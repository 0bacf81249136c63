// The test shop's single-page app: the Privacy Policy link pushes /app/privacy and swaps in the
// policy (fetched from /privacy.html, as an SPA would fetch a route's content); Back restores home.
'use strict';

const home = { title: document.title, main: document.querySelector('main').cloneNode(true) };

async function show(route) {
  if (route === 'privacy') {
    const html = await (await fetch('/privacy.html')).text();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    document.querySelector('main').replaceWith(document.importNode(doc.querySelector('main'), true));
    document.title = doc.title;
  } else {
    document.querySelector('main').replaceWith(home.main.cloneNode(true));
    document.title = home.title;
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (!link) return;
  event.preventDefault();
  history.pushState({ route: link.dataset.route }, '', link.href);
  show(link.dataset.route);
});

window.addEventListener('popstate', (event) => show(event.state?.route ?? 'home'));
