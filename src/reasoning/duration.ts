/**
 * Durations as the script language writes them: `30s`, `5m`, `2h`, `1d`,
 * `250ms`, several of them run together (`1h30m`), or a plain number of
 * milliseconds.
 *
 * @packageDocumentation
 */
import { option as O } from 'fp-ts';

const UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
] as const;

const unitMs: Readonly<Record<string, number>> = Object.fromEntries(UNITS);

const PART = /(\d{1,16})(ms|d|h|m|s)/y;

/**
 * Reads a duration token: a whole number of milliseconds (`1500`), or one or
 * more whole numbers each followed by a unit `d`, `h`, `m`, `s` or `ms`, from
 * the largest unit to the smallest and each unit once (`90s`, `1h30m`,
 * `2m500ms`). Anything else, or a sum beyond `Number.MAX_SAFE_INTEGER`, is
 * `none`.
 *
 * @example
 * import { parseDuration } from 'credential-lifecycle';
 * parseDuration('60s'); // some(60000)
 * parseDuration('1h30m'); // some(5400000)
 * parseDuration('250'); // some(250)
 * parseDuration('30m1h'); // none (units from the largest to the smallest)
 * parseDuration('1.5h'); // none
 */
export const parseDuration = (text: string): O.Option<number> => {
  if (/^\d{1,16}$/.test(text)) {
    const ms = Number(text);
    return Number.isSafeInteger(ms) ? O.some(ms) : O.none;
  }
  let total = 0;
  let position = 0;
  let smallest = Number.POSITIVE_INFINITY;
  while (position < text.length) {
    PART.lastIndex = position;
    const match = PART.exec(text);
    if (match === null) return O.none;
    const size = unitMs[match[2] ?? ''] ?? 0;
    if (size >= smallest) return O.none;
    smallest = size;
    total += Number(match[1]) * size;
    position = PART.lastIndex;
  }
  return position > 0 && Number.isSafeInteger(total) ? O.some(total) : O.none;
};

/**
 * Writes a duration in milliseconds as the shortest token {@link parseDuration}
 * reads back: each unit from days down to milliseconds that has a part, `0s`
 * for zero. Negative or fractional values are written as plain numbers.
 *
 * @example
 * import { formatDuration } from 'credential-lifecycle';
 * formatDuration(60_000); // '1m'
 * formatDuration(5_400_000); // '1h30m'
 * formatDuration(1_500); // '1s500ms'
 * formatDuration(0); // '0s'
 */
export const formatDuration = (ms: number): string => {
  if (!Number.isSafeInteger(ms) || ms < 0) return String(ms);
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
};
