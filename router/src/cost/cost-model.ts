import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type DefinitionNode } from 'graphql';

/** `@listSize` as the cost spec (and Apollo's demand control) defines it. */
export interface ListSize {
  assumedSize: number | null;
  slicingArguments: string[];
  sizedFields: string[];
  requireOneSlicingArgument: boolean;
}

/**
 * The weights and list sizes the subgraphs declared (`@cost`, `@listSize`), as composed into the supergraph. What is not
 * declared falls back to the defaults of `estimate-cost.ts`.
 */
export class CostModel {
  private readonly typeWeights = new Map<string, number>();
  private readonly fieldWeights = new Map<string, number>();
  private readonly argumentWeights = new Map<string, number>();
  private readonly listSizes = new Map<string, ListSize>();

  static fromSupergraph(supergraphSdl: string): CostModel {
    const model = new CostModel();
    for (const definition of parse(supergraphSdl, { noLocation: true }).definitions) model.read(definition);
    return model;
  }

  typeWeight(type: string): number | undefined {
    return this.typeWeights.get(type);
  }

  fieldWeight(type: string, field: string): number | undefined {
    return this.fieldWeights.get(`${type}.${field}`);
  }

  /** Weight of an argument of a field, or of an input object's field (`Input.field`). */
  argumentWeight(type: string, field: string, argument?: string): number | undefined {
    return this.argumentWeights.get(argument === undefined ? `${type}.${field}` : `${type}.${field}(${argument})`);
  }

  listSize(type: string, field: string): ListSize | undefined {
    return this.listSizes.get(`${type}.${field}`);
  }

  /** Every argument name some field slices its list by (`first`): the values a price depends on. */
  slicingArgumentNames(): Set<string> {
    return new Set([...this.listSizes.values()].flatMap((listSize) => listSize.slicingArguments));
  }

  private read(definition: DefinitionNode): void {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION: {
        const type = definition.name.value;
        this.weigh(this.typeWeights, type, definition.directives);
        for (const field of definition.fields ?? []) {
          const key = `${type}.${field.name.value}`;
          this.weigh(this.fieldWeights, key, field.directives);
          const listSize = field.directives?.find((d) => d.name.value === 'listSize');
          if (listSize) this.listSizes.set(key, readListSize(listSize));
          for (const argument of field.arguments ?? []) this.weigh(this.argumentWeights, `${key}(${argument.name.value})`, argument.directives);
        }
        return;
      }
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) this.weigh(this.argumentWeights, `${definition.name.value}.${field.name.value}`, field.directives);
        return;
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
        this.weigh(this.typeWeights, definition.name.value, definition.directives);
        return;
      default:
        return;
    }
  }

  private weigh(weights: Map<string, number>, key: string, directives: readonly ConstDirectiveNode[] | undefined): void {
    const cost = directives?.find((d) => d.name.value === 'cost');
    const weight = cost && argumentsOf(cost).weight;
    if (typeof weight === 'number') weights.set(key, weight);
  }
}

function argumentsOf(directive: ConstDirectiveNode): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const argument of directive.arguments ?? []) values[argument.name.value] = valueFromASTUntyped(argument.value);
  return values;
}

function readListSize(directive: ConstDirectiveNode): ListSize {
  const values = argumentsOf(directive);
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return {
    assumedSize: typeof values.assumedSize === 'number' ? values.assumedSize : null,
    slicingArguments: strings(values.slicingArguments),
    sizedFields: strings(values.sizedFields),
    requireOneSlicingArgument: values.requireOneSlicingArgument !== false,
  };
}
