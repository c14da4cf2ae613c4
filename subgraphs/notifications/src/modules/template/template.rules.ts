import { BadUserInputError } from '@erp/platform';
import { Liquid } from 'liquidjs';

// Templates are written by staff but rendered on the server: no file system (includes resolve against an empty
// in-memory set), no prototype walking, and bounded parse/render work so a template cannot stall the subgraph.
const liquid = new Liquid({
  templates: {},
  ownPropertyOnly: true,
  strictFilters: true,
  parseLimit: 200_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
});

export const TEMPLATE_KEY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
export const MAX_TEMPLATE_KEY_LENGTH = 100;

/** A template key such as `order.confirmed`: lower-case words joined by dots, dashes or underscores. */
export function normalizeTemplateKey(value: string, field = 'key'): string {
  const key = value.trim();
  if (!key || key.length > MAX_TEMPLATE_KEY_LENGTH || !TEMPLATE_KEY.test(key)) {
    throw new BadUserInputError(`${field} must be lower-case words joined by dots, dashes or underscores (e.g. order.confirmed), got "${value}".`, { field });
  }
  return key;
}

/** Refuses a text that is not valid Liquid, naming the field and Liquid's own explanation. */
export function assertValidTemplate(text: string, field: string): string {
  try {
    liquid.parse(text);
  } catch (error) {
    throw new BadUserInputError(`${field} is not a valid Liquid template: ${(error as Error).message}`, { field });
  }
  return text;
}

/** Renders a Liquid text with the data; a placeholder without data renders empty. */
export async function renderTemplate(text: string, data: Record<string, unknown>, field: string): Promise<string> {
  try {
    return await liquid.parseAndRender(text, data);
  } catch (error) {
    throw new BadUserInputError(`${field} could not be rendered: ${(error as Error).message}`, { field });
  }
}
