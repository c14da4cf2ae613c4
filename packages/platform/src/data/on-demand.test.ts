import { describe, expect, it } from 'vitest';
import { onDemand } from './on-demand.js';

describe('onDemand', () => {
  it('computes nothing until awaited, then once however often awaited', async () => {
    let runs = 0;
    const value = onDemand(async () => (runs += 1));
    expect(runs).toBe(0);
    expect(await value).toBe(1);
    expect(await value).toBe(1);
    expect(runs).toBe(1);
  });
  it('hands a failure to every awaiter', async () => {
    const value = onDemand(() => Promise.reject(new Error('down')));
    await expect(Promise.resolve(value)).rejects.toThrow('down');
    await expect(Promise.resolve(value)).rejects.toThrow('down');
  });
});
