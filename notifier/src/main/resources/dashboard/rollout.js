// One rollout: its status, devices by stage and by wave, and the buttons that steer it.

import {drawLegend, drawStacked} from './bars.js';
import {el, field, setAttr, setHidden, setText, syncRows} from './dom.js';
import {count, purpose, time} from './format.js';
import {STAGES, countsAfter, total} from './stages.js';

const ACTIVE = new Set(['RUNNING', 'AWAITING_APPROVAL', 'PAUSED', 'HALTED']);

/** The wave waiting for approval in the snapshot, as later events left it; null for none. */
function awaitingWave(detail, changes) {
  let awaiting = (detail.byWave ?? []).find((w) => w.state === 'AWAITING_APPROVAL')?.wave ?? null;
  for (const change of changes) {
    if (change.type === 'WaveAwaitingApproval') awaiting = change.wave;
    if (change.type === 'WaveApproved' && change.wave === awaiting) awaiting = null;
  }
  return awaiting;
}

export class RolloutView {
  /** @param onAction (action, wave) when a button is pressed */
  constructor(section, onAction) {
    this.section = section;
    this.bar = section.querySelector('#stage-bar');
    this.legend = section.querySelector('#stage-counts');
    this.stageTable = section.querySelector('#stage-table tbody');
    this.waves = section.querySelector('#waves tbody');
    this.buttons = Object.fromEntries(
      [...section.querySelectorAll('.controls button')].map((b) => [b.dataset.action, b]),
    );
    this.approvable = null;
    for (const [action, button] of Object.entries(this.buttons)) {
      button.addEventListener('click', () => onAction(action, this.approvable));
    }
    this.stageTable.replaceChildren(
      ...STAGES.map((stage) =>
        el(
          'tr',
          {},
          el('td', {}, stage),
          el('td', {className: 'number', dataset: {stage}}, '0'),
        ),
      ),
    );
  }

  clear(rolloutId) {
    setHidden(this.section, false);
    setAttr(this.section, 'data-rollout-id', rolloutId);
    setAttr(this.section, 'data-status', null);
    setText(field(this.section, 'rolloutId'), rolloutId);
    setText(field(this.section, 'status'), '…');
    this.waves.replaceChildren();
  }

  /** Says why the rollout cannot be shown, e.g. the coordinator does not know it yet. */
  showProblem(message) {
    setText(field(this.section, 'statusDetail'), message);
  }

  /** Draws the API's detail moved on by the events received after its lastSequence. */
  render(detail, ledger) {
    const changes = ledger.changesAfter(detail.lastSequence);
    const status = ledger.statusAfter(detail.lastSequence, detail.status);
    const byStage = countsAfter(detail.byStage ?? {}, changes);
    const root = this.section;
    setAttr(root, 'data-status', status);
    const badge = field(root, 'status');
    setText(badge, status);
    setAttr(badge, 'data-status', status);
    setHidden(field(root, 'dryRun'), !detail.dryRun);
    setText(
      field(root, 'summary'),
      `${purpose(detail)} · ${count(detail.devices)} devices`
        + ` · ${detail.waves} wave${detail.waves === 1 ? '' : 's'}`
        + ` · requested by ${detail.requestedBy ?? '–'} · opened ${time(detail.openedAt)}`
        + (detail.finishedAt ? ` · finished ${time(detail.finishedAt)}` : ''),
    );
    setText(field(root, 'statusDetail'), detail.statusDetail ?? '');
    const rejection = detail.rejectionReasons ?? [];
    setHidden(field(root, 'rejection'), rejection.length === 0);
    setText(field(root, 'rejection'), rejection.join('\n'));

    drawStacked(this.bar, byStage);
    drawLegend(this.legend, byStage);
    for (const cell of this.stageTable.querySelectorAll('td[data-stage]')) {
      setText(cell, byStage[cell.dataset.stage] ?? 0);
    }
    this.renderWaves(detail);
    this.renderButtons(status, awaitingWave(detail, changes));
  }

  renderWaves(detail) {
    syncRows(
      this.waves,
      detail.byWave ?? [],
      (w) => w.wave,
      (w) =>
        el(
          'tr',
          {dataset: {wave: w.wave}},
          el('td', {className: 'number'}, String(w.wave)),
          el('td'),
          el('td', {className: 'number'}),
          el('td', {}, el('div', {className: 'stacked small'})),
          el('td'),
        ),
      (row, w) => {
        const [, state, devices, bar, approved] = row.children;
        setText(state, w.state.toLowerCase().replace(/_/g, ' '));
        setAttr(row, 'data-state', w.state);
        setText(devices, count(w.devices || total(w.byStage)));
        drawStacked(bar.firstChild, w.byStage ?? {});
        setText(approved, w.approvedBy ? `${w.approvedBy}, ${time(w.approvedAt)}` : '');
      },
    );
    const waiting = detail.notYetInAWave ?? 0;
    setText(
      field(this.section, 'notYetInAWave'),
      waiting > 0 ? `${count(waiting)} devices not yet in a wave` : '',
    );
  }

  renderButtons(status, awaiting) {
    this.approvable = awaiting;
    const active = ACTIVE.has(status);
    this.buttons.pause.disabled = !(status === 'RUNNING' || status === 'AWAITING_APPROVAL');
    this.buttons.resume.disabled = !(status === 'PAUSED' || status === 'HALTED');
    this.buttons.abort.disabled = !active;
    this.buttons.approve.disabled = !active || awaiting === null;
    setText(this.buttons.approve, awaiting === null ? 'Approve wave' : `Approve wave ${awaiting}`);
  }

  /** Exposes what the stream brought for this rollout, for people and for tests. */
  renderLedger(ledger) {
    setAttr(this.section, 'data-events-seen', ledger.ids.length);
    setAttr(this.section, 'data-duplicates', ledger.duplicates);
    setAttr(this.section, 'data-gaps', ledger.gaps);
    setText(field(this.section, 'seen'), count(ledger.ids.length));
    setText(field(this.section, 'duplicates'), count(ledger.duplicates));
    setText(field(this.section, 'gaps'), count(ledger.gaps));
  }
}
