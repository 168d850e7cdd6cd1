/**
 * How long a medical approval holds (APPROVAL_VALIDITY): calendar years and months, then a fixed
 * number of seconds (weeks, days, hours…). "P1Y" from 29 February lands on 28 February, as a
 * calendar would have it.
 */
export interface ApprovalValidity {
  years: number;
  months: number;
  seconds: number;
}

/** The moment an approval given at `approvedAt` (epoch ms) stops holding. */
export function reviewDueAt(approvedAt: number, validity: ApprovalValidity): number {
  const at = new Date(approvedAt);
  const day = at.getUTCDate();
  at.setUTCDate(1);
  at.setUTCMonth(at.getUTCMonth() + validity.years * 12 + validity.months);
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
  at.setUTCDate(Math.min(day, lastDay));
  return at.getTime() + Math.round(validity.seconds * 1000);
}
