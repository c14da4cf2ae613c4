import { divideRounded, formatDecimal, minorDigits } from '@erp/platform';

/**
 * Moving-average cost, exact. A product keeps the value of all its stock on hand (over every warehouse) in minor
 * units of one currency; the average unit cost is only ever derived from it (value ÷ on hand), never stored, so no
 * rounding error accumulates:
 * - a receipt adds quantity × unit cost exactly;
 * - stock that comes in without a cost (a positive adjustment) comes in at the current average: its share of the value
 *   rounded half away from zero to a minor unit (at zero when nothing costed is on hand);
 * - stock that goes out (an issue, a negative adjustment) takes its proportional share of the value, rounded half
 *   away from zero, and the last unit takes whatever is left: the value is exactly 0 when on hand reaches 0;
 * - a transfer moves stock between warehouses of the same product: the product's value does not change.
 */
export interface CostState {
  /** The product's on hand over every warehouse. */
  onHand: number;
  valueMinor: bigint;
}

export interface CostedMove {
  onHandChange: number;
  /** Set for a receipt: the cost of one unit in minor units of the product's cost currency. */
  unitCostMinor?: bigint | null;
  /** A transfer leg: value-neutral for the product as a whole. */
  transfer?: boolean;
}

/** The product's on hand and value after one move. */
export function costAfterMove(state: CostState, move: CostedMove): CostState {
  if (move.transfer) return state;
  const onHand = state.onHand + move.onHandChange;
  if (onHand < 0) throw new Error(`A move of ${move.onHandChange} from ${state.onHand} on hand leaves less than nothing.`);
  if (move.onHandChange > 0) {
    const added = move.unitCostMinor != null ? move.unitCostMinor * BigInt(move.onHandChange) : shareOf(state, move.onHandChange);
    return { onHand, valueMinor: state.valueMinor + added };
  }
  if (onHand === 0) return { onHand, valueMinor: 0n };
  return { onHand, valueMinor: state.valueMinor - shareOf(state, -move.onHandChange) };
}

/** The value of `quantity` units at the current average, rounded half away from zero to a minor unit. */
export function shareOf(state: CostState, quantity: number): bigint {
  if (state.onHand <= 0) return 0n;
  return divideRounded(state.valueMinor * BigInt(quantity), BigInt(state.onHand));
}

/** Decimal places of an average unit cost: the currency's minor digits and 4 more (EUR: 6, "10.007000"). */
export const AVERAGE_EXTRA_DIGITS = 4;

/** The average unit cost as a decimal string (value ÷ on hand, rounded half away from zero); null when nothing is on hand. */
export function averageUnitCost(state: CostState, currency: string): string | null {
  if (state.onHand <= 0) return null;
  const scale = minorDigits(currency) + AVERAGE_EXTRA_DIGITS;
  return formatDecimal(divideRounded(state.valueMinor * 10n ** BigInt(AVERAGE_EXTRA_DIGITS), BigInt(state.onHand)), scale);
}
