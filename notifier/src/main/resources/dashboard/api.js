// The coordinator's HTTP API, reached through the notifier under /api (same origin as the page),
// with the page's bearer token; a refused token brings the sign-in bar back.

import {askForToken, forgetToken, token} from './token.js';

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
    const failure = new ApiError(response.status, typeof body === 'object' ? body : {detail: body || undefined});
    if (response.status === 401) {
      forgetToken();
      askForToken(`The token was refused: ${failure.message}`);
    }
    throw failure;
  }
  return body;
}

function headers(more) {
  const given = token();
  return given ? {...more, Authorization: `Bearer ${given}`} : more;
}

export async function getJson(path) {
  return answer(await fetch(url(path), {headers: headers({Accept: 'application/json'})}));
}

export async function postJson(path, body) {
  return answer(
    await fetch(url(path), {
      method: 'POST',
      headers: headers({Accept: 'application/json', 'Content-Type': 'application/json'}),
      body: JSON.stringify(body ?? {}),
    }),
  );
}

/** A path segment, escaped. */
export function segment(value) {
  return encodeURIComponent(value);
}
