// The notifier's event stream (GET /events, Server-Sent Events). The browser's EventSource
// reconnects by itself and sends Last-Event-ID; when it gives up (an answer that is not a stream),
// a new one starts after the last id received. An EventSource cannot send headers, so the token
// goes in the query (the notifier takes it there for its streams alone).

import {token} from './token.js';

/** Every event type on flotilla.events; an SSE frame named otherwise reaches no listener. */
export const EVENT_TYPES = [
  'RolloutAccepted',
  'RolloutRejected',
  'WaveStarted',
  'WaveAwaitingApproval',
  'WaveApproved',
  'RolloutPaused',
  'RolloutResumed',
  'RolloutHalted',
  'RolloutAborted',
  'ControlRefused',
  'StepDispatched',
  'StepCompleted',
  'StepTimedOut',
  'DeviceDeferred',
  'DeviceFinished',
  'RolloutFinished',
];

const RESTART_MILLIS = 3000;

export class LiveStream {
  /**
   * @param onEvent (id, event) for every frame
   * @param onState ('connecting' | 'live' | 'reconnecting')
   */
  constructor(path, onEvent, onState) {
    this.path = path;
    this.onEvent = onEvent;
    this.onState = onState;
    this.lastEventId = null;
    this.source = null;
  }

  start() {
    this.open();
  }

  open() {
    const url = new URL(this.path, document.baseURI);
    if (this.lastEventId) url.searchParams.set('lastEventId', this.lastEventId);
    const given = token();
    if (given) url.searchParams.set('access_token', given);
    const source = new EventSource(url);
    this.source = source;
    this.onState(this.lastEventId ? 'reconnecting' : 'connecting');
    source.onopen = () => this.onState('live');
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        this.onState('reconnecting');
        setTimeout(() => {
          if (this.source === source) this.open();
        }, RESTART_MILLIS);
      } else {
        this.onState('reconnecting');
      }
    };
    const receive = (message) => this.receive(message);
    for (const type of EVENT_TYPES) source.addEventListener(type, receive);
    source.onmessage = receive;
  }

  receive(message) {
    if (message.lastEventId) this.lastEventId = message.lastEventId;
    let event;
    try {
      event = JSON.parse(message.data);
    } catch (failure) {
      console.error('an event that is not JSON', message.data);
      return;
    }
    this.onEvent(message.lastEventId, event);
  }
}
