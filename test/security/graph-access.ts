import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  valueFromASTUntyped,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** A root field of the supergraph, whom it is served by, and the permissions it declares (`@permission`). */
export interface RootField {
  root: 'Query' | 'Mutation';
  name: string;
  subgraph: string;
  /** Any one suffices (`@permission(anyOf:)`); []: signed in; null: declares nothing (public, or checks in its service). */
  permissions: string[] | null;
}

/** Every root Query and Mutation field with what it declares, read from the supergraph's SDL. */
export function rootFields(supergraphSdl: string): RootField[] {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphs = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph')?.arguments?.find((a) => a.name.value === 'name');
      if (name) graphs.set(value.name.value, String(valueFromASTUntyped(name.value)));
    }
  }
  const fields: RootField[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || (definition.name.value !== 'Query' && definition.name.value !== 'Mutation')) continue;
    for (const field of definition.fields ?? []) {
      const graph = field.directives?.find((d) => d.name.value === 'join__field')?.arguments?.find((a) => a.name.value === 'graph');
      const subgraph = graph ? graphs.get((graph.value as { value: string }).value) : undefined;
      // Fields between subgraphs (peer commands) are not in the graph's API: the router refuses them as unknown.
      if (!subgraph || field.directives?.some((d) => d.name.value === 'inaccessible')) continue;
      const declared = field.directives?.find((d) => d.name.value === 'permission')?.arguments?.find((a) => a.name.value === 'anyOf');
      const permissions = declared ? (valueFromASTUntyped(declared.value) as string[]) : null;
      fields.push({ root: definition.name.value, name: field.name.value, subgraph, permissions });
    }
  }
  return fields;
}

/**
 * A document that calls the field with every required argument filled with a value of the right type and of no
 * meaning (ids nobody has, `"security-suite"`), selecting only `__typename`: the permission check comes first, and a
 * caller it lets through gets a NOT_FOUND or BAD_USER_INPUT rather than a change that means anything.
 */
export function probeOperation(schema: GraphQLSchema, field: RootField, text = '"security-suite"'): string {
  const type = field.root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
  const definition = type.getFields()[field.name]!;
  const args = definition.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => `${a.name}: ${literal(a.type, text, 0)}`);
  const call = `${field.name}${args.length ? `(${args.join(', ')})` : ''}`;
  return `${field.root === 'Query' ? 'query' : 'mutation'} Probe { ${call}${selection(definition)} }`;
}

/** The same call with `text` in every String argument and input field, required or not. */
export function everyStringOperation(schema: GraphQLSchema, field: RootField, text: string): string | null {
  const type = field.root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
  const definition = type.getFields()[field.name]!;
  const strings = definition.args.filter((a) => takesString(a.type, 0));
  if (strings.length === 0) return null;
  const args = definition.args
    .filter((a) => (isNonNullType(a.type) && a.defaultValue === undefined) || takesString(a.type, 0))
    .map((a) => `${a.name}: ${literal(a.type, text, 0, true)}`);
  return `${field.root === 'Query' ? 'query' : 'mutation'} Hostile { ${field.name}(${args.join(', ')})${selection(definition)} }`;
}

function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
}

function takesString(type: GraphQLInputType, depth: number): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'String';
  if (!isInputObjectType(named) || depth > 3) return false;
  return Object.values(named.getFields()).some((f) => takesString(f.type, depth + 1));
}

function literal(type: GraphQLInputType, text: string, depth: number, everyString = false): string {
  if (isNonNullType(type)) return literal(type.ofType, text, depth, everyString);
  if (isListType(type)) return `[${literal(type.ofType, text, depth, everyString)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(
      (f) => (isNonNullType(f.type) && f.defaultValue === undefined) || (everyString && depth < 3 && takesString(f.type, depth + 1)),
    );
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, text, depth + 1, everyString)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'ID':
      return `"${randomUUID()}"`;
    case 'String':
      return text;
    case 'Int':
      return '1';
    case 'Float':
      return '1.5';
    case 'Boolean':
      return 'false';
    case 'JSONObject':
      return '{}';
    default:
      // Dates, money amounts and other custom scalars: a string their parser may refuse (BAD_USER_INPUT), never accept
      // as something meaningful.
      return type.name.toLowerCase().includes('date') ? '"2026-12-01T00:00:00.000Z"' : '"1"';
  }
}
