import { parse, visit, type ConstDirectiveNode, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/** `Type.field` → the permissions `@Authorized` lists on it (any one suffices; none: signed in). */
export type DeclaredAccess = ReadonlyMap<string, readonly string[]>;

interface Guarded {
  schemaName: string;
  roles?: unknown[];
}

/**
 * What every `@Authorized` field of the schema type-graphql just built asks for, read from type-graphql's metadata
 * (which holds every subgraph's classes of the process; only the fields of this schema's types are used).
 */
export function declaredAccess(): DeclaredAccess {
  const storage = getMetadataStorage();
  const typeNames = new Map<Function, string>();
  for (const type of [...storage.objectTypes, ...storage.interfaceTypes]) typeNames.set(type.target, type.name);
  const access = new Map<string, readonly string[]>();
  const note = (type: string | undefined, field: Guarded) => {
    if (type && Array.isArray(field.roles)) access.set(`${type}.${field.schemaName}`, field.roles.map(String));
  };
  for (const query of storage.queries) note('Query', query);
  for (const mutation of storage.mutations) note('Mutation', mutation);
  for (const subscription of storage.subscriptions) note('Subscription', subscription);
  for (const resolver of storage.fieldResolvers) {
    const objectType = resolver.getObjectType?.();
    note(objectType ? typeNames.get(objectType) : undefined, resolver);
  }
  for (const field of storage.fields) note(typeNames.get(field.target), field);
  return access;
}

/**
 * Our own composed directive: `@permission(anyOf: ["a", "b"])` on a field says that a caller needs one of these
 * permissions (`@Authorized('a', 'b')`; `anyOf: []`: signed in). Federation's `@requiresScopes` would say the same,
 * but @apollo/gateway refuses supergraphs with SECURITY features it does not enforce itself.
 */
export const ACCESS_DIRECTIVE_LINK =
  'extend schema @link(url: "https://erp.dev/permission/v1.0", import: ["@permission"]) @composeDirective(name: "@permission")\n' +
  'directive @permission(anyOf: [String!]!) on FIELD_DEFINITION\n';

/**
 * Publishes who may use each guarded field in the SDL (`@permission`), so the supergraph documents each field's
 * permission for partners and the security suite reads them from it (docs/architecture.md, "Security suite"). The
 * subgraphs enforce them; the router does not read them.
 */
export function withAccessDirectives(typeDefs: DocumentNode, access: DeclaredAccess): DocumentNode {
  let type = '';
  const enter = (node: { name: { value: string } }) => {
    type = node.name.value;
    return undefined;
  };
  return visit(typeDefs, {
    ObjectTypeDefinition: enter,
    ObjectTypeExtension: enter,
    InterfaceTypeDefinition: enter,
    InterfaceTypeExtension: enter,
    FieldDefinition(field) {
      const permissions = access.get(`${type}.${field.name.value}`);
      if (!permissions) return undefined;
      return { ...field, directives: [...(field.directives ?? []), accessDirective(permissions)] };
    },
  });
}

function accessDirective(permissions: readonly string[]): ConstDirectiveNode {
  const usage = `@permission(anyOf: ${JSON.stringify(permissions)})`;
  const declared = parse(`type Declared { field: Int ${usage} }`, { noLocation: true }).definitions[0] as ObjectTypeDefinitionNode;
  return declared.fields![0]!.directives![0]!;
}
