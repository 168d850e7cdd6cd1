/** A text that is not a fixed-length ISO-8601 duration; the message says why, for a one-line ConfigError. */
export class DurationSyntaxError extends Error {
  override readonly name = 'DurationSyntaxError';
}

const UNITS = [
  { designator: 'W', seconds: 7 * 86_400 },
  { designator: 'D', seconds: 86_400 },
  { designator: 'H', seconds: 3_600 },
  { designator: 'M', seconds: 60 },
  { designator: 'S', seconds: 1 },
] as const;

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
/** PnWnDTnHnMnS, each part optional; the time parts only after the T. */
const DURATION = new RegExp(`^P(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`);

/**
 * The length in seconds of an ISO-8601 duration made of weeks, days, hours, minutes and seconds:
 * `PT24H`, `P1DT12H`, `PT90M`, `PT0.5S`. Years and months are refused rather than guessed at: their
 * length depends on the date they start from, and a limit must be the same number of seconds every
 * day. As ISO-8601 says, only the smallest part given may have a fraction (`PT1.5H`, not `PT1.5H30M`).
 */
export function parseIsoDuration(text: string): number {
  const match = DURATION.exec(text);
  if (!match) {
    if (/^P[^T]*[YM]/.test(text)) {
      throw new DurationSyntaxError(`has years or months, whose length varies; give days instead (P30D), not "${text}"`);
    }
    throw new DurationSyntaxError(`must be an ISO-8601 duration such as PT24H, P1DT12H or PT30M, not "${text}"`);
  }
  const parts = match.slice(1);
  const given = parts.flatMap((part, index) => (part === undefined ? [] : [index]));
  if (given.length === 0 || text.endsWith('T')) {
    throw new DurationSyntaxError(`must name at least one amount after P (and after T, when there is one), not "${text}"`);
  }
  const fractional = given.filter((index) => /[.,]/.test(parts[index] as string));
  if (fractional.some((index) => index !== given[given.length - 1])) {
    throw new DurationSyntaxError(`may have a fraction only in its last part, not "${text}"`);
  }
  return given.reduce((total, index) => total + Number((parts[index] as string).replace(',', '.')) * UNITS[index].seconds, 0);
}

/** Seconds as an ISO-8601 duration in hours, minutes and seconds ("PT24H", "PT1M30S"), for messages. */
export function formatIsoDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = Math.round((seconds % 60) * 1_000) / 1_000;
  const text = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${rest ? `${rest}S` : ''}`;
  return `PT${text || '0S'}`;
}
