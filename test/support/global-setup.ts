import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { startPlatform } from '@erp/app';
import { TEST_ADMIN, TEST_ROUTER_SECRET } from './constants.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database migrated once per run, which every test file clones into a database of its own. */
    templateDatabase: string;
  }
}

/** Migrates one template database per run; at the end drops it and every clone the files made of it. */
export default async function setup(project: TestProject) {
  const name = `erp_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;

  const platform = await startPlatform({
    databaseUrl: url.toString(),
    routerSecret: TEST_ROUTER_SECRET,
    routerPort: 0,
    defaultSubgraphPorts: false,
    identity: { admin: TEST_ADMIN },
  });
  await platform.stop();
  project.provide('templateDatabase', name);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${name}%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}
