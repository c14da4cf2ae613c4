/**
 * Generates the next migration of a subgraph from the difference between its entities and its migrations:
 *   node packages/platform/dist/data/create-migration-cli.js <subgraph dist/subgraph.js> <export> <src/migrations dir>
 * It applies the existing migrations to a scratch database, diffs, writes the new migration file and drops the
 * scratch database. Add the new class to the subgraph's migrations/index.ts and review the SQL before committing.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { SubgraphDefinition } from '../server/subgraph-definition.js';
import { migrate, openOrm } from './orm.js';

const [modulePath, exportName, outDir] = process.argv.slice(2);
if (!modulePath || !exportName || !outDir) {
  console.error('usage: create-migration-cli <module> <export> <outDir>');
  process.exit(2);
}
const exported = (await import(pathToFileURL(resolve(modulePath)).href))[exportName];
const definition: SubgraphDefinition = typeof exported === 'function' ? exported() : exported;
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = `erp_migration_${definition.name}_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${scratch}"`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  const orm = await openOrm({ databaseUrl: url.toString(), schema: definition.name, entities: definition.entities, migrations: definition.migrations });
  await migrate(orm);
  const result = await orm.migrator.create(resolve(outDir));
  console.log(result.fileName ? `wrote ${result.fileName}:\n${result.code}` : 'entities match the migrations: nothing to generate');
  await orm.close();
} finally {
  await admin.query(`drop database "${scratch}"`);
  await admin.end();
}
