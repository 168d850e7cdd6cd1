import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

export const MAX_DEPTH = 10;
export const MAX_COST = 20_000;
/** What an unpaginated list is assumed to hold when pricing a query. */
const LIST_FACTOR = 10;

/**
 * Refuses, before execution, queries deeper than MAX_DEPTH or costlier than MAX_COST. Cost: one
 * per field, multiplied by the size of every list above it (a `first` argument's value, or
 * LIST_FACTOR). 500 aliased copies of `articles { sections { claims { text } } }` cost about
 * 555,000 and are refused; a reviewer's screens cost a few thousand.
 */
export function queryLimits(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return {
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root =
        node.operation === 'query'
          ? schema.getQueryType()
          : node.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root) return;
      const measure = measureSelection(node.selectionSet, root, 1, 1, fragments, new Set());
      if (measure.depth > MAX_DEPTH) {
        context.reportError(
          new GraphQLError(`the query is ${measure.depth} levels deep; at most ${MAX_DEPTH} are allowed`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_COMPLEX', depth: measure.depth, maxDepth: MAX_DEPTH },
          }),
        );
      } else if (measure.cost > MAX_COST) {
        context.reportError(
          new GraphQLError(`the query would cost ${measure.cost}; at most ${MAX_COST} is allowed`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_COMPLEX', cost: measure.cost, maxCost: MAX_COST },
          }),
        );
      }
    },
  };
}

interface Measure {
  depth: number;
  cost: number;
}

function measureSelection(
  selectionSet: SelectionSetNode,
  parentType: GraphQLNamedType,
  depth: number,
  multiplier: number,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): Measure {
  let result: Measure = { depth, cost: 0 };
  for (const selection of selectionSet.selections) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      inner = measureField(selection, parentType, depth, multiplier, fragments, visiting);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measureSelection(selection.selectionSet, parentType, depth, multiplier, fragments, visiting);
    } else {
      const fragment = fragments.get(selection.name.value);
      // Unknown or cyclic fragments are other rules' errors; do not loop on them here.
      if (!fragment || visiting.has(selection.name.value)) continue;
      visiting.add(selection.name.value);
      inner = measureSelection(fragment.selectionSet, parentType, depth, multiplier, fragments, visiting);
      visiting.delete(selection.name.value);
    }
    result = { depth: Math.max(result.depth, inner.depth), cost: result.cost + inner.cost };
    if (result.cost > MAX_COST * 10) return result;
  }
  return result;
}

function measureField(
  node: FieldNode,
  parentType: GraphQLNamedType,
  depth: number,
  multiplier: number,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): Measure {
  const own = { depth, cost: multiplier };
  if (!node.selectionSet) return own;
  const field = fieldOf(parentType, node.name.value);
  if (!field) return own;
  const type = getNullableType(field.type);
  const factor = isListType(type) ? (node.name.value === 'edges' ? 1 : LIST_FACTOR) : pageSize(node, field);
  const inner = measureSelection(
    node.selectionSet,
    getNamedType(field.type),
    depth + 1,
    multiplier * factor,
    fragments,
    visiting,
  );
  return { depth: inner.depth, cost: own.cost + inner.cost };
}

/** A connection's size is its `first` argument (or its default); other objects count once. */
function pageSize(node: FieldNode, field: GraphQLField<unknown, unknown>): number {
  const argument = field.args.find((arg) => arg.name === 'first');
  if (!argument) return 1;
  const given = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
  const value = given ? literalInt(given) : (argument.defaultValue as number | undefined);
  return typeof value === 'number' && value > 0 ? value : 1000;
}

function literalInt(value: ValueNode): number | undefined {
  // A variable's value is unknown at validation time: price it as the largest allowed page.
  if (value.kind === Kind.INT) return Number(value.value);
  return 1000;
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  return undefined;
}
