// How numbers, sizes, durations and times read on the page. Pure.

const integer = new Intl.NumberFormat('en');

export function count(n) {
  return integer.format(n ?? 0);
}

export function bytes(n) {
  if (n === null || n === undefined) return '–';
  const sign = n < 0 ? '−' : '';
  let value = Math.abs(n);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${sign}${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function signedBytes(n) {
  return n > 0 ? `+${bytes(n)}` : bytes(n);
}

export function millis(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** An ISO instant as local "2026-11-22 10:15:30": the same reading in every locale. */
export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} `
    + `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}

export function percent(part, whole) {
  return whole > 0 ? Math.round((100 * part) / whole) : 0;
}

/** A version as the API writes it: a number, or a text such as "2.1". */
export function version(v) {
  return v === null || v === undefined ? '–' : `v${v}`;
}

/**
 * What a rollout does: its set and target, or, for a rollout without a set (an operator's restore,
 * or a request rejected before its set was read), what it is.
 */
export function purpose(r) {
  if (r.migrationSet) return `${r.migrationSet} → ${version(r.targetVersion)}`;
  return r.status === 'REJECTED' ? 'rejected request' : 'restore from a backup';
}
