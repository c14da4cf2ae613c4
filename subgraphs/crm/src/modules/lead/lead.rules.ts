import type { LeadStage } from '@erp/contracts';
import { BadUserInputError, ConflictError, divideRounded } from '@erp/platform';

const CLOSED: readonly LeadStage[] = ['WON', 'LOST'];

/** The probability a lead gets when it enters a stage, unless someone sets one. */
export const STAGE_PROBABILITY: Record<LeadStage, number> = { NEW: 10, QUALIFIED: 25, PROPOSAL: 50, NEGOTIATION: 75, WON: 100, LOST: 0 };

export function isClosed(stage: LeadStage): boolean {
  return CLOSED.includes(stage);
}

/**
 * Open leads move freely between open stages (deals go back and forth); a closed lead never moves again;
 * WON is reached only by converting the lead into a customer; LOST needs a reason.
 */
export function assertStageMove(from: LeadStage, to: LeadStage, reason: string | null | undefined): void {
  if (isClosed(from)) {
    throw new ConflictError(`The lead is already ${from}; a closed lead does not move.`, { currentStage: from });
  }
  if (from === to) throw new ConflictError(`The lead is already in stage ${from}.`, { currentStage: from });
  if (to === 'WON') {
    throw new ConflictError('A lead is won by converting it into a customer: use convertLead.', { currentStage: from });
  }
  if (to === 'LOST' && !reason?.trim()) {
    throw new BadUserInputError('Say why the lead was lost (reason).', { field: 'reason' });
  }
}

export function assertConvertible(stage: LeadStage): void {
  if (isClosed(stage)) {
    throw new ConflictError(`Only an open lead can be converted; this one is ${stage}.`, { currentStage: stage });
  }
}

export function assertProbability(probability: number): number {
  if (!Number.isInteger(probability) || probability < 0 || probability > 100) {
    throw new BadUserInputError('probability must be a whole percentage from 0 to 100.', { field: 'probability' });
  }
  return probability;
}

/** Value × probability, rounded half away from zero to the minor unit. */
export function weightedValue(valueMinor: bigint, probability: number): bigint {
  return divideRounded(valueMinor * BigInt(probability), 100n);
}
