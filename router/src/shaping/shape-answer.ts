import { isValidLeafValue, type Type } from '@apollo/federation-internals';
import { isSkipped, type AnswerShape, type Check, type FieldStep, type Level, type Step } from './answer-shape.js';

/** The answer has something the fast path does not mirror: the gateway's own shaping must build the response. */
export const UNSURE: unique symbol = Symbol('unsure');

/**
 * The response data the gateway's `computeResponse` builds from the merged subgraph data `input`, built from the
 * operation's compiled shape — or UNSURE wherever the gateway would report an error, bubble a null up or meet
 * something the shape does not mirror (a `__typename` naming another type, a value of the wrong kind), so that the
 * gateway shapes those answers as always. Like the gateway it copies only the selected fields, in selection order,
 * into new objects (keys the plan added for its own fetches stay behind) and leaves `input` untouched.
 *
 * The gateway re-reads the operation's selections and directives for every object of every answer; here they were
 * read once per operation, so an object costs a loop over its fields.
 */
export function shapeAnswer(input: Record<string, unknown>, shape: AnswerShape, variables: Record<string, unknown> | undefined): Record<string, unknown> | typeof UNSURE {
  return shapeObject(input, shape.root, { schema: shape.schema, defaults: shape.defaults, variables: variables ?? {} });
}

function shapeObject(input: Record<string, unknown>, level: Level, check: Check): Record<string, unknown> | typeof UNSURE {
  const output = Object.create(null) as Record<string, unknown>;
  return shapeLevelInto(input, level, output, check) ? output : UNSURE;
}

/** Writes one object's selections into `output` (a new object, or the one an earlier selection of the field built). */
function shapeLevelInto(input: Record<string, unknown>, level: Level, output: Record<string, unknown>, check: Check): boolean {
  // The gateway shapes an object as the type its `__typename` names: only the field's own type is mirrored.
  const typename = input.__typename;
  if (typename !== undefined && typename !== level.typename) return false;
  return shapeSteps(input, level.steps, output, typename !== undefined, check);
}

function shapeSteps(input: Record<string, unknown>, steps: Step[], output: Record<string, unknown>, hasTypename: boolean, check: Check): boolean {
  for (const step of steps) {
    if (step.conditions) {
      const skipped = isSkipped(step.conditions, check);
      if (skipped === null) return false;
      if (skipped) continue;
    }
    if (step.kind === 'fragment') {
      if ((hasTypename ? step.appliesWithTypename : step.appliesWithoutTypename) && !shapeSteps(input, step.steps, output, hasTypename, check)) return false;
      continue;
    }
    const { responseName } = step;
    const built = output[responseName];
    if (built !== undefined) {
      // A name selected again: a leaf keeps its first value, a null stays, an object takes this selection's fields too.
      if (built !== null && step.object && !mergeValue(built, input[responseName], step.type, step, check)) return false;
      continue;
    }
    let value = Object.hasOwn(input, responseName) ? input[responseName] : undefined;
    if (step.typename) {
      if ((value === undefined || value === null) && responseName !== '__typename') value = input.__typename;
      const type = typeof value === 'string' ? (check.schema.type(value) ?? step.parentType) : step.parentType;
      if (type.kind !== 'ObjectType') return false;
      output[responseName] = type.name;
      continue;
    }
    const shaped = shapeValue(value ?? null, step.type, step, check);
    if (shaped === UNSURE) return false;
    output[responseName] = shaped;
  }
  return true;
}

/**
 * Applies a repeated object field's selection to what its first selection built from the same value, as the gateway
 * does: into the same objects, element by element of a list, nulls left as they are.
 */
function mergeValue(built: unknown, value: unknown, type: Type, step: FieldStep, check: Check): boolean {
  if (built === null) return true;
  switch (type.kind) {
    case 'NonNullType':
      return mergeValue(built, value, type.ofType, step, check);
    case 'ListType': {
      if (!Array.isArray(built) || !Array.isArray(value) || built.length !== value.length) return false;
      for (let index = 0; index < built.length; index += 1) if (!mergeValue(built[index], value[index], type.ofType, step, check)) return false;
      return true;
    }
    default:
      if (!step.object || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      return shapeLevelInto(value as Record<string, unknown>, step.object, built as Record<string, unknown>, check);
  }
}

function shapeValue(value: unknown, type: Type, step: FieldStep, check: Check): unknown {
  switch (type.kind) {
    case 'NonNullType':
      // The gateway reports null in a non-null position and bubbles it up: its own shaping does that.
      return value === null ? UNSURE : shapeValue(value, type.ofType, step, check);
    case 'ListType': {
      if (value === null) return null;
      if (!Array.isArray(value)) return UNSURE;
      const list = new Array<unknown>(value.length);
      for (let index = 0; index < value.length; index += 1) {
        const element = value[index] as unknown;
        if (element === undefined) return UNSURE;
        const shaped = shapeValue(element, type.ofType, step, check);
        if (shaped === UNSURE) return UNSURE;
        list[index] = shaped;
      }
      return list;
    }
    default:
      if (value === null) return null;
      if (step.object) return typeof value === 'object' && !Array.isArray(value) ? shapeObject(value as Record<string, unknown>, step.object, check) : UNSURE;
      return step.leaf !== null && isValidLeafValue(check.schema, value, step.leaf) ? value : UNSURE;
  }
}
