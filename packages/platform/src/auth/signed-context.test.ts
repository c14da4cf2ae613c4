import { describe, expect, it } from 'vitest';
import { signContext, verifyContext } from './signed-context.js';

const caller = { kind: 'user', userId: 'u1', roles: ['sales'] } as const;
const secret = 'test-secret';

describe('signed router context', () => {
  it('round-trips the caller for the same request', () => {
    const header = signContext({ caller: { ...caller, roles: ['sales'] }, requestId: 'r1' }, secret);
    const result = verifyContext(header, 'r1', secret);
    expect(result.ok && result.context.caller).toEqual(caller);
  });
  it('refuses a header replayed for another request', () => {
    const header = signContext({ caller: null, requestId: 'r1' }, secret);
    expect(verifyContext(header, 'r2', secret)).toEqual({ ok: false, reason: 'router signature is for another request' });
  });
  it('refuses an expired header', () => {
    const header = signContext({ caller: null, requestId: 'r1' }, secret, Date.now() - 120_000);
    expect(verifyContext(header, 'r1', secret)).toMatchObject({ ok: false, reason: 'expired router signature' });
  });
  it('refuses a tampered caller or a wrong secret', () => {
    const header = signContext({ caller: { ...caller, roles: ['sales'] }, requestId: 'r1' }, secret);
    const [payload, sig] = header.split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('sales', 'admin')).toString('base64url');
    expect(verifyContext(`${forged}.${sig}`, 'r1', secret).ok).toBe(false);
    expect(verifyContext(header, 'r1', 'other').ok).toBe(false);
    expect(verifyContext(undefined, 'r1', secret)).toMatchObject({ ok: false, reason: 'missing router signature' });
  });
});

describe('signed router context, checked once per header', () => {
  it('answers a header seen before with the same frozen context, and still checks request id and expiry', () => {
    const now = Date.now();
    const header = signContext({ caller: { ...caller, roles: ['sales'] }, requestId: 'r9' }, secret, now);
    const first = verifyContext(header, 'r9', secret, now);
    const again = verifyContext(header, 'r9', secret, now);
    expect(first.ok && again.ok && again.context === first.context).toBe(true);
    expect(first.ok && Object.isFrozen(first.context.caller)).toBe(true);
    expect(verifyContext(header, 'r10', secret, now)).toEqual({ ok: false, reason: 'router signature is for another request' });
    expect(verifyContext(header, 'r9', secret, now + 120_000)).toMatchObject({ ok: false, reason: 'expired router signature' });
  });
  it('does not let a verified header vouch for another secret or a forged twin', () => {
    const header = signContext({ caller: { ...caller, roles: ['sales'] }, requestId: 'r11' }, secret);
    expect(verifyContext(header, 'r11', secret).ok).toBe(true);
    expect(verifyContext(header, 'r11', 'other')).toEqual({ ok: false, reason: 'bad router signature' });
    const [payload, sig] = header.split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('sales', 'admin')).toString('base64url');
    expect(verifyContext(`${forged}.${sig}`, 'r11', secret)).toEqual({ ok: false, reason: 'bad router signature' });
  });
});
