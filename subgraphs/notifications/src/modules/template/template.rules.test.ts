import { describe, expect, it } from 'vitest';
import { assertValidTemplate, normalizeTemplateKey, renderTemplate } from './template.rules.js';

describe('template rules', () => {
  it('renders placeholders, filters and loops with the data', async () => {
    expect(await renderTemplate('Hello {{ customer.name | upcase }}', { customer: { name: 'Ada' } }, 'body')).toBe('Hello ADA');
    expect(await renderTemplate('{% for l in lines %}{{ l.sku }} {% endfor %}', { lines: [{ sku: 'A' }, { sku: 'B' }] }, 'body')).toBe('A B ');
  });

  it('renders a placeholder without data as empty', async () => {
    expect(await renderTemplate('Order {{ order.number }}.', {}, 'subject')).toBe('Order .');
  });

  it('refuses invalid Liquid as bad input naming the field', () => {
    expect(() => assertValidTemplate('Hi {{ name', 'body')).toThrow(/body is not a valid Liquid template/);
    expect(() => assertValidTemplate('{% if %}x', 'subject')).toThrow(/subject is not a valid Liquid template/);
    expect(assertValidTemplate('Hi {{ name }}', 'body')).toBe('Hi {{ name }}');
  });

  it('refuses unknown filters instead of silently ignoring them', async () => {
    await expect(renderTemplate('{{ name | shout }}', { name: 'x' }, 'body')).rejects.toThrow(/body could not be rendered/);
  });

  it('reads no files: includes resolve against nothing', async () => {
    await expect(renderTemplate("{% include '/etc/passwd' %}", {}, 'body')).rejects.toThrow(/could not be rendered/);
    await expect(renderTemplate("{% render 'package.json' %}", {}, 'body')).rejects.toThrow(/could not be rendered/);
  });

  it('does not walk prototypes of the data', async () => {
    expect(await renderTemplate('{{ data.constructor }}{{ data.toString }}', { data: {} }, 'body')).toBe('');
  });

  it('accepts keys such as order.confirmed and refuses others', () => {
    expect(normalizeTemplateKey(' order.confirmed ')).toBe('order.confirmed');
    expect(normalizeTemplateKey('invoice-reminder_2')).toBe('invoice-reminder_2');
    for (const bad of ['', 'Order.Confirmed', 'order..confirmed', '.order', 'order confirmed', 'a'.repeat(101)]) {
      expect(() => normalizeTemplateKey(bad), bad).toThrow(/key must be/);
    }
  });
});
