import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql, testDatabaseUrl } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();
const year = new Date().getUTCFullYear();
const valueOf = (number: string) => Number(number.split('-')[2]);

// Order numbers need not be gap-free (invoice numbers must): they come from a PostgreSQL sequence per year, so
// concurrent orders never queue behind one locked row.
describe('order numbers', () => {
  it("numbers a year's first order 1, creating the year's sequence on first use", async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const first = await draftOrder(t.admin, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    expect(first.number).toBe(`SO-${year}-000001`);
    expect(await sql("select * from sales.number_sequence where name = 'order'")).toEqual([]);
  });

  it('numbers concurrent orders uniquely, and a later order above every earlier one', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const lines = [{ productId: products[0]!.id, quantity: 1 }];
    const concurrent = await Promise.all(Array.from({ length: 12 }, () => draftOrder(t.admin, customer.id, lines)));
    const numbers = concurrent.map((order) => order.number);
    expect(numbers.every((number) => new RegExp(`^SO-${year}-\\d{6}$`).test(number))).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    const later = await draftOrder(t.admin, customer.id, lines);
    expect(valueOf(later.number)).toBeGreaterThan(Math.max(...numbers.map(valueOf)));
  });

  it('numbers an order while another transaction holds an order number and the old sequence table', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const other = new pg.Client({ connectionString: testDatabaseUrl() });
    await other.connect();
    try {
      await other.query('begin');
      const [held] = (await other.query(`select nextval('sales.order_number_${year}') as value`)).rows as { value: string }[];
      await other.query('lock table sales.number_sequence in exclusive mode');
      const order = await Promise.race([
        draftOrder(t.admin, customer.id, [{ productId: products[0]!.id, quantity: 1 }]),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('createOrder waited for another transaction')), 5_000)),
      ]);
      expect(valueOf(order.number)).toBeGreaterThan(Number(held!.value));
    } finally {
      await other.query('rollback');
      await other.end();
    }
  });
});
