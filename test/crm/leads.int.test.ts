import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '@erp/platform';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { sql } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';
import { ConvertLeadDocument, CreateLeadDocument, LeadsDocument, MoveLeadStageDocument, PipelineSummaryDocument } from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
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

  it('is not for roles without leads:read', async () => {
    const accountant = (await t.userWith(['accountant'])).client;
    expect(errorCodes(await accountant.send(LeadsDocument, { first: 5 }))).toEqual(['FORBIDDEN']);
  });
});
