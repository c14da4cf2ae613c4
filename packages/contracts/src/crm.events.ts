/** A lead's way through the pipeline: NEW → QUALIFIED → PROPOSAL → NEGOTIATION → WON (by convertLead) or LOST. */
export const LEAD_STAGES = ['NEW', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const CUSTOMER_KINDS = ['COMPANY', 'INDIVIDUAL'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
