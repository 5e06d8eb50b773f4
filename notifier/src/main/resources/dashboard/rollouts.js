// The list of rollouts: status, set and version, progress, outcome counts; a click selects one.

import {el, setAttr, setHidden, setText, syncRows} from './dom.js';
import {count, percent, purpose} from './format.js';
import {OUTCOMES, outcomesAfter} from './stages.js';

export class RolloutList {
  constructor(section, onSelect) {
    this.section = section;
    this.body = section.querySelector('tbody');
    this.empty = section.querySelector('[data-empty]');
    this.error = section.querySelector('[data-error]');
    this.selected = null;
    this.body.addEventListener('click', (click) => {
      const row = click.target.closest('tr[data-rollout-id]');
      if (row) onSelect(row.dataset.rolloutId);
    });
  }

  /** Draws the API's rows, each moved on by the events received after it. */
  render(rollouts, ledger) {
    setHidden(this.empty, rollouts.length > 0);
    syncRows(
      this.body,
      rollouts,
      (r) => r.rolloutId,
      (r) => this.create(r),
      (row, r) => this.update(row, r, ledger.of(r.rolloutId)),
    );
  }

  showError(message) {
    setHidden(this.error, !message);
    setText(this.error, message);
  }

  select(rolloutId) {
    this.selected = rolloutId;
    for (const row of this.body.children) {
      setAttr(row, 'aria-selected', row.dataset.rolloutId === rolloutId ? 'true' : 'false');
    }
  }

  create(r) {
    const progress = el('div', {className: 'progress'}, el('span'));
    return el(
      'tr',
      {dataset: {rolloutId: r.rolloutId}, attrs: {'aria-selected': String(r.rolloutId === this.selected)}},
      el('td', {}, r.rolloutId),
      el('td', {}, el('span', {className: 'status'})),
      el('td', {className: 'set'}),
      el('td', {}, progress, el('span', {className: 'progress-text'})),
      el(
        'td',
        {},
        el(
          'div',
          {className: 'outcomes'},
          ...OUTCOMES.map((o) =>
            el('span', {dataset: {outcome: o.key, group: o.key}, title: o.label}),
          ),
        ),
      ),
    );
  }

  update(row, r, ledger) {
    const changes = ledger.changesAfter(r.lastSequence);
    const status = ledger.statusAfter(r.lastSequence, r.status);
    const outcomes = outcomesAfter(r.outcomes ?? {}, changes);
    const [, statusCell, setCell, progressCell, outcomesCell] = row.children;
    const badge = statusCell.firstChild;
    setText(badge, status);
    setAttr(badge, 'data-status', status);
    setAttr(row, 'data-status', status);
    setText(setCell, `${purpose(r)}${r.dryRun ? ' (dry run)' : ''}`);
    const ended = Math.min(outcomes.ended ?? 0, r.devices ?? 0);
    const width = `${percent(ended, r.devices)}%`;
    const fill = progressCell.firstChild.firstChild;
    if (fill.style.width !== width) fill.style.width = width;
    setText(progressCell.lastChild, `${count(ended)} / ${count(r.devices)}`);
    OUTCOMES.forEach((o, i) => {
      const cell = outcomesCell.firstChild.children[i];
      setAttr(cell, 'data-value', outcomes[o.key] ?? 0);
      setText(cell, count(outcomes[o.key] ?? 0));
    });
  }
}
