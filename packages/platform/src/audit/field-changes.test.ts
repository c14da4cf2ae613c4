import { describe, expect, it } from 'vitest';
import { auditValue, fieldChanges } from './field-changes.js';
import { isSecretProperty, NotAudited, Secret, isAuditedEntity } from './secret-fields.js';

const noSecrets = () => false;

describe('fieldChanges', () => {
  it('lists only the fields that changed, with their values before and after', () => {
    const before = { name: 'Acme', email: 'a@acme.test', phone: null, tags: ['b2b'] };
    const after = { name: 'Acme Ltd', email: 'a@acme.test', phone: '+44 1', tags: ['b2b'] };
    expect(fieldChanges(before, after, ['name', 'email', 'phone', 'tags'], noSecrets)).toEqual([
      { field: 'name', before: 'Acme', after: 'Acme Ltd' },
      { field: 'phone', before: null, after: '+44 1' },
    ]);
  });

  it('lists the non-empty fields of a created record and of a deleted one', () => {
    const row = { id: 'c1', name: 'Acme', phone: null, tags: [] as string[], total: 1250n };
    expect(fieldChanges(null, row, ['id', 'name', 'phone', 'tags', 'total'], noSecrets)).toEqual([
      { field: 'id', before: null, after: 'c1' },
      { field: 'name', before: null, after: 'Acme' },
      { field: 'total', before: null, after: '1250' },
    ]);
    expect(fieldChanges(row, null, ['name', 'phone'], noSecrets)).toEqual([{ field: 'name', before: 'Acme', after: null }]);
  });

  it('says a secret changed without keeping either value', () => {
    const changes = fieldChanges({ passwordHash: '$argon2id$old', name: 'A' }, { passwordHash: '$argon2id$new', name: 'A' }, ['passwordHash', 'name'], (f) => f === 'passwordHash');
    expect(changes).toEqual([{ field: 'passwordHash', before: null, after: null, redacted: true }]);
    expect(JSON.stringify(changes)).not.toContain('argon2id');
  });

  it('leaves out a secret that did not change, and redacts one set at creation', () => {
    const isSecret = (f: string) => f === 'keyHash';
    expect(fieldChanges({ keyHash: 'h', name: 'a' }, { keyHash: 'h', name: 'b' }, ['keyHash', 'name'], isSecret)).toEqual([
      { field: 'name', before: 'a', after: 'b' },
    ]);
    expect(fieldChanges(null, { keyHash: 'h' }, ['keyHash'], isSecret)).toEqual([{ field: 'keyHash', before: null, after: null, redacted: true }]);
  });

  it('does not take a JSON value whose keys came back in another order for a change', () => {
    const before = { address: { line1: '1 Main St', city: 'Leeds', country: 'GB' } };
    const after = { address: { country: 'GB', city: 'Leeds', line1: '1 Main St' } };
    expect(fieldChanges(before, after, ['address'], noSecrets)).toEqual([]);
    expect(fieldChanges(before, { address: { ...after.address, city: 'York' } }, ['address'], noSecrets)).toEqual([
      { field: 'address', before: before.address, after: { country: 'GB', city: 'York', line1: '1 Main St' } },
    ]);
  });

  it('compares dates by instant and money by its minor units', () => {
    const at = '2026-12-01T10:00:00.000Z';
    expect(fieldChanges({ placedAt: new Date(at), totalMinor: 100n }, { placedAt: new Date(at), totalMinor: 100n }, ['placedAt', 'totalMinor'], noSecrets)).toEqual([]);
    expect(fieldChanges({ placedAt: null }, { placedAt: new Date(at) }, ['placedAt'], noSecrets)).toEqual([{ field: 'placedAt', before: null, after: at }]);
  });
});

describe('auditValue', () => {
  it('turns what an entity holds into JSON', () => {
    expect(auditValue(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(auditValue(12345678901234567890n)).toBe('12345678901234567890');
    expect(auditValue({ a: [1, undefined, 2n], b: undefined, c: () => 1 })).toEqual({ a: [1, null, '2'] });
    expect(auditValue(Number.NaN)).toBe('NaN');
  });
});

describe('secret declarations', () => {
  class Account {
    pin = '1234';
    name = 'a';
  }
  Secret()(Account.prototype, 'pin');
  class Ledger {}
  NotAudited()(Ledger);
  class SubAccount extends Account {}

  it('redacts a declared property, also on a subclass, and any property named like a secret', () => {
    expect(isSecretProperty(Account, 'pin')).toBe(true);
    expect(isSecretProperty(SubAccount, 'pin')).toBe(true);
    expect(isSecretProperty(Account, 'name')).toBe(false);
    for (const name of ['passwordHash', 'keyHash', 'secret', 'refreshToken', 'privateKeyPem', 'credentials']) {
      expect(isSecretProperty(Account, name), name).toBe(true);
    }
  });

  it('knows which entities are left out of the trail', () => {
    expect(isAuditedEntity(Ledger)).toBe(false);
    expect(isAuditedEntity(Account)).toBe(true);
  });
});
