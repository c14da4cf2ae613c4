import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isInputObjectType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CostModel } from './cost-model.js';

/** What the schema does not declare: a list's size, a mutation's weight. */
export interface CostDefaults {
  /** Items assumed in a list field that declares no `@listSize` (and is not sized by its parent). */
  listSize: number;
  /** Weight of a root mutation field that declares no `@cost`. */
  mutationWeight: number;
}

export const DEFAULT_COST_DEFAULTS: CostDefaults = { listSize: 10, mutationWeight: 10 };

type Variables = Record<string, unknown>;
type Sizes = ReadonlyMap<string, number> | null;

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
}

/** One field of a priced selection: what it weighs and what its arguments add, read once per operation and variables. */
interface PricedField {
  /** Where the response holds it (its alias or name). */
  readonly key: string;
  readonly weight: number;
  readonly argumentsWeight: number;
  /** What it asks of the object it returns; null for a scalar or enum. */
  readonly selection: PricedSelection | null;
}

/** A selection set, as the fields it asks of each concrete type the value may be, with its requested cost. */
interface PricedSelection {
  readonly byType: ReadonlyMap<string, readonly PricedField[]>;
  /** The dearest concrete type, every list at its requested size. */
  readonly requested: number;
}

/**
 * An operation priced with one set of variables: its requested cost, and what it needs to count the actual cost of a
 * response without reading the document, the schema or the variables again. Holds no variable values, so it serves
 * every request whose variables price alike (`OperationPrices`).
 */
export class PricedOperation {
  constructor(
    readonly requested: number,
    private readonly root: PricedSelection | null,
  ) {}

  /** The same count over a response's data, each list at its real length, each object at its real type. */
  actual(data: unknown): number {
    return this.root && typeof data === 'object' && data !== null && !Array.isArray(data) ? selectionActual(this.root, data as Record<string, unknown>) : 0;
  }
}

function selectionActual(selection: PricedSelection, value: Record<string, unknown>): number {
  const typename = value.__typename;
  const fields = typeof typename === 'string' ? selection.byType.get(typename) : undefined;
  if (fields) return fieldsActual(fields, value);
  let most = 0;
  for (const byType of selection.byType.values()) most = Math.max(most, fieldsActual(byType, value));
  return most;
}

function fieldsActual(fields: readonly PricedField[], value: Record<string, unknown>): number {
  let sum = 0;
  for (const field of fields) {
    const item = value[field.key];
    if (item !== undefined) sum += itemActual(field, item) + field.argumentsWeight;
  }
  return sum;
}

function itemActual(field: PricedField, item: unknown): number {
  if (Array.isArray(item)) {
    let sum = 0;
    for (const inner of item) sum += itemActual(field, inner);
    return sum;
  }
  return field.weight + (field.selection !== null && typeof item === 'object' && item !== null ? selectionActual(field.selection, item as Record<string, unknown>) : 0);
}

/**
 * Prices an operation the way the cost spec (and Apollo's demand control) does: every object a field returns weighs 1,
 * scalars and enums 0, a mutation's root field 10, unless `@cost` says otherwise; arguments and input fields add their
 * declared weight; a list multiplies what one item costs by its size — the value of its slicing argument (`first`),
 * else its `assumedSize`, else the default; `@listSize(sizedFields:)` sizes the named children instead (a connection's
 * `edges`); a fragment on an abstract type costs as its most expensive possible type.
 *
 * `price` walks the operation once with its variables (fragments spread, `@skip`/`@include` applied, arguments read)
 * into a `PricedOperation`: the requested cost, and the plan that counts the actual cost over the response with the
 * lists' real lengths.
 */
export class CostCalculator {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly model: CostModel,
    private readonly defaults: CostDefaults = DEFAULT_COST_DEFAULTS,
  ) {}

  price(document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): PricedOperation {
    const root = this.schema.getRootType(operation.operation);
    if (!root) return new PricedOperation(0, null);
    const selection = this.selection(root, operation.selectionSet, null, walkOf(document, variables));
    return new PricedOperation(selection.requested, selection);
  }

  requested(document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): number {
    return this.price(document, operation, variables).requested;
  }

  actual(document: DocumentNode, operation: OperationDefinitionNode, variables: Variables, data: unknown): number {
    return this.price(document, operation, variables).actual(data);
  }

  private selection(type: GraphQLCompositeType, selectionSet: SelectionSetNode, sizes: Sizes, walk: Walk): PricedSelection {
    const byType = new Map<string, PricedField[]>();
    let most = 0;
    for (const concrete of this.concreteTypes(type)) {
      const fields: PricedField[] = [];
      let sum = 0;
      for (const node of this.fieldsFor(concrete, selectionSet, walk)) {
        const priced = this.field(concrete, node, sizes, walk);
        if (!priced) continue;
        fields.push(priced.field);
        sum += priced.requested;
      }
      byType.set(concrete.name, fields);
      most = Math.max(most, sum);
    }
    return { byType, requested: most };
  }

  private field(parent: GraphQLObjectType, node: FieldNode, sizes: Sizes, walk: Walk): { field: PricedField; requested: number } | null {
    const definition = parent.getFields()[node.name.value];
    if (!definition) return null;
    const named = getNamedType(definition.type);
    const composite = isCompositeType(named);
    const weight = this.weightOf(parent, node.name.value, named.name, composite);
    const args = getArgumentValues(definition, node, walk.variables);
    const listSize = this.model.listSize(parent.name, node.name.value);
    const size = listSize ? this.slicedSize(listSize, args) : this.defaults.listSize;
    const childSizes = listSize && listSize.sizedFields.length > 0 ? new Map(listSize.sizedFields.map((f) => [f, size])) : null;
    const selection = composite && node.selectionSet ? this.selection(named, node.selectionSet, childSizes, walk) : null;
    const multiplier = sizes?.get(node.name.value) ?? (isListType(getNullableType(definition.type)) && !childSizes ? size : 1);
    const argumentsWeight = this.argumentsWeight(parent.name, node.name.value, definition.args, args);
    return {
      field: { key: (node.alias ?? node.name).value, weight, argumentsWeight, selection },
      requested: multiplier * (weight + (selection?.requested ?? 0)) + argumentsWeight,
    };
  }

  private weightOf(parent: GraphQLObjectType, field: string, returned: string, composite: boolean): number {
    const declared = this.model.fieldWeight(parent.name, field) ?? this.model.typeWeight(returned);
    if (declared !== undefined) return declared;
    if (parent === this.schema.getMutationType()) return this.defaults.mutationWeight;
    return composite ? 1 : 0;
  }

  private slicedSize(listSize: { slicingArguments: string[]; assumedSize: number | null }, args: Variables): number {
    let sliced: number | null = null;
    for (const name of listSize.slicingArguments) {
      const value = args[name];
      if (typeof value === 'number' && Number.isFinite(value)) sliced = Math.max(sliced ?? 0, value);
    }
    return Math.max(0, sliced ?? listSize.assumedSize ?? this.defaults.listSize);
  }

  private argumentsWeight(type: string, field: string, definitions: readonly GraphQLArgument[], values: Variables): number {
    let sum = 0;
    for (const argument of definitions) {
      if (values[argument.name] === undefined) continue;
      sum += (this.model.argumentWeight(type, field, argument.name) ?? 0) + this.inputWeight(argument.type, values[argument.name]);
    }
    return sum;
  }

  /** Declared weights of the input fields a value sets, nested objects and lists included. */
  private inputWeight(type: GraphQLInputType, value: unknown): number {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || value === null || value === undefined) return 0;
    if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + this.inputWeight(named, item), 0);
    if (!isRecord(value)) return 0;
    let sum = 0;
    for (const [name, field] of Object.entries(named.getFields())) {
      if (value[name] === undefined) continue;
      sum += (this.model.argumentWeight(named.name, name) ?? 0) + this.inputWeight(field.type, value[name]);
    }
    return sum;
  }

  private concreteTypes(type: GraphQLCompositeType): readonly GraphQLObjectType[] {
    return isAbstractType(type) ? this.schema.getPossibleTypes(type) : [type];
  }

  /** The fields a selection asks of an object of `type`, fragments spread in, `@skip`/`@include` applied. */
  private fieldsFor(type: GraphQLObjectType, selectionSet: SelectionSetNode, walk: Walk, spreading = new Set<string>()): FieldNode[] {
    const fields: FieldNode[] = [];
    for (const selection of selectionSet.selections) {
      if (!this.included(selection, walk.variables)) continue;
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) fields.push(selection);
        continue;
      }
      let condition: string | undefined;
      let inner: SelectionSetNode | undefined;
      let name: string | undefined;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        condition = selection.typeCondition?.name.value;
        inner = selection.selectionSet;
      } else {
        name = selection.name.value;
        const fragment = walk.fragments.get(name);
        if (!fragment || spreading.has(name)) continue;
        condition = fragment.typeCondition.name.value;
        inner = fragment.selectionSet;
      }
      if (condition && !this.applies(condition, type)) continue;
      if (name) spreading.add(name);
      fields.push(...this.fieldsFor(type, inner, walk, spreading));
      if (name) spreading.delete(name);
    }
    return fields;
  }

  private applies(condition: string, type: GraphQLObjectType): boolean {
    if (condition === type.name) return true;
    const conditionType = this.schema.getType(condition);
    return !!conditionType && isAbstractType(conditionType) && this.schema.isSubType(conditionType, type);
  }

  private included(selection: { directives?: readonly unknown[] }, variables: Variables): boolean {
    if (!selection.directives?.length) return true;
    const node = selection as FieldNode;
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  }
}

function walkOf(document: DocumentNode, variables: Variables): Walk {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return { fragments, variables };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
