import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { LIMITS } from '@app/domain';
import type { ReadModelSizes } from '@app/projections';
import { MAX_PAGE_SIZE } from './input-validation';

/**
 * What one operation may ask for. The shape limits (depth, aliases, directives, tokens, and a
 * structural cost) are GraphQL Armor's; the work limit is this service's own (see `priceWork`).
 */
export const QUERY_LIMITS = {
  depth: 10,
  aliases: 30,
  directives: 10,
  tokens: 3_000,
  /**
   * Armor's structural cost, a backstop: two per object and one per scalar field, times a literal
   * `first`, however deep (no depth factor: the depth limit bounds nesting). A full page of 1,000
   * audit events with every field costs about 20,000 here; what lists really hold is the work limit's.
   */
  structuralCost: 60_000,
  /** Objects an operation may make the service produce, priced with the store's sizes. */
  work: 20_000,
} as const;

/** A small list (a claim's evidence, its flags, a diff's hunks) is priced as holding this many. */
const LIST_FACTOR = 3;

/**
 * The work of fields that cost more than the objects they return, per occurrence (times the
 * size of every list above them): a whole-store integrity check recomputes every hash in the
 * log; one article's, its streams'; a diff folds a claim's stream; asOf folds a stream's history.
 */
const FIELD_WORK: Record<string, (args: ArgumentValues) => number> = {
  'Query.verifyIntegrity': (args) => (args.articleId ? 1_000 : 10_000),
  'Query.claimDiff': () => 200,
  'Query.claim': (args) => (args.asOf ? 50 : 0),
  'Query.section': (args) => (args.asOf ? 100 : 0),
  'Mutation.importArticle': () => 1_000,
};

type ArgumentValues = Record<string, unknown>;

const tooComplex = (ctx: ValidationContext | null, error: GraphQLError) => {
  ctx?.reportError(new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'QUERY_TOO_COMPLEX' } }));
};
const rejection = { propagateOnRejection: false, onReject: [tooComplex] };
const STRUCTURAL_COST = { maxCost: QUERY_LIMITS.structuralCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1, ...rejection };

/** The parser stops at the token limit, before a deeply nested document can exhaust its stack. */
export const PARSE_OPTIONS = { maxTokens: QUERY_LIMITS.tokens };

/**
 * GraphQL Armor's protections, for Apollo (plugins + validation rules): depth, aliases,
 * directives and structural cost refuse with QUERY_TOO_COMPLEX; field suggestions ("Did you
 * mean …") are masked so the schema cannot be guessed when introspection is off.
 */
export function armorForApollo(): { plugins: ApolloServerPlugin<BaseContext>[]; validationRules: ValidationRule[] } {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.depth, flattenFragments: true, ...rejection },
    maxAliases: { n: QUERY_LIMITS.aliases, ...rejection },
    maxDirectives: { n: QUERY_LIMITS.directives, ...rejection },
    costLimit: STRUCTURAL_COST,
    // The token limit is graphql-js's own (see PARSE_OPTIONS): Armor's Apollo plugin for it
    // parses each new document a second time and reports a plain syntax error as a failed validation.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { plugins: plugins as ApolloServerPlugin<BaseContext>[], validationRules };
}

/**
 * The same protections for a transport Apollo does not run (graphql-ws): a parse that stops at
 * the token limit, and the validation rules, introspection refused in production as over HTTP.
 */
export function operationLimits(production: boolean): { parse(source: string): DocumentNode; rules: ValidationRule[] } {
  return {
    parse: (source) => parse(source, PARSE_OPTIONS),
    rules: [
      maxDepthRule({ n: QUERY_LIMITS.depth, flattenFragments: true, ...rejection }),
      maxAliasesRule({ n: QUERY_LIMITS.aliases, ...rejection }),
      maxDirectivesRule({ n: QUERY_LIMITS.directives, ...rejection }),
      costLimitRule(STRUCTURAL_COST),
      ...(production ? [NoSchemaIntrospectionCustomRule] : []),
    ],
  };
}

/**
 * Refuses, before execution, an operation that would make the service produce more than
 * QUERY_LIMITS.work objects, with QUERY_TOO_COMPLEX. This is the service's own code, not Armor's:
 * Armor prices a document by its shape alone, while what `articles { sections { claims } }` costs
 * depends on what the store holds, a page's cost on its `first` (a variable, so not known when
 * the document is validated), and a field like verifyIntegrity on the work behind it.
 */
export function workLimitPlugin(sizes: () => ReadModelSizes): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, operation, request }) {
          if (operation) assertAffordable(priceWork(document, schema, operation, request.variables ?? {}, sizes));
        },
      };
    },
  };
}

export function assertAffordable(work: number): void {
  if (work > QUERY_LIMITS.work) {
    throw new GraphQLError(`the operation would cost ${work}; at most ${QUERY_LIMITS.work} is allowed`, {
      extensions: { code: 'QUERY_TOO_COMPLEX', cost: work, maxCost: QUERY_LIMITS.work, http: { status: 400 } },
    });
  }
}

/**
 * One unit per object the operation asks for (leaf fields are free), times the size of every
 * list above it, plus FIELD_WORK. List sizes: a connection's `first` (literal, variable or
 * default), what the store holds for article trees (see treeFactor), LIST_FACTOR for the small
 * lists. A `first` outside 0…MAX_PAGE_SIZE is BAD_USER_INPUT here,
 * before it can be priced as anything.
 */
export function priceWork(
  document: DocumentNode,
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  sizes: () => ReadModelSizes,
): number {
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
  if (!root) return 0;
  return new Pricing(fragments, variables, sizes).selection(operation.selectionSet, root, 1, new Set());
}

class Pricing {
  private read: ReadModelSizes | undefined;

  constructor(
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly readSizes: () => ReadModelSizes,
  ) {}

  /** The store's sizes, read once and only by an operation that reaches an article tree: most do not, and it is a read of the store. */
  private get sizes(): ReadModelSizes {
    return (this.read ??= this.readSizes());
  }

  /**
   * Objects per parent in an article tree. Below `articles` (every article) a level holds the
   * store's totals spread over the level above (all sections over all articles, all claims over
   * all sections), so the tree costs what the store holds; below one article or section it holds
   * the largest the store has (an article holds at most LIMITS.claimsPerArticle claims).
   */
  private treeFactor(parent: string, field: string, wholeStore: boolean): number | null {
    const spread = (total: number, over: number) => Math.max(1, Math.ceil(total / Math.max(1, over)));
    if (parent === 'Query' && field === 'articles') return Math.max(1, this.sizes.articles);
    if (parent === 'Article' && field === 'sections') return wholeStore ? spread(this.sizes.sections, this.sizes.articles) : Math.max(1, this.sizes.maxSectionsPerArticle);
    if (parent === 'Section' && field === 'claims') {
      if (wholeStore) return spread(this.sizes.claims, this.sizes.sections);
      return Math.max(1, Math.min(this.sizes.maxClaimsPerSection, Math.ceil(LIMITS.claimsPerArticle / Math.max(1, this.sizes.maxSectionsPerArticle))));
    }
    if (parent === 'Article' && field === 'references') return Math.max(1, this.sizes.maxReferencesPerArticle);
    return null;
  }

  selection(set: SelectionSetNode, parent: GraphQLNamedType, multiplier: number, visiting: Set<string>, wholeStore = false): number {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += this.field(selection, parent, multiplier, visiting, wholeStore);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += this.selection(selection.selectionSet, parent, multiplier, visiting, wholeStore);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        // Unknown or cyclic fragments are the validator's errors; do not loop on them here.
        if (!fragment || visiting.has(selection.name.value)) continue;
        visiting.add(selection.name.value);
        cost += this.selection(fragment.selectionSet, parent, multiplier, visiting, wholeStore);
        visiting.delete(selection.name.value);
      }
      // Far over the limit already: no need to price the rest.
      if (cost > QUERY_LIMITS.work * 10) return cost;
    }
    return cost;
  }

  private field(node: FieldNode, parent: GraphQLNamedType, multiplier: number, visiting: Set<string>, wholeStore: boolean): number {
    const field = fieldOf(parent, node.name.value);
    if (!field) return 0;
    const args = this.argumentValues(node);
    const work = (FIELD_WORK[`${parent.name}.${field.name}`]?.(args) ?? 0) * multiplier;
    if (!node.selectionSet || isLeafType(getNamedType(field.type))) return work;
    const below = wholeStore || (parent.name === 'Query' && field.name === 'articles');
    if (isListType(getNullableType(field.type))) {
      // A list yields `factor` objects for each parent: each is one unit, and what it holds is
      // priced as many times.
      const yielded = multiplier * (this.treeFactor(parent.name, field.name, below) ?? (field.name === 'edges' ? 1 : LIST_FACTOR));
      return work + yielded + this.selection(node.selectionSet, getNamedType(field.type), yielded, visiting, below);
    }
    // One object for each parent; a connection's `first` multiplies what is below it (its edges).
    return work + multiplier + this.selection(node.selectionSet, getNamedType(field.type), multiplier * this.pageSize(field, args), visiting, below);
  }

  /** A connection holds `first` items (given, from a variable, or its default); other objects one. */
  private pageSize(field: GraphQLField<unknown, unknown>, args: ArgumentValues): number {
    const argument = field.args.find((arg) => arg.name === 'first');
    if (!argument) return 1;
    const value = 'first' in args ? args.first : argument.defaultValue;
    if (value === null || value === undefined) return 1;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
      throw new GraphQLError(`first must be from 0 to ${MAX_PAGE_SIZE}`, {
        extensions: { code: 'BAD_USER_INPUT', field: 'first', http: { status: 400 } },
      });
    }
    return value;
  }

  /** The field's arguments that pricing looks at, as given (literal or variable). */
  private argumentValues(node: FieldNode): ArgumentValues {
    const values: ArgumentValues = {};
    for (const argument of node.arguments ?? []) values[argument.name.value] = this.valueOf(argument.value);
    return values;
  }

  private valueOf(value: ValueNode): unknown {
    switch (value.kind) {
      case Kind.INT:
        return Number(value.value);
      case Kind.VARIABLE:
        return this.variables[value.name.value];
      case Kind.NULL:
        return null;
      default:
        // Strings, objects and lists only matter for being there (articleId, asOf).
        return true;
    }
  }
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  return undefined;
}
