import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const MAX_DEPTH = 10;
export const MAX_COST = 20_000;
/** What an unpaginated list is assumed to hold when pricing a query. */
const LIST_FACTOR = 10;

export interface QueryMeasure {
  depth: number;
  cost: number;
}

/**
 * Refuses, before execution, operations deeper than MAX_DEPTH or costlier than MAX_COST, with
 * QUERY_TOO_COMPLEX. Cost: one per object a query asks for (leaf fields are free), multiplied by
 * the size of every list above it — a connection's `first` (with the request's variables), or
 * LIST_FACTOR. 500 aliased copies of `articles { sections { claims { text } } }` cost 55,500 and
 * are refused; a full page of 1,000 audit events costs about 3,000.
 */
export const queryLimitsPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, schema, operation, request }) {
        if (!operation) return;
        const measure = measureOperation(document, schema, operation, request.variables ?? {});
        if (measure.depth > MAX_DEPTH || measure.cost > MAX_COST) {
          const what =
            measure.depth > MAX_DEPTH
              ? `is ${measure.depth} levels deep; at most ${MAX_DEPTH} are allowed`
              : `would cost ${measure.cost}; at most ${MAX_COST} is allowed`;
          throw new GraphQLError(`the operation ${what}`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', ...measure, maxDepth: MAX_DEPTH, maxCost: MAX_COST, http: { status: 400 } },
          });
        }
      },
    };
  },
};

export function measureOperation(
  document: DocumentNode,
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return { depth: 0, cost: 0 };
  return new Pricing(fragments, variables).selection(operation.selectionSet, root, 1, 1, new Set());
}

class Pricing {
  constructor(
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  selection(set: SelectionSetNode, parent: GraphQLNamedType, depth: number, multiplier: number, visiting: Set<string>): QueryMeasure {
    let result: QueryMeasure = { depth, cost: 0 };
    for (const selection of set.selections) {
      let inner: QueryMeasure;
      if (selection.kind === Kind.FIELD) {
        inner = this.field(selection, parent, depth, multiplier, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.selection(selection.selectionSet, parent, depth, multiplier, visiting);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        // Unknown or cyclic fragments are the validator's errors; do not loop on them here.
        if (!fragment || visiting.has(selection.name.value)) continue;
        visiting.add(selection.name.value);
        inner = this.selection(fragment.selectionSet, parent, depth, multiplier, visiting);
        visiting.delete(selection.name.value);
      }
      result = { depth: Math.max(result.depth, inner.depth), cost: result.cost + inner.cost };
      // Far over the limit already: no need to price the rest.
      if (result.cost > MAX_COST * 10) return result;
    }
    return result;
  }

  private field(node: FieldNode, parent: GraphQLNamedType, depth: number, multiplier: number, visiting: Set<string>): QueryMeasure {
    const field = fieldOf(parent, node.name.value);
    if (!field || !node.selectionSet || isLeafType(getNamedType(field.type))) return { depth, cost: 0 };
    const factor = isListType(getNullableType(field.type)) ? (node.name.value === 'edges' ? 1 : LIST_FACTOR) : this.pageSize(node, field);
    const inner = this.selection(node.selectionSet, getNamedType(field.type), depth + 1, multiplier * factor, visiting);
    return { depth: inner.depth, cost: multiplier + inner.cost };
  }

  /** A connection holds `first` items (given, from a variable, or its default); other objects one. */
  private pageSize(node: FieldNode, field: GraphQLField<unknown, unknown>): number {
    const argument = field.args.find((arg) => arg.name === 'first');
    if (!argument) return 1;
    const given = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
    const value = given ? this.intValue(given) : argument.defaultValue;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 1000;
  }

  private intValue(value: ValueNode): unknown {
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) return this.variables[value.name.value];
    return undefined;
  }
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  return undefined;
}
