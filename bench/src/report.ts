import type { LoadResult } from './load.js';

/** a ÷ b to three significant digits: the floor ratios are small, two decimals would blur them. */
const ratio = (a: number, b: number) => Number((a / b).toPrecision(3));

export interface Measured extends LoadResult {
  /** CPU per iteration of the process answering the load (router, competitor, SQL endpoint); null when that is a subgraph. */
  frontCpuMs: number | null;
  frontRssMb: number | null;
  /** CPU per iteration of the subgraphs' process: what the front made them do. */
  subgraphsCpuMs: number;
  /** CPU per iteration of the PostgreSQL backends connected to the benchmark's database. */
  postgresCpuMs: number;
  /** CPU per iteration of this process, the load generator (it shares the two cores). */
  loadCpuMs: number;
}

export interface Statements {
  deep10: number;
  deep50: number;
  simple10: number;
  order: number;
}

export interface Ratio {
  key: string;
  meaning: string;
  value: number;
  /** Not a headline: merging of identical requests, or the merging setting on real traffic. */
  apart?: true;
}

const GATEWAYS = ['stockApolloGateway', 'hiveMergingOff', 'hiveMergingOn'];

export function computeRatios(results: Record<string, Measured>, competitors: boolean): Ratio[] {
  const rps = (name: string) => results[name]!.rps;
  const list: Ratio[] = [
    { key: 'simpleVsSqlFloor', meaning: 'simple: graph ÷ SQL floor, req/s', value: ratio(rps('router/simple'), rps('sql/simple')) },
    { key: 'deepVsSqlFloor', meaning: 'deep: graph ÷ SQL floor, req/s', value: ratio(rps('router/deep'), rps('sql/deep')) },
    { key: 'ordersVsSqlFloor', meaning: 'orders: graph ÷ SQL floor, orders/s', value: ratio(rps('router/order'), rps('sql/order')) },
    { key: 'simpleVsCrmDirect', meaning: 'simple: router ÷ crm subgraph directly, req/s', value: ratio(rps('router/simple'), rps('crmDirect/simple')) },
    {
      key: 'simpleP50VsCrmDirect',
      meaning: 'simple: router ÷ crm subgraph directly, p50 latency',
      value: ratio(results['router/simple']!.p50, results['crmDirect/simple']!.p50),
    },
  ];
  if (competitors) {
    for (const query of ['simple', 'deep']) {
      for (const gateway of GATEWAYS) {
        list.push({ key: `${query}Vs${gateway[0]!.toUpperCase()}${gateway.slice(1)}`, meaning: `${query}: router ÷ ${gateway}, req/s`, value: ratio(rps(`router/${query}`), rps(`${gateway}/${query}`)) });
      }
    }
  }
  for (const query of ['simple', 'deep']) {
    const Query = query[0]!.toUpperCase() + query.slice(1);
    list.push(
      { key: `mergingOnVsOff${Query}`, meaning: `${query}: router merging on ÷ off, same distinct-caller traffic`, value: ratio(rps(`routerMergingOn/${query}`), rps(`router/${query}`)), apart: true },
      {
        key: `identicalMergedVsDistinct${Query}`,
        meaning: `${query}: identical requests of one caller, merging on ÷ headline`,
        value: ratio(rps(`routerMergingOnIdentical/${query}`), rps(`router/${query}`)),
        apart: true,
      },
    );
  }
  return list;
}

function row(name: string, m: Measured): string {
  const ms = (value: number | null) => (value === null ? '    -' : value.toFixed(2).padStart(5));
  return (
    `  ${name.padEnd(32)} ${m.rps.toFixed(0).padStart(6)}/s  p50 ${m.p50.toFixed(1).padStart(6)} ms  p99 ${m.p99.toFixed(1).padStart(6)} ms  err ${String(m.errors).padStart(3)}` +
    `  cpu ms each: front ${ms(m.frontCpuMs)}  subgraphs ${ms(m.subgraphsCpuMs)}  postgres ${ms(m.postgresCpuMs)}  loadgen ${ms(m.loadCpuMs)}`
  );
}

export function printReport(
  results: Record<string, Measured>,
  statements: Statements,
  ratios: Ratio[],
  counts: { readers: number; writers: number; competitors: boolean },
): void {
  const show = (title: string, names: string[]) => {
    console.log(`\n${title}`);
    for (const name of names) if (results[name]) console.log(row(name, results[name]));
  };
  show(`HEADLINE — ${counts.readers} distinct callers, varied arguments, router with in-flight merging OFF ("front" = router / SQL endpoint):`, [
    'router/simple',
    'sql/simple',
    'crmDirect/simple',
    'router/deep',
    'sql/deep',
  ]);
  show(`Orders created and placed by ${counts.writers} distinct callers (one iteration = one order; graph: createOrder + placeOrder):`, ['router/order', 'sql/order']);
  if (counts.competitors) show('Competitors, the same distinct-caller traffic:', ['simple', 'deep'].flatMap((q) => GATEWAYS.map((g) => `${g}/${q}`)));
  show('APART — router with in-flight merging ON, the same distinct-caller traffic:', ['routerMergingOn/simple', 'routerMergingOn/deep']);
  show('APART — merging ON, every client sends the SAME document and variables as the SAME caller (not real traffic):', [
    'routerMergingOnIdentical/simple',
    'routerMergingOnIdentical/deep',
  ]);
  console.log(
    `\nSQL statements per request, graph vs floor: deep query for 10 customers ${statements.deep10} vs 1, for 50 customers ${statements.deep50} vs 1;` +
      ` simple ${statements.simple10} vs 1; an order created and placed ${statements.order} vs 2`,
  );
  console.log('\nRatios measured in this run:');
  for (const r of ratios.filter((r) => !r.apart)) console.log(`  ${`${r.value}×`.padStart(7)}  ${r.meaning}`);
  console.log('Apart (merging; not a headline):');
  for (const r of ratios.filter((r) => r.apart)) console.log(`  ${`${r.value}×`.padStart(7)}  ${r.meaning}`);
}
