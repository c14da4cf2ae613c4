import { describe, expect, it } from 'vitest';
import { attemptsOf, checkedSchedule, DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule, retryDelay, retryWindowMs } from './retry-schedule.js';

describe('the webhook retry schedule', () => {
  it('retries first within seconds, then ever longer, for at least 24 hours in all', () => {
    expect(retryDelay(DEFAULT_RETRY_SCHEDULE_MS, 1)).toBeLessThanOrEqual(10_000);
    expect(retryDelay(DEFAULT_RETRY_SCHEDULE_MS, 2)).toBeLessThanOrEqual(60_000);
    for (let attempt = 2; attempt <= DEFAULT_RETRY_SCHEDULE_MS.length; attempt++) {
      expect(retryDelay(DEFAULT_RETRY_SCHEDULE_MS, attempt)).toBeGreaterThan(retryDelay(DEFAULT_RETRY_SCHEDULE_MS, attempt - 1));
    }
    expect(retryWindowMs(DEFAULT_RETRY_SCHEDULE_MS)).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(attemptsOf(DEFAULT_RETRY_SCHEDULE_MS)).toBe(DEFAULT_RETRY_SCHEDULE_MS.length + 1);
  });

  it('keeps the last wait for tries past the end of the schedule', () => {
    expect(retryDelay([100, 200], 2)).toBe(200);
    expect(retryDelay([100, 200], 7)).toBe(200);
  });

  it('reads WEBHOOK_RETRY_SCHEDULE durations and refuses anything else', () => {
    expect(parseRetrySchedule('500ms, 5s,2m,1h,1d')).toEqual([500, 5_000, 120_000, 3_600_000, 86_400_000]);
    expect(() => parseRetrySchedule('5s,soon')).toThrow(/"soon"/);
    expect(() => parseRetrySchedule('')).toThrow();
    expect(() => parseRetrySchedule('-5s')).toThrow();
    expect(() => checkedSchedule([])).toThrow();
    expect(() => checkedSchedule([1.5])).toThrow();
  });
});
