// Stacked bars and legends of devices by stage group, shared by the rollout and its waves.

import {el, setAttr, setText} from './dom.js';
import {count, percent} from './format.js';
import {GROUPS, grouped, total} from './stages.js';

/** Fills (once) and updates a stacked bar: one segment per group, as wide as its share. */
export function drawStacked(bar, byStage) {
  if (bar.childElementCount !== GROUPS.length) {
    bar.replaceChildren(...GROUPS.map((g) => el('span', {dataset: {group: g.key}})));
  }
  const groups = grouped(byStage);
  const all = total(byStage);
  GROUPS.forEach((group, i) => {
    const segment = bar.children[i];
    const share = all > 0 ? (100 * groups[group.key]) / all : 0;
    const width = `${share.toFixed(3)}%`;
    if (segment.style.width !== width) segment.style.width = width;
    setAttr(segment, 'title', `${group.label}: ${count(groups[group.key])} (${percent(groups[group.key], all)} %)`);
  });
}

/** A legend item per group with its count, data-count="<group>" holding the number. */
export function drawLegend(list, byStage) {
  if (list.childElementCount !== GROUPS.length) {
    list.replaceChildren(
      ...GROUPS.map((g) =>
        el(
          'li',
          {dataset: {group: g.key}},
          el('span', {className: 'count', dataset: {count: g.key}}),
          el('span', {}, g.label),
        ),
      ),
    );
  }
  const groups = grouped(byStage);
  GROUPS.forEach((group, i) => {
    const item = list.children[i];
    setAttr(item, 'data-value', groups[group.key]);
    setText(item.firstChild, count(groups[group.key]));
  });
}
