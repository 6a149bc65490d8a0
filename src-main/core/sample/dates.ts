/**
 * Calendar dates as day numbers (days since 1970-01-01), formatted YYYY-MM-DD.
 *
 * Day numbers make date-order rules plain arithmetic, and the hand-written conversion is
 * much faster than `Date` when a file has tens of millions of rows.
 */

/** Earliest generated clinical date: the start of the combination-therapy era. */
export const FIRST_DAY = isoToDay('1996-01-01');
/**
 * Latest generated date. Fixed, not "today": the same seed must give the same bytes on any
 * day, and a fixed past date can never become a future date.
 */
export const LAST_DAY = isoToDay('2024-12-31');

/** `YYYY-MM-DD` of a day number (proleptic Gregorian; H. Hinnant's civil_from_days). */
export function dayToIso(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Day number of a real `YYYY-MM-DD` date, or null (wrong form, or a day that does not exist). */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2021-02-30 over to March: a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return null;
  return Math.round(ms / 86_400_000);
}

/** Day number of a date known to be valid (constants). */
export function isoToDay(text: string): number {
  const day = parseIsoDay(text);
  if (day === null) throw new Error(`not a date: ${text}`);
  return day;
}
