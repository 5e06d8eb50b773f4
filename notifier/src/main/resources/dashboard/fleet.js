// The fleet: how many databases are at each version (GET /devices, where the coordinator serves
// its inventory; hidden where it does not), and one device's rollouts and timeline.

import {ApiError, getJson, segment} from './api.js';
import {el, field, setHidden, setText} from './dom.js';
import {bytes, count, percent, time, version} from './format.js';

const MATCHES = 40;

export class Fleet {
  constructor(section) {
    this.section = section;
    this.census = section.querySelector('#census');
    this.censusList = this.census.querySelector('ul');
    this.ids = section.querySelector('#device-ids');
    this.matches = section.querySelector('#device-matches');
    this.device = section.querySelector('#device');
    this.error = section.querySelector('[data-error]');
    this.query = section.querySelector('#device-query');
    this.inventory = [];
    section.querySelector('#device-search').addEventListener('submit', (submit) => {
      submit.preventDefault();
      this.show(this.query.value.trim());
    });
    this.query.addEventListener('input', () => this.drawMatches());
    this.matches.addEventListener('click', (click) => {
      const button = click.target.closest('button[data-device-id]');
      if (button) this.show(button.dataset.deviceId);
    });
  }

  /** Reads the inventory; while the coordinator does not serve it, the census stays hidden. */
  async refresh() {
    let answer;
    try {
      answer = await getJson('/devices');
    } catch (failure) {
      if (!(failure instanceof ApiError)) console.error(failure);
      setHidden(this.census, true);
      return;
    }
    this.inventory = answer.devices ?? [];
    this.drawCensus(answer.versions ?? []);
    this.ids.replaceChildren(...this.inventory.map((d) => el('option', {value: d.deviceId})));
    this.drawMatches();
  }

  drawCensus(versions) {
    const all = versions.reduce((sum, v) => sum + (v.devices ?? 0), 0);
    setHidden(this.census, versions.length === 0);
    this.censusList.replaceChildren(
      ...versions.map((v) =>
        el(
          'li',
          {dataset: {version: v.version ?? 'unknown'}},
          el('span', {}, v.version === null || v.version === undefined ? 'unknown' : version(v.version)),
          el('div', {className: 'progress'}, el('span', {style: `width: ${percent(v.devices, all)}%`})),
          el('span', {className: 'number', dataset: {devices: v.devices}}, count(v.devices)),
        ),
      ),
    );
  }

  drawMatches() {
    const text = this.query.value.trim().toLowerCase();
    const found = text
      ? this.inventory.filter((d) => d.deviceId.toLowerCase().includes(text)).slice(0, MATCHES)
      : [];
    this.matches.replaceChildren(
      ...found.map((d) =>
        el(
          'li',
          {},
          el(
            'button',
            {type: 'button', dataset: {deviceId: d.deviceId}, title: deviceTitle(d)},
            `${d.deviceId} ${version(d.version)}${d.stage ? ` · ${d.stage}` : ''}`,
          ),
        ),
      ),
    );
  }

  async show(deviceId) {
    if (!deviceId) return;
    setHidden(this.error, true);
    let detail;
    try {
      detail = await getJson(`/devices/${segment(deviceId)}`);
    } catch (failure) {
      setHidden(this.device, true);
      setHidden(this.error, false);
      setText(this.error, `${deviceId}: ${failure.message}`);
      return;
    }
    setHidden(this.device, false);
    this.device.dataset.deviceId = detail.deviceId;
    setText(field(this.device, 'deviceId'), detail.deviceId);
    setText(field(this.device, 'version'), `at ${version(detail.currentVersion)}`);
    this.device.querySelector('tbody').replaceChildren(
      ...(detail.rollouts ?? []).map((r) =>
        el(
          'tr',
          {},
          el('td', {}, r.rolloutId),
          el('td', {}, r.stage),
          el('td', {className: 'number'}, r.wave === null || r.wave === undefined ? '' : String(r.wave)),
          el('td', {}, version(r.version)),
          el('td', {}, r.backupId ?? ''),
          el('td', {}, (r.reasons ?? []).join('; ')),
        ),
      ),
    );
    this.device.querySelector('.timeline').replaceChildren(
      ...(detail.history ?? []).map((h) =>
        el(
          'li',
          {dataset: {result: String(h.result ?? '').toLowerCase()}},
          el('span', {className: 'when'}, time(h.occurredAt)),
          el('span', {className: 'what'}, [h.event, h.step, h.result].filter(Boolean).join(' · ')),
          el('span', {}, `${h.summary ?? ''}${h.version !== null && h.version !== undefined ? ` (${version(h.version)})` : ''}`),
          el('span', {className: 'detail'}, ` ${h.rolloutId}`),
        ),
      ),
    );
  }
}

function deviceTitle(d) {
  return [
    d.state,
    d.sizeBytes !== undefined && d.sizeBytes !== null ? bytes(d.sizeBytes) : null,
    d.groups?.length ? `groups: ${d.groups.join(', ')}` : null,
    d.activeRollout ? `in ${d.activeRollout}` : null,
    d.lastSeen ? `seen ${time(d.lastSeen)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
