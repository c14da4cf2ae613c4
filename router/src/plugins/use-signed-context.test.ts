import { createLogger, verifyContext, type Caller } from '@erp/platform';
import { describe, expect, it } from 'vitest';
import { useSignedContext } from './use-signed-context.js';

const caller: Caller = { kind: 'user', userId: 'u-1', roles: ['sales'] };

describe('the router context', () => {
  const contextFor = useSignedContext({ routerSecret: 'a-secret', log: createLogger('router-test') });

  it('signs the caller for this request alone', () => {
    const context = contextFor(caller, 'request-0001');
    expect(context).toMatchObject({ requestId: 'request-0001', caller });
    expect(verifyContext(context.signedContext, 'request-0001', 'a-secret')).toMatchObject({ ok: true, context: { caller, requestId: 'request-0001' } });
    expect(verifyContext(context.signedContext, 'request-0002', 'a-secret').ok).toBe(false);
    expect(verifyContext(context.signedContext, 'request-0001', 'another-secret').ok).toBe(false);
  });

  it('logs with the request id', () => {
    const context = contextFor(caller, 'request-0003');
    expect(context.log.bindings()).toMatchObject({ requestId: 'request-0003' });
    expect(context.log).toBe(context.log);
  });

  it('keys fetch sharing by caller, not by request', () => {
    expect(contextFor(caller, 'request-0001').callerKey).toBe(contextFor({ ...caller }, 'request-0002').callerKey);
    expect(contextFor(caller, 'request-0001').callerKey).not.toBe(contextFor(null, 'request-0001').callerKey);
  });
});
