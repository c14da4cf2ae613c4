import { describe, expect, it } from 'vitest';
import { callBoundsFromEnvironment, DEFAULT_DEADLINE_MS, DEFAULT_PEER_DEADLINE_MS, deadlineFor } from './call-bounds.js';

describe('call bounds from the environment', () => {
  it('gives each subgraph its own deadline, else the common one, else the default of the caller', () => {
    const bounds = callBoundsFromEnvironment({ SUBGRAPH_DEADLINE_MS: '3000', BILLING_SUBGRAPH_DEADLINE_MS: '30000', CIRCUIT_OPEN_MS: '500' });
    expect(deadlineFor(bounds, 'billing')).toBe(30_000);
    expect(deadlineFor(bounds, 'crm')).toBe(3_000);
    expect(bounds.circuit).toEqual({ failureThreshold: undefined, openMs: 500 });
    expect(deadlineFor(callBoundsFromEnvironment({}), 'crm')).toBe(DEFAULT_DEADLINE_MS);
    expect(deadlineFor(callBoundsFromEnvironment({}), 'crm', DEFAULT_PEER_DEADLINE_MS)).toBe(DEFAULT_PEER_DEADLINE_MS);
  });

  it('refuses a value that is not a whole number of at least 1, naming the variable', () => {
    expect(() => callBoundsFromEnvironment({ SUBGRAPH_DEADLINE_MS: '1.5s' })).toThrow(/SUBGRAPH_DEADLINE_MS/);
    expect(() => callBoundsFromEnvironment({ CRM_SUBGRAPH_DEADLINE_MS: '0' })).toThrow(/CRM_SUBGRAPH_DEADLINE_MS/);
    expect(() => callBoundsFromEnvironment({ CIRCUIT_FAILURE_THRESHOLD: '-1' })).toThrow(/CIRCUIT_FAILURE_THRESHOLD/);
  });
});
