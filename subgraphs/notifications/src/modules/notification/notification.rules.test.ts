import { describe, expect, it } from 'vitest';
import { assertMessageShape, assertTemplateData, normalizePhone, normalizeRecipient, normalizeWebhookUrl, recipientUserId } from './notification.rules.js';

const USER = '6f1c2b7e-8a4d-4c1e-9b3a-2d5e7f9a1c3b';

describe('recipient rules', () => {
  it('normalizes email addresses and refuses what is not one', () => {
    expect(normalizeRecipient('EMAIL', ' Ada@Example.COM ')).toBe('ada@example.com');
    for (const bad of ['ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com']) expect(() => normalizeRecipient('EMAIL', bad), bad).toThrow(/valid email/);
  });

  it('takes phone numbers in international form, dropping what people type between digits', () => {
    expect(normalizePhone('+49 (30) 123-456.78')).toBe('+493012345678');
    for (const bad of ['030123456', '+0 30 123456', '+49', '+49 30 1234 5678 9012 3', 'call me']) expect(() => normalizePhone(bad), bad).toThrow(/international form/);
  });

  it('takes absolute http(s) webhook URLs without credentials', () => {
    expect(normalizeWebhookUrl(' https://partner.example/hooks?x=1 ')).toBe('https://partner.example/hooks?x=1');
    expect(normalizeWebhookUrl('http://127.0.0.1:8080/in')).toBe('http://127.0.0.1:8080/in');
    expect(() => normalizeWebhookUrl('ftp://partner.example/hooks')).toThrow(/http\(s\) URL/);
    expect(() => normalizeWebhookUrl('/hooks')).toThrow(/absolute/);
    expect(() => normalizeWebhookUrl('https://user:secret@partner.example/hooks')).toThrow(/credentials/);
    expect(() => normalizeWebhookUrl(`https://partner.example/${'a'.repeat(2100)}`)).toThrow(/at most/);
  });

  it('addresses IN_APP and PUSH to a user id', () => {
    expect(normalizeRecipient('IN_APP', USER.toUpperCase())).toBe(USER);
    expect(recipientUserId('PUSH', USER)).toBe(USER);
    expect(recipientUserId('EMAIL', 'ada@example.com')).toBeNull();
    expect(() => normalizeRecipient('PUSH', 'ada')).toThrow(/id of a user for PUSH/);
  });

  it('refuses with BAD_USER_INPUT naming the field', () => {
    try {
      normalizeRecipient('SMS', 'nope');
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    }
  });
});

describe('message rules', () => {
  it('needs a body on every channel and a subject for EMAIL', () => {
    expect(() => assertMessageShape('SMS', { subject: null, body: '  ' })).toThrow(/no body/);
    expect(() => assertMessageShape('EMAIL', { subject: null, body: 'Hi' })).toThrow(/needs a subject/);
    expect(() => assertMessageShape('EMAIL', { subject: 'x'.repeat(301), body: 'Hi' })).toThrow(/at most 300/);
    expect(() => assertMessageShape('SMS', { subject: null, body: 'Hi' })).not.toThrow();
  });

  it('takes template data as a bounded JSON object', () => {
    expect(assertTemplateData(undefined)).toEqual({});
    expect(assertTemplateData({ a: 1 })).toEqual({ a: 1 });
    expect(() => assertTemplateData([1, 2])).toThrow(/JSON object/);
    expect(() => assertTemplateData({ big: 'x'.repeat(70_000) })).toThrow(/at most/);
  });
});
