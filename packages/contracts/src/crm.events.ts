import { defineEvent, type MoneyType } from '@erp/platform';

/** A lead's way through the pipeline: NEW → QUALIFIED → PROPOSAL → NEGOTIATION → WON (by convertLead) or LOST. */
export const LEAD_STAGES = ['NEW', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const CUSTOMER_KINDS = ['COMPANY', 'INDIVIDUAL'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

export interface CustomerCreated {
  customerId: string;
  name: string;
  kind: CustomerKind;
  email: string | null;
  currency: string;
  tags: string[];
  /** The lead it was converted from; null when created directly. */
  leadId: string | null;
  at: string;
  byUserId: string | null;
}

export interface LeadStageChanged {
  leadId: string;
  title: string;
  from: LeadStage;
  to: LeadStage;
  /** The probability that came with the new stage. */
  probability: number;
  value: MoneyType;
  /** Why it was lost, when `to` is LOST. */
  lostReason: string | null;
  ownerId: string | null;
  at: string;
  byUserId: string | null;
}

export interface LeadConverted {
  leadId: string;
  title: string;
  /** The stage it was won from. */
  from: LeadStage;
  value: MoneyType;
  ownerId: string | null;
  customerId: string;
  customerName: string;
  at: string;
  byUserId: string | null;
}

/** A new customer, created directly or by converting a lead (then `customer.created` comes with `lead.converted`). */
export const customerCreated = defineEvent<CustomerCreated>('customer.created');
/** Every stage move of a lead, including to WON when it is converted. */
export const leadStageChanged = defineEvent<LeadStageChanged>('lead.stage_changed');
export const leadConverted = defineEvent<LeadConverted>('lead.converted');
