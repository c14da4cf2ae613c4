import { describe, expect, it } from 'vitest';
import { assertConvertible, assertProbability, assertStageMove, weightedValue } from './lead.rules.js';

describe('lead pipeline rules', () => {
  it('lets open leads move between open stages, both ways', () => {
    expect(() => assertStageMove('NEW', 'PROPOSAL', null)).not.toThrow();
    expect(() => assertStageMove('NEGOTIATION', 'QUALIFIED', null)).not.toThrow();
  });
  it('never moves a closed lead', () => {
    expect(() => assertStageMove('LOST', 'NEW', null)).toThrow(/already LOST/);
    expect(() => assertStageMove('WON', 'NEGOTIATION', null)).toThrow(/already WON/);
  });
  it('reaches WON only through conversion and LOST only with a reason', () => {
    expect(() => assertStageMove('NEGOTIATION', 'WON', null)).toThrow(/convertLead/);
    expect(() => assertStageMove('PROPOSAL', 'LOST', '  ')).toThrow(/why the lead was lost/);
    expect(() => assertStageMove('PROPOSAL', 'LOST', 'went with a competitor')).not.toThrow();
  });
  it('refuses a move to the stage the lead is in', () => {
    expect(() => assertStageMove('QUALIFIED', 'QUALIFIED', null)).toThrow(/already in stage QUALIFIED/);
  });
  it('converts only open leads', () => {
    expect(() => assertConvertible('NEW')).not.toThrow();
    expect(() => assertConvertible('LOST')).toThrow(/Only an open lead/);
  });
  it('weighs value by probability without floats', () => {
    expect(weightedValue(1_000_05n, 25)).toBe(25_001n);
    expect(() => assertProbability(101)).toThrow(/0 to 100/);
    expect(() => assertProbability(12.5)).toThrow(/whole percentage/);
  });
});
