import type { FormattedExecutionResult } from 'graphql';
import type { SubgraphAnswer } from '../subgraph-fetch/signed-subgraph-data-source.js';
import { hasAnswerShape, type AnswerShape } from '../shaping/answer-shape.js';

const CLOSING_BRACE = 0x7d;

/** The subgraph's `data`, with the subgraph's reply when that reply is the router's response byte for byte. */
export class SubgraphData {
  constructor(
    readonly data: Record<string, unknown>,
    readonly reply: string | undefined,
  ) {}

  /** Anything that serialises the result without `stringifyResult` (a WebSocket frame) still writes the data itself. */
  toJSON(): Record<string, unknown> {
    return this.data;
  }
}

/** A reply with errors, extensions, another status, or none at all: the gateway makes the response. */
export const NOT_DATA = 'not data';
/** A reply of data alone, which the gateway would shape into something else. */
export const MISSHAPEN = 'misshapen';

/**
 * The subgraph's data when the gateway would return it unchanged. A reply the router can pass on as it is starts
 * with `{"data":`, has no other member and ends with the one newline Apollo puts after `JSON.stringify` (which never
 * writes a raw newline inside: a pretty-printed reply is re-serialised rather than passed on).
 */
export async function readReply(
  answer: Promise<SubgraphAnswer>,
  shape: AnswerShape,
  variables: Record<string, unknown> | undefined,
): Promise<SubgraphData | typeof NOT_DATA | typeof MISSHAPEN> {
  let reply: SubgraphAnswer;
  try {
    reply = await answer;
  } catch {
    return NOT_DATA;
  }
  const { status, text } = reply;
  if (status < 200 || status >= 300 || !text.startsWith('{"data":')) return NOT_DATA;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return NOT_DATA;
  }
  let members = 0;
  for (const _ in parsed) members += 1;
  if (members !== 1) return NOT_DATA;
  if (!hasAnswerShape(parsed.data, shape, variables)) return MISSHAPEN;
  const verbatim = text.indexOf('\n') === text.length - 1 && text.charCodeAt(text.length - 2) === CLOSING_BRACE;
  return new SubgraphData(parsed.data as Record<string, unknown>, verbatim ? text : undefined);
}

/**
 * Apollo Server's serialisation of a response (`JSON.stringify` + "\n", its `prettyJSONStringify`), except that a
 * subgraph's reply that is the whole response goes out as it came.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const { data } = result as { data: unknown };
  if (data instanceof SubgraphData && data.reply !== undefined && result.errors === undefined) {
    if (result.extensions === undefined) return data.reply;
    // The reply is `{"data":…}\n`: the extensions go in before its closing brace.
    return `${data.reply.slice(0, -2)},"extensions":${JSON.stringify(result.extensions)}}\n`;
  }
  return `${JSON.stringify(result)}\n`;
}
