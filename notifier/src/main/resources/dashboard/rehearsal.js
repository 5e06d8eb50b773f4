// A dry run's fleet totals: how long the migration took, how sizes change, what disk it needs.

import {el} from './dom.js';
import {bytes, count, millis, signedBytes} from './format.js';

const ROWS = [
  ['devices', 'devices', count],
  ['rehearsed', 'rehearsed', count],
  ['migrateMillis', 'migration time, all devices', millis],
  ['slowestMillis', 'slowest device', millis],
  ['sizeBeforeBytes', 'size before', bytes],
  ['sizeAfterBytes', 'size after', bytes],
  ['sizeChangeBytes', 'change', signedBytes],
  ['diskNeededBytes', 'disk needed, all devices', bytes],
  ['largestDiskNeededBytes', 'disk needed, largest device', bytes],
];

/** Shows the detail's rehearsal object when it has one, and hides the section otherwise. */
export function renderRehearsal(section, rehearsal) {
  section.hidden = !rehearsal;
  if (!rehearsal) return;
  const list = section.querySelector('dl');
  const items = [];
  for (const [key, label, format] of ROWS) {
    if (key in rehearsal) {
      items.push(el('dt', {}, label), el('dd', {dataset: {total: key}}, format(rehearsal[key])));
    }
  }
  list.replaceChildren(...items);
}
