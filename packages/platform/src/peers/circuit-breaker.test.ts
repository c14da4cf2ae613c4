import { describe, expect, it } from 'vitest';
import { DomainError, SubgraphUnavailableError } from '../errors.js';
import { CircuitBreaker, CircuitBreakers } from './circuit-breaker.js';

function clock() {
  let at = 1_000_000;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

const outage = () => Promise.reject(new SubgraphUnavailableError('crm', 'ECONNREFUSED'));
const refusal = () => Promise.reject(new DomainError('FORBIDDEN', 'no'));
const ok = () => Promise.resolve('ok');

async function failsWith(run: Promise<unknown>): Promise<string> {
  const error = (await run.then(() => null, (caught: unknown) => caught)) as DomainError | null;
  expect(error).toBeInstanceOf(DomainError);
  return error!.message;
}

describe('CircuitBreaker', () => {
  it('opens after the threshold of outages in a row, and then fails calls without making them', async () => {
    const time = clock();
    const breaker = new CircuitBreaker('crm', { failureThreshold: 3, openMs: 1_000, now: time.now });
    for (let i = 0; i < 3; i++) await failsWith(breaker.run(outage));
    expect(breaker.state).toBe('open');
    let called = false;
    const message = await failsWith(
      breaker.run(async () => {
        called = true;
        return 'ok';
      }),
    );
    expect(called).toBe(false);
    expect(message).toContain('failing fast');
    expect(message).toContain('crm');
  });

  it('counts only outages, and only in a row', async () => {
    const breaker = new CircuitBreaker('crm', { failureThreshold: 3 });
    await failsWith(breaker.run(outage));
    await failsWith(breaker.run(outage));
    await failsWith(breaker.run(refusal));
    await failsWith(breaker.run(outage));
    await failsWith(breaker.run(outage));
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(ok)).resolves.toBe('ok');
  });

  it('lets one probe through once the open time is over: its success closes the circuit', async () => {
    const time = clock();
    const breaker = new CircuitBreaker('crm', { failureThreshold: 1, openMs: 1_000, now: time.now });
    await failsWith(breaker.run(outage));
    time.advance(999);
    await failsWith(breaker.run(ok));
    time.advance(1);
    expect(breaker.state).toBe('half-open');
    let release: (value: string) => void = () => undefined;
    const probe = breaker.run(() => new Promise<string>((resolve) => (release = resolve)));
    // While the probe is out, the others still fail fast.
    await failsWith(breaker.run(ok));
    release('back');
    await expect(probe).resolves.toBe('back');
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(ok)).resolves.toBe('ok');
  });

  it('opens again for another period when the probe fails', async () => {
    const time = clock();
    const breaker = new CircuitBreaker('crm', { failureThreshold: 2, openMs: 1_000, now: time.now });
    await failsWith(breaker.run(outage));
    await failsWith(breaker.run(outage));
    time.advance(1_000);
    await failsWith(breaker.run(outage));
    expect(breaker.state).toBe('open');
    time.advance(500);
    await failsWith(breaker.run(ok));
    time.advance(500);
    await expect(breaker.run(ok)).resolves.toBe('ok');
  });

  it('keeps one breaker per service', async () => {
    const breakers = new CircuitBreakers({ failureThreshold: 1 });
    await failsWith(breakers.for('crm').run(outage));
    await expect(breakers.for('catalog').run(ok)).resolves.toBe('ok');
    expect(breakers.states()).toEqual({ crm: 'open', catalog: 'closed' });
  });
});
