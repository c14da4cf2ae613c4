import { describe, expect, it } from 'vitest';
import { assertMovementShape, available, crossesReorderPoint, isConsistent } from './stock.rules.js';

describe('stock rules', () => {
  it('available is on hand less reserved; a level never reserves below zero or beyond on hand', () => {
    expect(available({ onHand: 10, reserved: 3 })).toBe(7);
    expect(isConsistent({ onHand: 10, reserved: 10 })).toBe(true);
    expect(isConsistent({ onHand: 10, reserved: 11 })).toBe(false);
    expect(isConsistent({ onHand: 0, reserved: -1 })).toBe(false);
  });

  it('reports the crossing of the reorder point once, from above to at-or-under', () => {
    expect(crossesReorderPoint({ onHand: 10, reserved: 0 }, { onHand: 10, reserved: 5 }, 5)).toBe(true);
    expect(crossesReorderPoint({ onHand: 10, reserved: 5 }, { onHand: 10, reserved: 6 }, 5)).toBe(false);
    expect(crossesReorderPoint({ onHand: 10, reserved: 0 }, { onHand: 10, reserved: 4 }, 5)).toBe(false);
    expect(crossesReorderPoint({ onHand: 10, reserved: 0 }, { onHand: 0, reserved: 0 }, null)).toBe(false);
  });

  it('refuses a movement that changes what its kind does not', () => {
    expect(() => assertMovementShape('RESERVATION', 0, 2)).not.toThrow();
    expect(() => assertMovementShape('ISSUE', -2, -2)).not.toThrow();
    expect(() => assertMovementShape('ADJUSTMENT', -3, 0)).not.toThrow();
    expect(() => assertMovementShape('RESERVATION', 1, 2)).toThrow();
    expect(() => assertMovementShape('RECEIPT', -1, 0)).toThrow();
    expect(() => assertMovementShape('ADJUSTMENT', 0, 0)).toThrow();
    expect(() => assertMovementShape('RELEASE', 0, 1.5)).toThrow();
  });
});
