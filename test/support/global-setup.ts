import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { startPlatform } from '@erp/stack';
import { TEST_ADMIN, TEST_ROUTER_SECRET } from './constants.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh database per run: created here, migrated once, dropped at the end. */
export default async function setup(project: TestProject) {
  const name = `erp_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();

  const platform = await startPlatform({
    databaseUrl,
    routerSecret: TEST_ROUTER_SECRET,
    routerPort: 0,
    defaultSubgraphPorts: false,
    identity: { admin: TEST_ADMIN },
  });
  await platform.stop();
  project.provide('databaseUrl', databaseUrl);

  return async () => {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
