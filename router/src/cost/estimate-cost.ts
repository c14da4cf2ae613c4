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
  isObjectType,
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

/**
 * Prices an operation the way the cost spec (and Apollo's demand control) does: every object a field returns weighs 1,
 * scalars and enums 0, a mutation's root field 10, unless `@cost` says otherwise; arguments and input fields add their
 * declared weight; a list multiplies what one item costs by its size — the value of its slicing argument (`first`),
 * else its `assumedSize`, else the default; `@listSize(sizedFields:)` sizes the named children instead (a connection's
 * `edges`); a fragment on an abstract type costs as its most expensive possible type.
 *
 * `requested` prices the operation before it runs; `actual` walks the response the same way with the lists' real lengths.
 */
export class CostCalculator {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly model: CostModel,
    private readonly defaults: CostDefaults = DEFAULT_COST_DEFAULTS,
  ) {}

  requested(document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): number {
    const root = this.rootType(operation);
    if (!root) return 0;
    return this.selectionsCost(root, operation.selectionSet, null, walkOf(document, variables));
  }

  actual(document: DocumentNode, operation: OperationDefinitionNode, variables: Variables, data: unknown): number {
    const root = this.rootType(operation);
    if (!root || !isRecord(data)) return 0;
    return this.selectionsActual(root, operation.selectionSet, data, walkOf(document, variables));
  }

  private rootType(operation: OperationDefinitionNode): GraphQLObjectType | null | undefined {
    return this.schema.getRootType(operation.operation);
  }

  private selectionsCost(type: GraphQLCompositeType, selectionSet: SelectionSetNode, sizes: Sizes, walk: Walk): number {
    let most = 0;
    for (const concrete of this.concreteTypes(type)) {
      let sum = 0;
      for (const field of this.fieldsFor(concrete, selectionSet, walk)) sum += this.fieldCost(concrete, field, sizes, walk);
      most = Math.max(most, sum);
    }
    return most;
  }

  private fieldCost(parent: GraphQLObjectType, node: FieldNode, sizes: Sizes, walk: Walk): number {
    const definition = parent.getFields()[node.name.value];
    if (!definition) return 0;
    const named = getNamedType(definition.type);
    const weight = this.weightOf(parent, node.name.value, named.name, isCompositeType(named));
    const args = getArgumentValues(definition, node, walk.variables);
    const listSize = this.model.listSize(parent.name, node.name.value);
    const size = listSize ? this.slicedSize(listSize, args) : this.defaults.listSize;
    const childSizes = listSize && listSize.sizedFields.length > 0 ? new Map(listSize.sizedFields.map((f) => [f, size])) : null;
    const children = isCompositeType(named) && node.selectionSet ? this.selectionsCost(named, node.selectionSet, childSizes, walk) : 0;
    const multiplier = sizes?.get(node.name.value) ?? (isListType(getNullableType(definition.type)) && !childSizes ? size : 1);
    return multiplier * (weight + children) + this.argumentsWeight(parent.name, node.name.value, definition.args, args);
  }

  private selectionsActual(type: GraphQLCompositeType, selectionSet: SelectionSetNode, value: Record<string, unknown>, walk: Walk): number {
    const typename = value.__typename;
    const concretes = typeof typename === 'string' && isObjectType(this.schema.getType(typename)) ? [this.schema.getType(typename) as GraphQLObjectType] : this.concreteTypes(type);
    let most = 0;
    for (const concrete of concretes) {
      let sum = 0;
      for (const field of this.fieldsFor(concrete, selectionSet, walk)) sum += this.fieldActual(concrete, field, value[(field.alias ?? field.name).value], walk);
      most = Math.max(most, sum);
    }
    return most;
  }

  private fieldActual(parent: GraphQLObjectType, node: FieldNode, value: unknown, walk: Walk): number {
    if (value === undefined) return 0;
    const definition = parent.getFields()[node.name.value];
    if (!definition) return 0;
    const named = getNamedType(definition.type);
    const composite = isCompositeType(named);
    const weight = this.weightOf(parent, node.name.value, named.name, composite);
    const args = getArgumentValues(definition, node, walk.variables);
    const one = (item: unknown): number => {
      if (Array.isArray(item)) return item.reduce((sum: number, inner) => sum + one(inner), 0);
      return weight + (composite && node.selectionSet && isRecord(item) ? this.selectionsActual(named, node.selectionSet, item, walk) : 0);
    };
    return one(value) + this.argumentsWeight(parent.name, node.name.value, definition.args, args);
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
