import { registerEnumType } from 'type-graphql';
import { STOCK_MOVEMENT_KINDS } from '@erp/contracts';
import { enumOf } from '@erp/platform';

/** The movement kinds as a GraphQL enum, built from the contract's list (one list for events, rules and the graph). */
export const StockMovementKindEnum = enumOf(STOCK_MOVEMENT_KINDS);
registerEnumType(StockMovementKindEnum, { name: 'StockMovementKind', description: 'Why stock moved.' });
