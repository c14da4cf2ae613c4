import type { GraphClient } from '@erp/app/seed';
import { pick, type Random } from './prng.js';
import { SIMPLE_QUERY, type CustomerFilterVariables, type CustomerListVariables, type CustomerOrdersVariables, type OrderStatusFilter } from './queries.js';

const PAGE_SIZES = [5, 10, 20];
const MAX_PAGES = 4;
const ORDER_PAGE_SIZES: (number | undefined)[] = [undefined, 3, 5];
const ORDER_STATUSES: (OrderStatusFilter | undefined)[] = [undefined, undefined, 'PLACED', 'CONFIRMED', 'SHIPPED'];

/** One customer listing (a filter and a page size) with the `after` of each of its first pages (page 1: none). */
interface Listing {
  first: number;
  filter?: CustomerFilterVariables;
  afters: (string | undefined)[];
}

export interface ReadArguments {
  unfiltered: Listing[];
  searches: Listing[];
  tags: Listing[];
}

type Page = { customers: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

async function walk(graph: GraphClient, first: number, filter?: CustomerFilterVariables): Promise<Listing> {
  const afters: (string | undefined)[] = [undefined];
  while (afters.length < MAX_PAGES) {
    const page = await graph.request<Page>(SIMPLE_QUERY, { first, after: afters.at(-1), filter });
    if (!page.customers.pageInfo.hasNextPage) break;
    afters.push(page.customers.pageInfo.endCursor!);
  }
  return { first, filter, afters };
}

/**
 * The listings real clients would page through, found in the seeded data: no filter, a search by each word of the
 * customers' names (company and legal form), and by tag; each with every page size and up to four pages.
 */
export async function discoverReadArguments(graph: GraphClient): Promise<ReadArguments> {
  const sample = await graph.request<Page>(SIMPLE_QUERY, { first: 100 });
  const words = [...new Set(sample.customers.edges.flatMap((e) => e.node.name.split(' ').slice(0, 2)))].sort();
  const listings = async (filters: (CustomerFilterVariables | undefined)[]) =>
    Promise.all(filters.flatMap((filter) => PAGE_SIZES.map((first) => walk(graph, first, filter))));
  return {
    unfiltered: await listings([undefined]),
    searches: await listings(words.map((search) => ({ search: search.toLowerCase() }))),
    tags: await listings([{ tag: 'key-account' }]),
  };
}

/** A customers page as a client would ask for it: 40 % unfiltered, 45 % a search, 15 % a tag; any page of those. */
export function customerListVariables(args: ReadArguments, random: Random): CustomerListVariables {
  const roll = random();
  const listing = pick(random, roll < 0.4 ? args.unfiltered : roll < 0.85 ? args.searches : args.tags);
  const after = pick(random, listing.afters);
  return { first: listing.first, ...(after ? { after } : {}), ...(listing.filter ? { filter: listing.filter } : {}) };
}

/** The same, plus how many orders per customer (default 20) and which status, if any. */
export function customerOrdersVariables(args: ReadArguments, random: Random): CustomerOrdersVariables {
  const orders = pick(random, ORDER_PAGE_SIZES);
  const status = pick(random, ORDER_STATUSES);
  return { ...customerListVariables(args, random), ...(orders ? { orders } : {}), ...(status ? { status } : {}) };
}
