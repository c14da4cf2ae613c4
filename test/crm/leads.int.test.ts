import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '@erp/platform';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { sql } from '../support/database.js';
import { recordedEvents } from '../support/outbox.js';
import { useTestPlatform } from '../support/platform.js';
import {
  ConvertLeadDocument,
  CreateLeadDocument,
  LeadDocument,
  LeadsDocument,
  LeadsPageDocument,
  MoveLeadStageDocument,
  PipelineSummaryDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;
let salesUserId: string;

beforeAll(async () => {
  ({ client: sales, id: salesUserId } = await t.userWith(['sales']));
});

describe('the lead pipeline', () => {
  it('moves a lead through the stages and converts it into a customer', async () => {
    const company = `Lead Co ${randomUUID().slice(0, 8)}`;
    const lead = (await sales.data(CreateLeadDocument, { input: { title: 'Big deal', companyName: company, email: 'Buyer@LeadCo.test', value: '12000.50' } })).createLead;
    expect(lead).toMatchObject({ stage: 'NEW', probability: 10, value: { amount: '12000.50', currency: 'EUR' } });
    for (const stage of ['QUALIFIED', 'PROPOSAL', 'NEGOTIATION'] as const) {
      expect((await sales.data(MoveLeadStageDocument, { id: lead.id, stage })).moveLeadStage.stage).toBe(stage);
    }
    const converted = (await sales.data(ConvertLeadDocument, { id: lead.id })).convertLead;
    expect(converted.stage).toBe('WON');
    expect(converted.customer).toMatchObject({ name: company, email: 'buyer@leadco.test' });

    const again = await sales.send(ConvertLeadDocument, { id: lead.id });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(await sql('select id from crm.customer where name = $1', [company])).toHaveLength(1);
  });

  it('refuses illegal moves with CONFLICT and the current stage, changing nothing', async () => {
    const lead = (await sales.data(CreateLeadDocument, { input: { title: 'Small deal', contactName: 'Jo' } })).createLead;
    const toWon = await sales.send(MoveLeadStageDocument, { id: lead.id, stage: 'WON' });
    expect(errorCodes(toWon)).toEqual(['CONFLICT']);
    expect(toWon.errors?.[0]?.extensions?.currentStage).toBe('NEW');
    expect(errorCodes(await sales.send(MoveLeadStageDocument, { id: lead.id, stage: 'LOST' }))).toEqual(['BAD_USER_INPUT']);
    const lost = (await sales.data(MoveLeadStageDocument, { id: lead.id, stage: 'LOST', reason: 'No budget' })).moveLeadStage;
    expect(lost).toMatchObject({ stage: 'LOST', lostReason: 'No budget' });
    expect(errorCodes(await sales.send(MoveLeadStageDocument, { id: lead.id, stage: 'NEW' }))).toEqual(['CONFLICT']);
    expect(errorCodes(await sales.send(ConvertLeadDocument, { id: lead.id }))).toEqual(['CONFLICT']);
    const [row] = await sql<{ stage: string }>('select stage from crm.lead where id = $1', [lead.id]);
    expect(row!.stage).toBe('LOST');
  });

  it('refuses a bad value, probability or currency', async () => {
    const title = `Refused ${randomUUID()}`;
    expect(errorCodes(await sales.send(CreateLeadDocument, { input: { title, value: '10.555' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sales.send(CreateLeadDocument, { input: { title, value: 'ten' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sales.send(CreateLeadDocument, { input: { title, value: '-5' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sales.send(CreateLeadDocument, { input: { title, probability: 150 } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sales.send(CreateLeadDocument, { input: { title, currency: 'XX' } }))).toEqual(['BAD_USER_INPUT']);
    expect(await sql('select id from crm.lead where title = $1', [title])).toEqual([]);
  });

  it('summarises the pipeline per stage with exact money', async () => {
    const currency = 'CHF';
    await sales.data(CreateLeadDocument, { input: { title: 'a', value: '100.10', currency } });
    await sales.data(CreateLeadDocument, { input: { title: 'b', value: '0.20', currency } });
    const summary = (await sales.data(PipelineSummaryDocument, { currency })).pipelineSummary;
    const fresh = summary.find((s) => s.stage === 'NEW')!;
    expect(fresh.count).toBeGreaterThanOrEqual(2);
    const [row] = await sql<{ total: string }>("select sum(value_minor) as total from crm.lead where currency = 'CHF' and stage = 'NEW'");
    expect(fresh.value).toEqual({ amount: formatMoney({ minor: BigInt(row!.total), currency }), currency });
    expect(summary.map((s) => s.stage)).toEqual(['NEW', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST']);
  });

  it('lists leads by search, stage and owner, sorted by value and paged with cursors', async () => {
    const run = randomUUID().slice(0, 8);
    const leads = [];
    for (const [index, value] of ['300.00', '100.00', '200.00'].entries()) {
      leads.push((await sales.data(CreateLeadDocument, { input: { title: `Paged ${run} ${index}`, companyName: `Paged Co ${run}`, value } })).createLead);
    }
    await sales.data(MoveLeadStageDocument, { id: leads[2]!.id, stage: 'QUALIFIED' });
    const byValue = { field: 'VALUE', direction: 'ASC' } as const;

    const first = (await sales.data(LeadsPageDocument, { first: 2, filter: { search: run }, orderBy: byValue })).leads;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e) => e.node.value.amount)).toEqual(['100.00', '200.00']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await sales.data(LeadsPageDocument, { first: 2, after: first.pageInfo.endCursor, filter: { search: run }, orderBy: byValue })).leads;
    expect(rest.edges.map((e) => e.node.value.amount)).toEqual(['300.00']);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const newestFirst = (await sales.data(LeadsPageDocument, { filter: { search: `paged co ${run}` } })).leads;
    expect(newestFirst.edges.map((e) => e.node.id)).toEqual([leads[2]!.id, leads[1]!.id, leads[0]!.id]);
    const qualified = (await sales.data(LeadsPageDocument, { filter: { search: run, stage: 'QUALIFIED' } })).leads;
    expect(qualified.edges.map((e) => [e.node.id, e.node.stage])).toEqual([[leads[2]!.id, 'QUALIFIED']]);
    expect((await sales.data(LeadsPageDocument, { filter: { search: run, ownerId: salesUserId } })).leads.totalCount).toBe(3);
    expect((await sales.data(LeadsPageDocument, { filter: { search: run, ownerId: randomUUID() } })).leads.edges).toEqual([]);

    expect(errorCodes(await sales.send(LeadsPageDocument, { filter: { ownerId: 'someone' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sales.send(LeadsPageDocument, { after: first.pageInfo.endCursor, filter: { search: run } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('reads one lead with its value, weighted value and the customer it became', async () => {
    const company = `Read Co ${randomUUID().slice(0, 8)}`;
    const created = (await sales.data(CreateLeadDocument, { input: { title: 'Read back', companyName: company, value: '1000.00', probability: 25 } })).createLead;
    const open = (await sales.data(LeadDocument, { id: created.id })).lead;
    expect(open).toMatchObject({ title: 'Read back', stage: 'NEW', probability: 25, customer: null, version: 1 });
    expect(open.value).toEqual({ amount: '1000.00', currency: 'EUR' });
    expect(open.weightedValue).toEqual({ amount: '250.00', currency: 'EUR' });

    const converted = (await sales.data(ConvertLeadDocument, { id: created.id })).convertLead;
    const won = (await sales.data(LeadDocument, { id: created.id })).lead;
    expect(won).toMatchObject({ stage: 'WON', probability: 100, customer: { id: converted.customer!.id, name: company } });
    expect(won.weightedValue).toEqual({ amount: '1000.00', currency: 'EUR' });

    expect(errorCodes(await sales.send(LeadDocument, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(LeadDocument, { id: 'not-a-uuid' }))).toEqual(['NOT_FOUND']);
  });

  it('is not for roles without leads:read', async () => {
    const accountant = (await t.userWith(['accountant'])).client;
    expect(errorCodes(await accountant.send(LeadsDocument, { first: 5 }))).toEqual(['FORBIDDEN']);
  });
});

describe('lead events', () => {
  it('records lead.stage_changed for every move, and lead.stage_changed to WON, lead.converted and customer.created on conversion', async () => {
    const company = `Evented Co ${randomUUID().slice(0, 8)}`;
    const lead = (await sales.data(CreateLeadDocument, { input: { title: 'Evented deal', companyName: company, value: '2500.00' } })).createLead;
    await sales.data(MoveLeadStageDocument, { id: lead.id, stage: 'QUALIFIED' });
    const customer = (await sales.data(ConvertLeadDocument, { id: lead.id })).convertLead.customer!;

    const value = { amount: '2500.00', currency: 'EUR' };
    const common = { leadId: lead.id, title: 'Evented deal', value, ownerId: salesUserId, at: expect.any(String), byUserId: salesUserId };
    const [moved, ...conversion] = await recordedEvents('crm', lead.id);
    expect([moved!.type, moved!.payload]).toEqual(['lead.stage_changed', { ...common, from: 'NEW', to: 'QUALIFIED', probability: 25, lostReason: null }]);
    // One transaction records both, in no particular order.
    expect(conversion.map((event) => [event.type, event.payload])).toHaveLength(2);
    expect(conversion.map((event) => [event.type, event.payload])).toEqual(
      expect.arrayContaining([
        ['lead.stage_changed', { ...common, from: 'QUALIFIED', to: 'WON', probability: 100, lostReason: null }],
        ['lead.converted', { ...common, from: 'QUALIFIED', customerId: customer.id, customerName: company }],
      ]),
    );
    expect(await recordedEvents('crm', customer.id)).toEqual([
      { type: 'customer.created', aggregateId: customer.id, payload: expect.objectContaining({ customerId: customer.id, name: company, leadId: lead.id, byUserId: salesUserId }) },
    ]);
  });

  it('records why a lead was lost, and nothing for refused moves and conversions', async () => {
    const lead = (await sales.data(CreateLeadDocument, { input: { title: 'Lost deal', contactName: 'Jo' } })).createLead;
    await sales.data(MoveLeadStageDocument, { id: lead.id, stage: 'LOST', reason: 'Went with a competitor' });
    const [lost] = await recordedEvents('crm', lead.id);
    expect(lost!.payload).toMatchObject({ from: 'NEW', to: 'LOST', probability: 0, lostReason: 'Went with a competitor' });

    const before = await recordedEvents('crm');
    expect(errorCodes(await sales.send(MoveLeadStageDocument, { id: lead.id, stage: 'NEW' }))).toEqual(['CONFLICT']);
    expect(errorCodes(await sales.send(ConvertLeadDocument, { id: lead.id }))).toEqual(['CONFLICT']);
    expect(await recordedEvents('crm')).toEqual(before);
  });
});
