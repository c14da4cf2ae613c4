import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Kind, parse, type ConstDirectiveNode, type ObjectTypeDefinitionNode, type EnumTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { subgraphDefinitions, SUPERGRAPH_PATH } from '@erp/app';
import { isAuditedMutation, OutboxEvent } from '@erp/platform';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Every Mutation field of the committed supergraph, with the subgraph that resolves it. */
function supergraphMutations(): { field: string; subgraph: string }[] {
  const document = parse(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  const graphs = document.definitions.find((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph')!;
  const stringArg = (directive: ConstDirectiveNode | undefined, name: string) => {
    const value = directive?.arguments?.find((arg) => arg.name.value === name)?.value;
    return value?.kind === Kind.STRING || value?.kind === Kind.ENUM ? value.value : undefined;
  };
  const nameOf = new Map(graphs.values!.map((value) => [value.name.value, stringArg(value.directives!.find((d) => d.name.value === 'join__graph'), 'name')!]));
  const mutation = document.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation')!;
  const owners = mutation.directives!.filter((d) => d.name.value === 'join__type').map((d) => stringArg(d, 'graph')!);
  return mutation.fields!.map((field) => {
    const graph = stringArg(field.directives?.find((d) => d.name.value === 'join__field'), 'graph') ?? (owners.length === 1 ? owners[0]! : '?');
    return { field: field.name.value, subgraph: nameOf.get(graph) ?? graph };
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'generated.ts' ? [path] : [];
  });
}

/** Writes the unit of work does not see: its changes must be audited by hand (`auditOutboxEvent`, `recordAudit`). */
const HAND_WRITE = /\.native(?:Update|Delete|Insert)\(|createQueryBuilder\(|\binsert into\b|\bupdate \$\{|\bdelete from\b/gi;

/**
 * Files whose hand-written writes are not audited, each with how many and why. A new one (or another write in one of
 * these) fails the test until it records its audit or is listed here with its reason.
 */
const NOT_AUDITED_BY_DESIGN: Record<string, { writes: number; why: string }> = {
  'subgraphs/identity/src/modules/auth/auth.service.ts': {
    writes: 2,
    why: "login's lastLoginAt and the one-time claim of a refresh token: bookkeeping of a session whose creation (a RefreshToken) is audited",
  },
  'subgraphs/identity/src/modules/api-key/api-key.service.ts': { writes: 1, why: "a key's lastUsedAt, written by the router's key check, not by a mutation" },
  'subgraphs/notifications/src/modules/template/default-templates.ts': { writes: 1, why: 'the default templates, inserted at start-up, not by a caller' },
  'subgraphs/notifications/src/modules/webhook/webhook-endpoint.service.ts': {
    writes: 1,
    why: "disabling a revoked key's endpoints, a reaction to apikey.revoked whose revocation identity audits",
  },
  'subgraphs/notifications/src/modules/partner-event/partner-event.service.ts': {
    writes: 4,
    why: "the partner feed's copy of other subgraphs' events, its deliveries and their outbox events (audited where they happened) and the retention purge",
  },
  'subgraphs/identity/src/modules/audit/audit-log.service.ts': { writes: 1, why: 'the audit trail itself: the entries identity stores from every subgraph’s audit.recorded' },
  'subgraphs/inventory/src/modules/reservation/reservation-write.repository.ts': {
    writes: 4,
    why: "an order's reservation, written by placeOrder's one statement in inventory: each change of a level is a stock movement naming who, when and the order, in the append-only ledger",
  },
  'subgraphs/sales/src/modules/order/order-write.repository.ts': {
    writes: 7,
    why: 'the statements of the order hot path insert the audit rows their services build with auditOutboxEvent (order-placement, order-lifecycle)',
  },
};

describe('every mutation of the supergraph is audited', () => {
  const mutations = supergraphMutations();

  it('finds the mutations of every subgraph in the supergraph', () => {
    expect(mutations.length).toBeGreaterThan(40);
    expect(mutations.filter((m) => m.subgraph === '?')).toEqual([]);
  });

  it('runs each one in an audit scope, in a subgraph with an outbox to record it in', async () => {
    const definitions = new Map(subgraphDefinitions().map((definition) => [definition.name, definition]));
    const schemas = new Map(await Promise.all([...definitions].map(async ([name, definition]) => [name, await definition.buildSchema()] as const)));
    const uncovered = mutations.filter(({ field, subgraph }) => {
      const resolver = schemas.get(subgraph)?.getMutationType()?.getFields()[field];
      return !resolver || !isAuditedMutation(resolver) || !definitions.get(subgraph)!.entities.includes(OutboxEvent);
    });
    expect(uncovered).toEqual([]);
  });

  it('audits the writes that bypass the unit of work by hand, or names why not', () => {
    const found: Record<string, number> = {};
    for (const file of sourceFiles(join(ROOT, 'subgraphs'))) {
      const text = readFileSync(file, 'utf8');
      const writes = text.match(HAND_WRITE)?.length ?? 0;
      if (writes > 0 && !/\b(auditOutboxEvent|recordAudit)\(/.test(text)) found[relative(ROOT, file)] = writes;
    }
    expect(found).toEqual(Object.fromEntries(Object.entries(NOT_AUDITED_BY_DESIGN).map(([file, { writes }]) => [file, writes])));
  });
});
