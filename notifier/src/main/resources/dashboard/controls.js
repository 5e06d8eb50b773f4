// Pause, resume, abort and approve: the request goes on the log (202), then the coordinator's
// answer arrives as an event (RolloutPaused, ControlRefused, ...) and is shown beside the buttons.

import {postJson, segment} from './api.js';
import {setAttr, setText} from './dom.js';

const COMMANDS = {
  pause: {path: () => 'pause', command: 'PauseRollout', answer: 'RolloutPaused', done: 'paused'},
  resume: {path: () => 'resume', command: 'ResumeRollout', answer: 'RolloutResumed', done: 'resumed'},
  abort: {path: () => 'abort', command: 'AbortRollout', answer: 'RolloutAborted', done: 'aborted'},
  approve: {
    path: (wave) => `waves/${wave}/approve`,
    command: 'ApproveWave',
    answer: 'WaveApproved',
    done: 'wave approved',
  },
};

export class Controls {
  constructor(outcome) {
    this.outcome = outcome;
    this.pending = null;
  }

  async send(rolloutId, action, wave) {
    const spec = COMMANDS[action];
    if (!spec) return;
    if (action === 'abort' && !window.confirm(`Abort ${rolloutId}? Devices not yet begun are skipped.`)) {
      return;
    }
    this.pending = {rolloutId, spec};
    this.show('sent', `${spec.command} sent…`);
    try {
      await postJson(`/rollouts/${segment(rolloutId)}/${spec.path(wave)}`, {requestedBy: 'dashboard'});
      if (this.pending?.spec === spec) {
        this.show('accepted', `${spec.command} is on the log; waiting for the coordinator…`);
      }
    } catch (failure) {
      this.pending = null;
      this.show('error', `${spec.command} failed: ${failure.message}`);
    }
  }

  /** Shows the coordinator's answer to the command sent last, when its event arrives. */
  observe(event) {
    const pending = this.pending;
    if (!pending || event.rolloutId !== pending.rolloutId) return;
    if (event.type === pending.spec.answer) {
      this.pending = null;
      const by = event.requestedBy ? ` by ${event.requestedBy}` : '';
      const wave = event.wave ? ` ${event.wave}` : '';
      this.show('applied', `${pending.spec.done}${wave}${by}`);
    } else if (event.type === 'ControlRefused' && event.command === pending.spec.command) {
      this.pending = null;
      this.show('refused', `${event.command} refused: ${event.reason}`);
    }
  }

  reset() {
    this.pending = null;
    this.show('none', '');
  }

  show(state, message) {
    setAttr(this.outcome, 'data-outcome', state);
    setText(this.outcome, message);
  }
}
