// The bearer token the page asks with. It comes from the link (#token=…, as `flotilla demo`
// prints it) or from the sign-in bar, and is kept for this tab only (sessionStorage): it never
// stays in the address bar, the history or another tab.

const KEY = 'flotilla.token';
const IN_LINK = /(^#|&)token=([^&]*)/;

/** Keeps a token the link carries and takes it out of the address; whether there was one. */
function takeFromLink() {
  const linked = IN_LINK.exec(location.hash);
  if (!linked) return false;
  sessionStorage.setItem(KEY, decodeURIComponent(linked[2]));
  const rest = location.hash.replace(IN_LINK, '$1').replace(/^#&/, '#');
  history.replaceState(null, '', location.pathname + location.search + (rest === '#' ? '' : rest));
  return true;
}

takeFromLink();
// A link followed while the page is open changes only the fragment: start again with its token.
window.addEventListener('hashchange', () => {
  if (takeFromLink()) location.reload();
});

/** The token, or null before one is given. */
export function token() {
  return sessionStorage.getItem(KEY);
}

export function keepToken(value) {
  sessionStorage.setItem(KEY, value.trim());
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}

/**
 * Shows the sign-in bar (with why, when a token was refused); a token given there is kept and the
 * page starts again with it.
 */
export function askForToken(reason) {
  const form = document.getElementById('sign-in');
  form.hidden = false;
  form.querySelector('[data-reason]').textContent = reason ?? '';
  form.onsubmit = (submitted) => {
    submitted.preventDefault();
    const given = form.elements.token.value;
    if (!given.trim()) return;
    keepToken(given);
    location.reload();
  };
}
