import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '@erp/app';
import { startRouter, type RunningRouter } from '@erp/router';
import { LoginDocument } from '../generated/graphql.js';
import { TEST_ADMIN, TEST_ROUTER_SECRET } from '../support/constants.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();
const CHROMIUM = '/usr/bin/chromium';
const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('the explorer', () => {
  it('answers a browser opening the graph URL with GraphiQL, every asset served by the router itself', async () => {
    const page = await fetch(t.platform.router.graphqlUrl, { headers: html });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const body = await page.text();
    const assets = [...body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toContain('/explorer/graphiql.min.js');
    expect(assets.every((asset) => asset.startsWith('/explorer/'))).toBe(true);
    for (const asset of assets) {
      const response = await fetch(`${t.platform.router.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    expect((await fetch(`${t.platform.router.url}/explorer/../package.json`)).status).toBe(404);
  });

  it('leaves GraphQL over GET to clients that ask for JSON, or that send a query', async () => {
    const json = await fetch(`${t.platform.router.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: html });
    expect(await json.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('is off when the router is told so (NODE_ENV=production without ROUTER_EXPLORER=on)', async () => {
    const router: RunningRouter = await startRouter({
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      subgraphUrls: Object.fromEntries(Object.entries(t.platform.subgraphs).map(([name, running]) => [name, running.url])),
      routerSecret: TEST_ROUTER_SECRET,
      port: 0,
      explorer: false,
    });
    try {
      const page = await fetch(router.graphqlUrl, { headers: html });
      expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
      expect((await fetch(`${router.url}/explorer/graphiql.min.js`)).status).toBe(404);
    } finally {
      await router.close();
    }
  });
});

describe('the explorer in a browser (headless Chromium)', () => {
  let browser: Browser | null = null;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      console.log(`Skipping the browser test of the explorer: ${CHROMIUM} is absent (apt-get install chromium).`);
      return;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!existsSync(CHROMIUM))('loads GraphiQL, runs a query with the token from the header editor, and shows the answer', async () => {
    const page = await browser!.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(t.platform.router.url) && !request.url().startsWith('ws://127.0.0.1')) external.push(request.url());
    });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(t.platform.router.graphqlUrl);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });

    const login = await t.anonymous.data(LoginDocument, TEST_ADMIN);
    // GraphiQL's editors are CodeMirror 5 instances, reachable from their elements (scripts run in the page, whose
    // DOM types this Node project does not have). The operation keeps the default's name: GraphiQL takes the
    // operation name from the editor a moment after a change, and a click within that moment sends the old one.
    await page.evaluate(`(() => {
      const editors = [...document.querySelectorAll('.CodeMirror')];
      document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('query Me { me { email roles } }');
      const headers = editors.find((editor) => editor.CodeMirror.getValue().includes('Authorization'));
      headers.CodeMirror.setValue(${JSON.stringify(JSON.stringify({ Authorization: `Bearer ${login.login.accessToken}` }))});
    })()`);
    // GraphiQL reads the operation name from the editor after a debounce; under load a click right away sends the
    // previous one.
    await page.waitForTimeout(1_000);
    await page.click('.graphiql-execute-button');
    // Polled from here: waitForFunction re-evaluates a string predicate with eval inside the page, which the
    // explorer's Content-Security-Policy (rightly) forbids; page.evaluate runs through the DevTools protocol.
    const readAnswer = `(() => {
      const result = document.querySelector('.graphiql-response .CodeMirror');
      const text = result ? result.CodeMirror.getValue() : '';
      return text.includes('"me"') || text.includes('"errors"') ? text : null;
    })()`;
    let text: string | null = null;
    for (const deadline = Date.now() + 30_000; text === null && Date.now() < deadline; ) {
      text = (await page.evaluate(readAnswer)) as string | null;
      if (text === null) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(text, 'GraphiQL showed an answer').not.toBeNull();
    const shown = JSON.parse(text!);
    expect(shown).toMatchObject({ data: { me: { email: TEST_ADMIN.email, roles: ['ADMIN'] } } });
    expect(external).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });
});
