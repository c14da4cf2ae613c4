import { describe, expect, it } from 'vitest';
import { readCredentials } from './use-auth.js';

describe('credentials a request carries', () => {
  it('reads a Bearer token as a JWT, and as an API key when it is one', () => {
    expect(readCredentials({ authorization: 'Bearer eyJ.a.b' })).toEqual({ bearer: 'eyJ.a.b', apiKey: undefined });
    expect(readCredentials({ authorization: 'bearer  erp_abc ' })).toEqual({ apiKey: 'erp_abc' });
  });

  it('reads x-api-key, the first of repeated headers, and nothing from other schemes', () => {
    expect(readCredentials({ 'x-api-key': ' erp_k ' })).toEqual({ bearer: undefined, apiKey: 'erp_k' });
    expect(readCredentials({ 'x-api-key': ['erp_1', 'erp_2'] })).toEqual({ bearer: undefined, apiKey: 'erp_1' });
    expect(readCredentials({ authorization: 'Basic dTpw' })).toEqual({ bearer: undefined, apiKey: undefined });
  });
});
