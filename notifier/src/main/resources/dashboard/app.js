// The dashboard: wires the views to the API (through the notifier's /api) and to the live event
// stream. Snapshots come from the API; events move them on between fetches, and make the page
// fetch again (at most every so often) so that what it shows stays exact.

import {getJson, segment} from './api.js';
import {AuditTrail} from './audit.js';
import {Controls} from './controls.js';
import {setAttr, setText} from './dom.js';
import {FailureLists} from './failures.js';
import {Fleet} from './fleet.js';
import {EventLedger} from './ledger.js';
import {LiveStream} from './live.js';
import {renderRehearsal} from './rehearsal.js';
import {RolloutView} from './rollout.js';
import {RolloutList} from './rollouts.js';
import {FrameScheduler, throttled} from './schedule.js';
import {askForToken, token} from './token.js';

const DETAIL_EVERY_MILLIS = 500;
const LIST_EVERY_MILLIS = 1000;
const FLEET_EVERY_MILLIS = 5000;

const ledger = new EventLedger();
const frames = new FrameScheduler();
const state = {rollouts: [], selected: null, detail: null};

const list = new RolloutList(document.getElementById('rollouts'), (id) => select(id));
const view = new RolloutView(document.getElementById('rollout'), (action, wave) =>
  controls.send(state.selected, action, wave),
);
const controls = new Controls(document.getElementById('control-outcome'));
const failures = new FailureLists(document.getElementById('failures'));
const audit = new AuditTrail(document.getElementById('audit'));
const fleet = new Fleet(document.getElementById('fleet'));
const liveBadge = document.getElementById('live');

const refreshList = throttled(async () => {
  try {
    state.rollouts = (await getJson('/rollouts')).rollouts ?? [];
    list.showError(null);
  } catch (failure) {
    list.showError(`rollouts could not be read: ${failure.message}`);
    return;
  }
  frames.schedule('list', renderList);
  if (!state.selected && state.rollouts.length > 0) {
    select(fromHash() ?? state.rollouts[0].rolloutId);
  }
}, LIST_EVERY_MILLIS);

const refreshDetail = throttled(async () => {
  const rolloutId = state.selected;
  if (!rolloutId) return;
  let detail;
  try {
    detail = await getJson(`/rollouts/${segment(rolloutId)}`);
  } catch (failure) {
    if (rolloutId === state.selected) view.showProblem(failure.message);
    return;
  }
  if (rolloutId !== state.selected) return;
  state.detail = detail;
  frames.schedule('detail', renderDetail);
  await Promise.all([
    failures.refresh(rolloutId, detail.byStage ?? {}),
    audit.follow(detail.lastSequence),
  ]);
}, DETAIL_EVERY_MILLIS);

const refreshFleet = throttled(() => fleet.refresh(), FLEET_EVERY_MILLIS);

function renderList() {
  list.render(state.rollouts, ledger);
  list.select(state.selected);
}

function renderDetail() {
  if (!state.detail || state.detail.rolloutId !== state.selected) return;
  view.render(state.detail, ledger.of(state.selected));
  renderRehearsal(document.getElementById('rehearsal'), state.detail.rehearsal);
}

function renderLedger() {
  if (state.selected) view.renderLedger(ledger.of(state.selected));
}

function select(rolloutId) {
  if (!rolloutId || rolloutId === state.selected) return;
  state.selected = rolloutId;
  state.detail = null;
  if (fromHash() !== rolloutId) history.replaceState(null, '', `#rollout=${encodeURIComponent(rolloutId)}`);
  view.clear(rolloutId);
  controls.reset();
  failures.clear(rolloutId);
  audit.clear(rolloutId);
  audit.load();
  renderLedger();
  frames.schedule('list', renderList);
  refreshDetail();
}

function fromHash() {
  const match = /^#rollout=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function onEvent(id, event) {
  if (!event?.rolloutId) return;
  const fresh = ledger.record(id, event);
  if (event.rolloutId === state.selected) {
    frames.schedule('ledger', renderLedger);
  }
  if (!fresh) return;
  if (event.rolloutId === state.selected) {
    controls.observe(event);
    frames.schedule('detail', renderDetail);
    refreshDetail();
  }
  frames.schedule('list', renderList);
  refreshList();
  if (event.type === 'DeviceFinished' || event.type === 'RolloutFinished') refreshFleet();
}

function onStreamState(streamState) {
  setAttr(liveBadge, 'data-state', streamState);
  setText(liveBadge, streamState);
}

window.addEventListener('hashchange', () => select(fromHash()));

// For people and tests alike: what the stream brought for a rollout.
window.flotilla = {
  eventIds: (rolloutId) => [...ledger.of(rolloutId).ids],
  duplicates: (rolloutId) => ledger.of(rolloutId).duplicates,
  gaps: (rolloutId) => ledger.of(rolloutId).gaps,
};

if (token()) {
  const hashed = fromHash();
  if (hashed) select(hashed);
  refreshList();
  refreshFleet();
  new LiveStream('../events', onEvent, onStreamState).start();
} else {
  askForToken('Every read needs a token: `flotilla tokens create --role viewer --name you` issues one.');
}
