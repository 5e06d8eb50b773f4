// A rollout's audit trail, page by page (?after=<next>); while caught up it follows the rollout.

import {getJson, segment} from './api.js';
import {el, setHidden, setText} from './dom.js';
import {time} from './format.js';

const PAGE = 100;

export class AuditTrail {
  constructor(section) {
    this.body = section.querySelector('tbody');
    this.more = section.querySelector('button[data-action="more"]');
    this.error = section.querySelector('[data-error]');
    this.more.addEventListener('click', () => this.load());
    this.rolloutId = null;
  }

  clear(rolloutId) {
    this.rolloutId = rolloutId;
    this.after = null;
    this.next = null;
    this.caughtUp = false;
    this.lastSequence = 0;
    this.loading = null;
    this.body.replaceChildren();
    setHidden(this.more, true);
    setHidden(this.error, true);
  }

  /** Loads the next page: the first, the one "Load more" asks for, or what followed the last. */
  load() {
    if (!this.loading) {
      this.loading = this.fetchPage().finally(() => {
        this.loading = null;
      });
    }
    return this.loading;
  }

  /** Appends new entries when the whole trail is shown and the rollout has moved past it. */
  follow(lastSequence) {
    if (this.caughtUp && lastSequence > this.lastSequence) return this.load();
    return Promise.resolve();
  }

  async fetchPage() {
    const rolloutId = this.rolloutId;
    const cursor = this.next ?? (this.caughtUp ? String(this.lastSequence) : null);
    const query = `?rollout=${segment(rolloutId)}&limit=${PAGE}${cursor ? `&after=${segment(cursor)}` : ''}`;
    let page;
    try {
      page = await getJson(`/audit${query}`);
    } catch (failure) {
      setHidden(this.error, false);
      setText(this.error, `the audit trail could not be read: ${failure.message}`);
      return;
    }
    if (rolloutId !== this.rolloutId) return;
    setHidden(this.error, true);
    const rows = (page.items ?? []).filter((item) => item.sequence > this.lastSequence);
    for (const item of rows) this.lastSequence = Math.max(this.lastSequence, item.sequence);
    this.body.append(
      ...rows.map((item) =>
        el(
          'tr',
          {dataset: {sequence: item.sequence}},
          el('td', {className: 'number'}, String(item.sequence)),
          el('td', {}, time(item.occurredAt)),
          el('td', {}, item.type),
          el('td', {}, item.deviceId ?? ''),
          el('td', {}, item.summary ?? ''),
        ),
      ),
    );
    this.next = page.next ?? null;
    this.caughtUp = this.next === null;
    setHidden(this.more, this.caughtUp);
  }
}
