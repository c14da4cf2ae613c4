/**
 * When a failed webhook is tried again: the first retries within seconds (a blip), then ever longer (an endpoint
 * being fixed or deployed), for more than a day in all (an outage over a night). The wait after the n-th failed try
 * is the n-th entry; there are as many tries as entries plus one.
 */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  5_000, 30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000, 2 * 3_600_000, 4 * 3_600_000, 8 * 3_600_000, 10 * 3_600_000,
];

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_RETRIES = 50;

/** `5s,30s,2m,10m,1h` (units ms, s, m, h, d) into milliseconds; throws on anything else. */
export function parseRetrySchedule(text: string): number[] {
  const delays = text.split(',').map((part) => {
    const match = /^\s*(\d+)\s*(ms|s|m|h|d)\s*$/.exec(part);
    if (!match) throw new Error(`WEBHOOK_RETRY_SCHEDULE: "${part.trim()}" is not a duration such as 30s, 10m or 2h.`);
    return Number(match[1]) * UNIT_MS[match[2]!]!;
  });
  return checkedSchedule(delays);
}

export function checkedSchedule(delays: readonly number[]): number[] {
  if (delays.length === 0 || delays.length > MAX_RETRIES) throw new Error(`A webhook retry schedule has 1 to ${MAX_RETRIES} waits.`);
  if (delays.some((delay) => !Number.isInteger(delay) || delay < 0)) throw new Error('A webhook retry schedule has whole, non-negative milliseconds.');
  return [...delays];
}

/** Tries in all: the first, and one after each wait. */
export function attemptsOf(schedule: readonly number[]): number {
  return schedule.length + 1;
}

/** The wait after the `attempt`-th failed try; past the schedule's end, its last entry. */
export function retryDelay(schedule: readonly number[], attempt: number): number {
  return schedule[Math.min(Math.max(attempt, 1), schedule.length) - 1]!;
}

/** From the first try to the last. */
export function retryWindowMs(schedule: readonly number[]): number {
  return schedule.reduce((sum, delay) => sum + delay, 0);
}
