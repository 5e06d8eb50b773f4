// Every event the page received, per rollout: the events' message ids in order of arrival,
// duplicates told by message id (a stream id says where the reader stood, which a notifier restart
// may write differently for the same event),
// gaps told by the rollout's sequence numbers, and each device's stage as the events moved it.
// Views take a snapshot from the API and apply the changes after its lastSequence. Pure.

import {moveOf, statusAfter} from './stages.js';

/** How many changes a rollout keeps for views whose snapshot lags behind the stream. */
const KEPT_CHANGES = 50_000;

export class RolloutLedger {
  constructor(rolloutId) {
    this.rolloutId = rolloutId;
    this.ids = [];
    this.seen = new Set();
    this.duplicates = 0;
    this.sequences = new Set();
    this.lowest = Infinity;
    this.highest = 0;
    this.stages = new Map();
    this.changes = [];
  }

  /** Takes in one event; false (and counted) when it was received before. */
  record(streamId, event) {
    const id = event.messageId ?? streamId;
    if (this.seen.has(id)) {
      this.duplicates++;
      return false;
    }
    this.seen.add(id);
    this.ids.push(id);
    const sequence = Number(event.sequence);
    if (Number.isFinite(sequence)) {
      this.sequences.add(sequence);
      this.lowest = Math.min(this.lowest, sequence);
      this.highest = Math.max(this.highest, sequence);
    }
    if (event.type === 'RolloutAccepted') {
      for (const device of event.devices ?? []) {
        if (!this.stages.has(device)) this.stages.set(device, 'PENDING');
      }
    }
    const change = {sequence, type: event.type, wave: event.wave ?? null, deviceId: null, from: null, to: null};
    const move = moveOf(event);
    if (move?.deviceId && move.to) {
      change.deviceId = move.deviceId;
      change.from = this.stages.get(move.deviceId) ?? 'PENDING';
      change.to = move.to;
      this.stages.set(move.deviceId, move.to);
    }
    this.changes.push(change);
    if (this.changes.length > KEPT_CHANGES) this.changes.splice(0, this.changes.length - KEPT_CHANGES);
    return true;
  }

  /** Sequence numbers missing between the lowest and the highest received. */
  get gaps() {
    return this.sequences.size === 0 ? 0 : this.highest - this.lowest + 1 - this.sequences.size;
  }

  /**
   * What happened after a snapshot that had applied events up to {@code sequence}. A rollout's
   * events arrive in sequence order (one partition), so the lag is read from the end.
   */
  changesAfter(sequence) {
    const after = Number(sequence ?? 0);
    let first = this.changes.length;
    while (first > 0 && this.changes[first - 1].sequence > after) first--;
    return this.changes.slice(first);
  }

  /** The status of a snapshot that had applied up to {@code sequence}, moved by later events. */
  statusAfter(sequence, snapshotStatus) {
    return this.changesAfter(sequence).reduce(
      (status, change) => statusAfter(status, change),
      snapshotStatus,
    );
  }
}

export class EventLedger {
  constructor() {
    this.rollouts = new Map();
  }

  /** Records an event of the stream; false for a duplicate. */
  record(id, event) {
    return this.of(event.rolloutId).record(id, event);
  }

  of(rolloutId) {
    let ledger = this.rollouts.get(rolloutId);
    if (!ledger) {
      ledger = new RolloutLedger(rolloutId);
      this.rollouts.set(rolloutId, ledger);
    }
    return ledger;
  }
}
