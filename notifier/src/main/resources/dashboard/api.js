// The coordinator's HTTP API, reached through the notifier under /api (same origin as the page).

/** An answer other than 2xx; the problem+json body's detail when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function url(path) {
  return new URL(`../api${path}`, document.baseURI);
}

async function answer(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, typeof body === 'object' ? body : {detail: body || undefined});
  }
  return body;
}

export async function getJson(path) {
  return answer(await fetch(url(path), {headers: {Accept: 'application/json'}}));
}

export async function postJson(path, body) {
  return answer(
    await fetch(url(path), {
      method: 'POST',
      headers: {Accept: 'application/json', 'Content-Type': 'application/json'},
      body: JSON.stringify(body ?? {}),
    }),
  );
}

/** A path segment, escaped. */
export function segment(value) {
  return encodeURIComponent(value);
}
