import { describe, expect, it } from 'vitest';
import { averageUnitCost, costAfterMove, shareOf, type CostState } from './stock-cost.rules.js';

const apply = (state: CostState, ...moves: Parameters<typeof costAfterMove>[1][]) => moves.reduce(costAfterMove, state);

describe('moving-average cost', () => {
  it('adds receipts exactly: 3 at 10.00 then 7 at 10.01 is worth 100.07, 10.007 a unit', () => {
    const state = apply({ onHand: 0, valueMinor: 0n }, { onHandChange: 3, unitCostMinor: 1000n }, { onHandChange: 7, unitCostMinor: 1001n });
    expect(state).toEqual({ onHand: 10, valueMinor: 10007n });
    expect(averageUnitCost(state, 'EUR')).toBe('10.007000');
    expect(averageUnitCost(state, 'JPY')).toBe('1000.7000');
  });

  it('takes the proportional share out, rounded, and the last unit takes the rest: value 0 at 0 on hand', () => {
    // 3 units worth 10.00: each is 3.333…; one unit out takes 3.33, then 3.34 (6.67 / 2 half away), then the rest.
    let state: CostState = { onHand: 3, valueMinor: 1000n };
    state = costAfterMove(state, { onHandChange: -1 });
    expect(state).toEqual({ onHand: 2, valueMinor: 667n });
    state = costAfterMove(state, { onHandChange: -1 });
    expect(state).toEqual({ onHand: 1, valueMinor: 333n });
    state = costAfterMove(state, { onHandChange: -1 });
    expect(state).toEqual({ onHand: 0, valueMinor: 0n });
    expect(averageUnitCost(state, 'EUR')).toBeNull();
  });

  it('empties exactly whatever the remainder', () => {
    expect(costAfterMove({ onHand: 7, valueMinor: 10001n }, { onHandChange: -7 })).toEqual({ onHand: 0, valueMinor: 0n });
  });

  it('brings uncosted stock in at the current average, and at zero when nothing is costed', () => {
    expect(costAfterMove({ onHand: 3, valueMinor: 1000n }, { onHandChange: 1 })).toEqual({ onHand: 4, valueMinor: 1333n });
    expect(costAfterMove({ onHand: 0, valueMinor: 0n }, { onHandChange: 5 })).toEqual({ onHand: 5, valueMinor: 0n });
    expect(shareOf({ onHand: 2, valueMinor: 5n }, 1)).toBe(3n);
  });

  it('leaves the value alone on transfers', () => {
    const state = { onHand: 4, valueMinor: 999n };
    expect(apply(state, { onHandChange: -4, transfer: true }, { onHandChange: 4, transfer: true })).toEqual(state);
  });

  it('refuses a move that takes more than is on hand (a programming error)', () => {
    expect(() => costAfterMove({ onHand: 1, valueMinor: 1n }, { onHandChange: -2 })).toThrow();
  });
});
