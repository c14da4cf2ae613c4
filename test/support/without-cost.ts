/**
 * Every answer of the router ends with what it cost (`extensions.cost`, test/router/query-cost.int.test.ts); tests of
 * anything else compare the rest. bench/src/equality.ts keeps its own copy of the text form: bench imports no test code.
 */

/** `,"extensions":{"cost":{…{…}}}}` closing the router's answer, as its single-fetch path appends it to the bytes. */
const COST_EXTENSION = /,"extensions":\{"cost":\{[^{}]*\{[^{}]*\}\}\}\}\n$/;

/** The answer's text without its `extensions.cost`; throws if it carries none. */
export function textWithoutCost(text: string): string {
  if (!COST_EXTENSION.test(text)) throw new Error(`The router's answer carries no extensions.cost: ${text}`);
  return text.replace(COST_EXTENSION, '}\n');
}

/** The parsed answer without `extensions.cost`, and without `extensions` when nothing else was in it. */
export function withoutCost<T extends object>(body: T): T {
  const { extensions, ...rest } = body as T & { extensions?: Record<string, unknown> };
  const { cost: _cost, ...others } = extensions ?? {};
  return (Object.keys(others).length > 0 ? { ...rest, extensions: others } : rest) as T;
}
