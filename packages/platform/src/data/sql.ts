/**
 * SQL written by hand for the read path, with every value a bound parameter: `sql\`t.status = ${status}\``.
 * A nested `Sql` is spliced in (its values renumbered); `raw` splices trusted text such as column lists.
 */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Trusted text (identifiers the kit or a subgraph wrote itself), never a caller's input. */
export function raw(text: string): Sql {
  return new Sql([text], []);
}

export function joinSql(parts: readonly Sql[], separator: string): Sql {
  if (parts.length === 0) return raw('');
  const strings: string[] = [''];
  const values: unknown[] = [];
  parts.forEach((part, index) => {
    if (index > 0) strings[strings.length - 1] += separator;
    values.push(part);
    strings.push('');
  });
  return new Sql(strings, values);
}

/** `a and b and …`, or `true` when there is no condition. */
/** A condition may be left out as null, undefined, false or '' (e.g. `filter.kind && sql`…``). */
export type Condition = Sql | null | undefined | false | '';

export function allOf(conditions: readonly Condition[]): Sql {
  const present = conditions.filter((c): c is Sql => c instanceof Sql);
  return present.length ? joinSql(present.map((c) => sql`(${c})`), ' and ') : raw('true');
}

export interface CompiledSql {
  text: string;
  values: unknown[];
}

export function compileSql(query: Sql): CompiledSql {
  const values: unknown[] = [];
  let text = '';
  const append = (part: Sql) => {
    part.strings.forEach((chunk, index) => {
      text += chunk;
      if (index >= part.values.length) return;
      const value = part.values[index];
      if (value instanceof Sql) append(value);
      else text += `$${values.push(value)}`;
    });
  };
  append(query);
  return { text, values };
}
