import {
  getVariableValues,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import type { CostModel } from './cost-model.js';
import type { CostCalculator, PricedOperation } from './estimate-cost.js';

/**
 * Distinct shapes of variables remembered per operation; past that, each further shape is priced on every request.
 * A filtered, paged list reaches a hundred shapes quickly (page size × orders per row × which filter × cursor or not:
 * the benchmark's deep query has 108), and a shape costs a short string and a small plan.
 */
const MAX_SHAPES_PER_OPERATION = 256;
/** A longer shape (a long list in the variables) is priced on every request rather than remembered. */
const MAX_SHAPE_LENGTH = 1_024;

interface KnownOperation {
  /** Variables whose values, not just their shape, change the price: slicing arguments (`first`) and `@skip`/`@include`. */
  valued: ReadonlySet<string>;
  byShape: Map<string, PricedOperation>;
}

/**
 * The price of each operation, walked once per operation and per shape of its variables: what in the variables can
 * change the price — the values of slicing arguments and of `@skip`/`@include` conditions, and for every other variable
 * only whether it is given, null, a list of how many, or an object with which fields (input fields carry weights) —
 * and never the rest (a search text, a cursor, an id). A repeated operation is then neither walked nor its variables
 * coerced: the gateway still coerces them, and refuses the request when they are invalid (a price taken for it then
 * goes back, nothing having been spent). The operations are held weakly, as the server's document cache holds them.
 */
export class OperationPrices {
  private readonly operations = new WeakMap<OperationDefinitionNode, KnownOperation>();
  private readonly slicingArguments: ReadonlySet<string>;

  constructor(
    private readonly schema: GraphQLSchema,
    model: CostModel,
    private readonly calculator: CostCalculator,
  ) {
    this.slicingArguments = model.slicingArgumentNames();
  }

  /** The operation priced with these variables, or null when they are invalid (the gateway answers with its errors). */
  price(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): PricedOperation | null {
    let known = this.operations.get(operation);
    if (!known) this.operations.set(operation, (known = { valued: valuedVariables(document, this.slicingArguments), byShape: new Map() }));
    const shape = variablesShape(operation, variables ?? {}, known.valued);
    const remembered = shape === null ? undefined : known.byShape.get(shape);
    if (remembered) return remembered;
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return null;
    const priced = this.calculator.price(document, operation, coerced.coerced);
    if (shape !== null && known.byShape.size < MAX_SHAPES_PER_OPERATION) known.byShape.set(shape, priced);
    return priced;
  }
}

/**
 * The variables of a document whose values change its price: those given (anywhere inside) to an argument named as a
 * slicing argument of some field, and those of directive arguments (`@skip(if: $x)`, `@include(if: $x)`).
 */
export function valuedVariables(document: DocumentNode, slicingArguments: ReadonlySet<string>): Set<string> {
  const valued = new Set<string>();
  const collect = (value: ValueNode): void => {
    if (value.kind === Kind.VARIABLE) valued.add(value.name.value);
    else if (value.kind === Kind.LIST) value.values.forEach(collect);
    else if (value.kind === Kind.OBJECT) value.fields.forEach((field) => collect(field.value));
  };
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) if (slicingArguments.has(argument.name.value)) collect(argument.value);
    },
    Directive(directive) {
      for (const argument of directive.arguments ?? []) collect(argument.value);
    },
  });
  return valued;
}

/**
 * What of the variables can change the operation's price, as text: for each declared variable in order, its value when
 * it is valued (a number or boolean), else its shape — absent, null, a scalar of which JSON type, a list of shapes, an
 * object of named shapes. Null when the text would be too long to keep.
 */
export function variablesShape(operation: OperationDefinitionNode, variables: Record<string, unknown>, valued: ReadonlySet<string>): string | null {
  let text = '';
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = variables[name];
    text += valued.has(name) && (typeof value === 'number' || typeof value === 'boolean') ? `=${value};` : `${shapeOf(value)};`;
    if (text.length > MAX_SHAPE_LENGTH) return null;
  }
  return text;
}

function shapeOf(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'n';
  if (Array.isArray(value)) return `[${value.map(shapeOf).join(',')}]`;
  switch (typeof value) {
    case 'string':
      return 's';
    case 'number':
      return 'd';
    case 'boolean':
      return 'b';
    case 'object': {
      let text = '{';
      for (const key in value) text += `${JSON.stringify(key)}:${shapeOf((value as Record<string, unknown>)[key])},`;
      return `${text}}`;
    }
    default:
      return '?';
  }
}
