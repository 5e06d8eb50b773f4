// The devices that did not reach the target, with their reasons: one list per stage, fetched
// again only when that stage's count changed.

import {getJson, segment} from './api.js';
import {el, setHidden} from './dom.js';
import {count, version} from './format.js';

const LISTS = [
  {stage: 'FAILED', title: 'Failed'},
  {stage: 'NEEDS_ATTENTION', title: 'Needs attention'},
  {stage: 'ROLLED_BACK', title: 'Rolled back'},
  {stage: 'SKIPPED', title: 'Skipped'},
];

/** Rows drawn per list; the rest is counted, so a fleet-wide failure stays readable. */
const SHOWN = 200;

export class FailureLists {
  constructor(section) {
    this.section = section;
    this.container = section.querySelector('.failure-lists');
    this.empty = section.querySelector('[data-empty]');
    this.rolloutId = null;
    this.loaded = new Map();
    this.blocks = new Map();
  }

  clear(rolloutId) {
    this.rolloutId = rolloutId;
    this.loaded.clear();
    this.blocks.clear();
    this.container.replaceChildren();
    setHidden(this.empty, false);
  }

  /** Fetches the lists whose stage count differs from what is shown. */
  async refresh(rolloutId, byStage) {
    const stale = LISTS.filter(
      (list) => (byStage[list.stage] ?? 0) !== (this.loaded.get(list.stage)?.length ?? 0),
    );
    await Promise.all(
      stale.map(async (list) => {
        const page = await getJson(
          `/rollouts/${segment(rolloutId)}/devices?stage=${list.stage}`,
        );
        if (this.rolloutId !== rolloutId) return;
        this.loaded.set(list.stage, page.devices ?? []);
        this.draw(list);
      }),
    );
  }

  draw(list) {
    const devices = this.loaded.get(list.stage) ?? [];
    let block = this.blocks.get(list.stage);
    if (!block) {
      block = el('div', {dataset: {failures: list.stage}});
      this.blocks.set(list.stage, block);
      const order = LISTS.map((l) => l.stage);
      const next = [...this.container.children].find(
        (b) => order.indexOf(b.dataset.failures) > order.indexOf(list.stage),
      );
      this.container.insertBefore(block, next ?? null);
    }
    setHidden(block, devices.length === 0);
    const rows = devices.slice(0, SHOWN).map((d) =>
      el(
        'tr',
        {dataset: {deviceId: d.deviceId}},
        el('td', {}, d.deviceId),
        el('td', {className: 'number'}, d.wave === null || d.wave === undefined ? '' : String(d.wave)),
        el('td', {}, version(d.version)),
        el('td', {}, d.backupId ?? ''),
        el('td', {}, (d.reasons ?? []).join('\n')),
      ),
    );
    const parts = [
      el('h4', {}, `${list.title} (${count(devices.length)})`),
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el('tr', {}, ...['device', 'wave', 'version', 'backup', 'reasons'].map((h) => el('th', {}, h))),
        ),
        el('tbody', {}, ...rows),
      ),
    ];
    if (devices.length > SHOWN) {
      parts.push(el('p', {className: 'more'}, `and ${count(devices.length - SHOWN)} more`));
    }
    block.replaceChildren(...parts);
    setHidden(
      this.empty,
      [...this.loaded.values()].some((loaded) => loaded.length > 0),
    );
  }
}
