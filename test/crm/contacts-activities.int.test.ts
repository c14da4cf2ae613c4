import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { useTestPlatform } from '../support/platform.js';
import {
  ActivitiesDocument,
  CreateContactDocument,
  CreateCustomerDocument,
  CreateLeadDocument,
  CustomerContactsAndActivitiesDocument,
  CustomerContactsDocument,
  LogActivityDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;
let salesUserId: string;

beforeAll(async () => {
  ({ client: sales, id: salesUserId } = await t.userWith(['sales']));
});

async function customer(name = `Contacted ${randomUUID().slice(0, 8)}`) {
  return (await sales.data(CreateCustomerDocument, { input: { name } })).createCustomer;
}

const at = (minutesAgo: number) => new Date(Date.parse('2026-06-01T12:00:00Z') - minutesAgo * 60_000).toISOString();

describe('a customer’s contacts', () => {
  it('come primary first, then by last name', async () => {
    const { id } = await customer();
    for (const [firstName, lastName] of [['Zoe', 'Young'], ['Adam', 'Baker'], ['Mia', 'Adams']] as const) {
      await sales.data(CreateContactDocument, { input: { customerId: id, firstName, lastName, email: `${firstName.toLowerCase()}@contact.test` } });
    }
    await sales.data(CreateContactDocument, { input: { customerId: id, firstName: 'Pia', lastName: 'Primary', isPrimary: true } });
    const read = (await sales.data(CustomerContactsAndActivitiesDocument, { id, first: 5 })).customer;
    expect(read.contacts.map((c) => [c.lastName, c.isPrimary])).toEqual([
      ['Primary', true],
      ['Adams', false],
      ['Baker', false],
      ['Young', false],
    ]);
    expect(read.contacts[1]).toMatchObject({ firstName: 'Mia', email: 'mia@contact.test' });
  });

  it('are seen by a customer-portal user on its own customer only', async () => {
    const own = await customer();
    const other = await customer();
    await sales.data(CreateContactDocument, { input: { customerId: own.id, firstName: 'Own', lastName: 'Contact' } });
    await sales.data(CreateContactDocument, { input: { customerId: other.id, firstName: 'Other', lastName: 'Contact' } });
    const portal = (await t.userWith(['customer'], { customerId: own.id })).client;
    expect((await portal.data(CustomerContactsDocument, { id: own.id })).customer.contacts.map((c) => c.firstName)).toEqual(['Own']);
    expect(errorCodes(await portal.send(CustomerContactsDocument, { id: other.id }))).toEqual(['NOT_FOUND']);
    // Activities need activities:read, which the portal does not hold.
    expect(errorCodes(await portal.send(CustomerContactsAndActivitiesDocument, { id: own.id, first: 1 }))).toEqual(['FORBIDDEN']);
  });
});

describe('activities', () => {
  it('of a customer come newest first, as many as asked for', async () => {
    const { id } = await customer();
    for (const [subject, minutesAgo] of [['second', 20], ['latest', 10], ['first', 30]] as const) {
      await sales.data(LogActivityDocument, { input: { customerId: id, type: 'CALL', subject, occurredAt: at(minutesAgo) } });
    }
    const read = (await sales.data(CustomerContactsAndActivitiesDocument, { id, first: 2 })).customer;
    expect(read.activities.map((a) => [a.subject, a.occurredAt])).toEqual([
      ['latest', at(10)],
      ['second', at(20)],
    ]);
  });

  it('are listed newest first, filtered by customer, lead and type, and paged with cursors', async () => {
    const { id: customerId } = await customer();
    const lead = (await sales.data(CreateLeadDocument, { input: { title: `Active lead ${randomUUID().slice(0, 8)}` } })).createLead;
    await sales.data(LogActivityDocument, { input: { customerId, type: 'CALL', subject: 'call 1', occurredAt: at(40) } });
    await sales.data(LogActivityDocument, { input: { customerId, type: 'EMAIL', subject: 'mail 1', body: 'Hello', occurredAt: at(30) } });
    await sales.data(LogActivityDocument, { input: { customerId, type: 'CALL', subject: 'call 2', occurredAt: at(20) } });
    await sales.data(LogActivityDocument, { input: { leadId: lead.id, type: 'MEETING', subject: 'lead meeting', occurredAt: at(10) } });

    const first = (await sales.data(ActivitiesDocument, { first: 2, filter: { customerId } })).activities;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e) => e.node.subject)).toEqual(['call 2', 'mail 1']);
    expect(first.edges[1]!.node).toMatchObject({ type: 'EMAIL', body: 'Hello', occurredAt: at(30), authorId: salesUserId });
    const rest = (await sales.data(ActivitiesDocument, { first: 2, after: first.pageInfo.endCursor, filter: { customerId } })).activities;
    expect(rest.edges.map((e) => e.node.subject)).toEqual(['call 1']);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const calls = (await sales.data(ActivitiesDocument, { filter: { customerId, type: 'CALL' } })).activities;
    expect(calls.edges.map((e) => e.node.subject)).toEqual(['call 2', 'call 1']);
    const ofLead = (await sales.data(ActivitiesDocument, { filter: { leadId: lead.id } })).activities;
    expect(ofLead.edges.map((e) => e.node.subject)).toEqual(['lead meeting']);

    expect(errorCodes(await sales.send(ActivitiesDocument, { filter: { customerId: 'nobody' } }))).toEqual(['BAD_USER_INPUT']);
    const accountant = (await t.userWith(['accountant'])).client;
    expect(errorCodes(await accountant.send(ActivitiesDocument, { filter: { customerId } }))).toEqual(['FORBIDDEN']);
  });
});
