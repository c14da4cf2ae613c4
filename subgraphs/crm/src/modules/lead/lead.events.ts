import { leadConverted, leadStageChanged, type LeadStage } from '@erp/contracts';
import { recordEvent, toMoneyType, type EntityManager } from '@erp/platform';
import type { Customer } from '../customer/customer.entity.js';
import type { Lead } from './lead.entity.js';

const valueOf = (lead: Lead) => toMoneyType(lead.valueMinor, lead.currency);

/** Recorded in the transaction of the move, with the lead as it now is (its new stage, probability and reason). */
export function recordLeadStageChanged(em: EntityManager, lead: Lead, from: LeadStage, change: { at: Date; byUserId: string | null }): void {
  recordEvent(em, leadStageChanged, lead.id, {
    leadId: lead.id,
    title: lead.title,
    from,
    to: lead.stage,
    probability: lead.probability,
    value: valueOf(lead),
    lostReason: lead.lostReason,
    ownerId: lead.ownerId,
    at: change.at.toISOString(),
    byUserId: change.byUserId,
  });
}

export function recordLeadConverted(em: EntityManager, lead: Lead, from: LeadStage, customer: Customer, change: { at: Date; byUserId: string | null }): void {
  recordEvent(em, leadConverted, lead.id, {
    leadId: lead.id,
    title: lead.title,
    from,
    value: valueOf(lead),
    ownerId: lead.ownerId,
    customerId: customer.id,
    customerName: customer.name,
    at: change.at.toISOString(),
    byUserId: change.byUserId,
  });
}
