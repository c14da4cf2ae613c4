import {
  baseType,
  isSubtype,
  isValidLeafValue,
  Variable,
  type CompositeType,
  type EnumType,
  type ObjectType,
  type Operation,
  type ScalarType,
  type Schema,
  type Selection,
  type SelectionSet,
  type Type,
} from '@apollo/federation-internals';

/**
 * An operation compiled once for the gateway's result shaping (`computeResponse` in @apollo/gateway's
 * resultShaping.js): what the router shapes answers with (`shapeAnswer`) and what the single-fetch path checks a
 * subgraph's reply against (`hasAnswerShape`: would shaping return it unchanged?). Shaping walks the operation's
 * selections and builds a new object per level, keys in the order the selections first assign them; it turns invalid
 * leaves and nulls in non-null positions into errors. An answer that already has exactly those keys in that order,
 * valid leaves and nulls only where allowed, comes out equal to itself. Both walk the same selections in the same
 * order, with the same @skip/@include and fragment rules, and say no whenever they are not sure: then the gateway
 * shapes the answer as usual.
 */
export interface AnswerShape {
  schema: Schema;
  root: Level;
  /** Variable defaults of the operation, which @skip/@include see as the gateway does. */
  defaults: Record<string, unknown>;
  /**
   * Some object field is selected twice under one name in one object (through fragments): shaping merges both
   * selections into one output object, which `shapeAnswer` follows and `hasAnswerShape` does not mirror.
   */
  mergesObjects: boolean;
}

/** One object of the answer: its (object) type and the selections that shape it. */
export interface Level {
  typename: string;
  steps: Step[];
}

/** `@skip(if:)` or `@include(if:)`: a literal, or the name of a variable. */
interface Condition {
  skip: boolean;
  value: boolean | string;
}

export type Step = FieldStep | FragmentStep;

export interface FieldStep {
  kind: 'field';
  responseName: string;
  conditions: Condition[] | null;
  /**
   * The name appears more than once in this object (through fragments): a leaf's first active occurrence gives its
   * value, an object's later occurrences add their fields to the object the first one built.
   */
  repeats: boolean;
  /** `__typename`: shaping writes the object's type name. */
  typename: boolean;
  /** The type the selection is in (a fragment's type condition, else the object's): `__typename`'s fallback. */
  parentType: CompositeType;
  type: Type;
  /** The leaf's type, or the level of an object field. */
  leaf: ScalarType | EnumType | null;
  object: Level | null;
}

interface FragmentStep {
  kind: 'fragment';
  conditions: Condition[] | null;
  /** Whether shaping applies the fragment when the object carries a `__typename` (its own type's) or not. */
  appliesWithTypename: boolean;
  appliesWithoutTypename: boolean;
  steps: Step[];
}

/** Thrown while compiling for selections whose shaping this check does not mirror (abstract types, introspection). */
export class NotMirrored extends Error {}

/** The shape of the answers to `operation` (as the gateway builds it for execution), or NotMirrored. */
export function compileAnswerShape(operation: Operation): AnswerShape {
  const schema = operation.schema();
  const rootType = schema.schemaDefinition.rootType(operation.rootKind);
  if (!rootType) throw new NotMirrored(`no ${operation.rootKind} root type`);
  const found = { mergesObjects: false };
  const root = compileLevel(schema, operation.selectionSet, rootType, found);
  return { schema, root, defaults: operation.collectDefaultedVariableValues(), mergesObjects: found.mergesObjects };
}

/** What compiling found across the whole operation. */
interface Found {
  mergesObjects: boolean;
}

function compileLevel(schema: Schema, selectionSet: SelectionSet, type: ObjectType, found: Found): Level {
  const steps = compileSteps(schema, selectionSet, type, type, found);
  if (markRepeats(steps)) found.mergesObjects = true;
  return { typename: type.name, steps };
}

function compileSteps(schema: Schema, selectionSet: SelectionSet, objectType: ObjectType, parentType: CompositeType, found: Found): Step[] {
  return selectionSet.selections().map((selection): Step => {
    const conditions = conditionsOf(schema, selection);
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      if (field.definition.isSchemaIntrospectionField()) throw new NotMirrored('introspection');
      const type = field.definition.type!;
      const base = baseType(type);
      const step: FieldStep = {
        kind: 'field',
        responseName: field.responseName(),
        conditions,
        repeats: false,
        typename: field.name === '__typename',
        parentType,
        type,
        leaf: null,
        object: null,
      };
      if (step.typename) return step;
      if (base.kind === 'ScalarType' || base.kind === 'EnumType') step.leaf = base;
      else if (base.kind === 'ObjectType' && selection.selectionSet) step.object = compileLevel(schema, selection.selectionSet, base, found);
      // Interfaces and unions: shaping resolves the runtime type from `__typename`; not mirrored here.
      else throw new NotMirrored(`field of abstract type ${base.name}`);
      return step;
    }
    const typeCondition = selection.element.typeCondition;
    return {
      kind: 'fragment',
      conditions,
      appliesWithTypename: !typeCondition || isSubtype(typeCondition, objectType),
      appliesWithoutTypename: !typeCondition || isSubtype(typeCondition, parentType),
      steps: compileSteps(schema, selection.selectionSet, objectType, typeCondition ?? parentType, found),
    };
  });
}

function conditionsOf(schema: Schema, selection: Selection): Condition[] | null {
  const conditions: Condition[] = [];
  for (const [skip, definition] of [
    [true, schema.skipDirective()],
    [false, schema.includeDirective()],
  ] as const) {
    const directive = selection.element.appliedDirectivesOf(definition)[0];
    if (!directive) continue;
    const value = (directive.arguments() as { if: unknown }).if;
    if (value instanceof Variable) conditions.push({ skip, value: value.name });
    else if (typeof value === 'boolean') conditions.push({ skip, value });
    else throw new NotMirrored('unexpected @skip/@include argument');
  }
  return conditions.length > 0 ? conditions : null;
}

/**
 * Marks the names selected twice in one object: shaping keeps the first value of a leaf, and for an object merges the
 * later selections into the object the first one built. True when an object field is among them.
 */
function markRepeats(steps: Step[]): boolean {
  const seen = new Map<string, FieldStep[]>();
  const visit = (list: Step[]) => {
    for (const step of list) {
      if (step.kind === 'fragment') visit(step.steps);
      else seen.set(step.responseName, [...(seen.get(step.responseName) ?? []), step]);
    }
  };
  visit(steps);
  let objects = false;
  for (const occurrences of seen.values()) {
    if (occurrences.length < 2) continue;
    if (occurrences.some((step) => step.object)) objects = true;
    for (const step of occurrences) step.repeats = true;
  }
  return objects;
}

/** Where a check runs: the operation's shape and the request's variables. */
export interface Check {
  schema: Schema;
  defaults: Record<string, unknown>;
  variables: Record<string, unknown>;
}

/** True when the gateway's shaping would return `data` (a subgraph's `data`) unchanged, with no errors. */
export function hasAnswerShape(data: unknown, shape: AnswerShape, variables: Record<string, unknown> | undefined): boolean {
  if (!isObject(data) || shape.mergesObjects) return false;
  return matchesLevel(data, shape.root, { schema: shape.schema, defaults: shape.defaults, variables: variables ?? {} });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchesLevel(input: Record<string, unknown>, level: Level, check: Check): boolean {
  // Shaping takes a `__typename` in the answer as the object's runtime type: only its own type is mirrored.
  const hasTypename = Object.hasOwn(input, '__typename');
  if (hasTypename && input.__typename !== level.typename) return false;
  const keys = Object.keys(input);
  return walk(input, keys, 0, level.steps, level.typename, hasTypename, check) === keys.length;
}

/** Follows the steps over the object's keys from `position`; the position after them, or -1 on a difference. */
function walk(input: Record<string, unknown>, keys: string[], position: number, steps: Step[], typename: string, hasTypename: boolean, check: Check): number {
  for (const step of steps) {
    if (step.conditions) {
      const skipped = isSkipped(step.conditions, check);
      if (skipped === null) return -1;
      if (skipped) continue;
    }
    if (step.kind === 'fragment') {
      if (!(hasTypename ? step.appliesWithTypename : step.appliesWithoutTypename)) continue;
      position = walk(input, keys, position, step.steps, typename, hasTypename, check);
      if (position < 0) return -1;
      continue;
    }
    if (step.repeats) {
      const at = keys.indexOf(step.responseName);
      if (at >= 0 && at < position) continue;
    }
    if (keys[position] !== step.responseName) return -1;
    const value = input[step.responseName];
    if (step.typename ? value !== typename : !matchesValue(value, step.type, step, check)) return -1;
    position += 1;
  }
  return position;
}

/** Shaping's @skip/@include: skip first, then include; a condition that is not a boolean fails there (null here). */
export function isSkipped(conditions: Condition[], check: Check): boolean | null {
  for (const condition of conditions) {
    const value =
      typeof condition.value === 'boolean'
        ? condition.value
        : Object.hasOwn(check.variables, condition.value)
          ? check.variables[condition.value]
          : check.defaults[condition.value];
    if (typeof value !== 'boolean') return null;
    if (condition.skip ? value : !value) return true;
  }
  return false;
}

function matchesValue(value: unknown, type: Type, step: FieldStep, check: Check): boolean {
  switch (type.kind) {
    case 'NonNullType':
      return value !== null && value !== undefined && matchesValue(value, type.ofType, step, check);
    case 'ListType':
      if (value === null) return true;
      if (!Array.isArray(value)) return false;
      for (const element of value) if (!matchesValue(element, type.ofType, step, check)) return false;
      return true;
    default:
      if (value === null) return true;
      if (step.object) return isObject(value) && matchesLevel(value, step.object, check);
      return step.leaf !== null && value !== undefined && isValidLeafValue(check.schema, value, step.leaf);
  }
}
