import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

/**
 * RFC 3339 date-times, checked by graphql-scalars (a real calendar: no 30 February, no 24:00,
 * an offset or Z required), as epoch milliseconds.
 */
function parseDateTime(value: unknown): number {
  let parsed: unknown;
  try {
    parsed = typeof value === 'string' ? DateTimeResolver.parseValue(value) : null;
  } catch {
    parsed = null;
  }
  if (!(parsed instanceof Date) || Number.isNaN(parsed.getTime())) {
    throw new GraphQLError(
      `DateTime must be an RFC 3339 date-time such as 2026-11-27T10:15:30.123Z; ${JSON.stringify(value)?.slice(0, 60) ?? 'this'} is not one`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return parsed.getTime();
}

/** ISO-8601 in UTC with milliseconds outside; epoch milliseconds inside. */
export const DateTimeScalar = new GraphQLScalarType<number, string>({
  name: 'DateTime',
  serialize: (value) => new Date(value as number).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literal(field.value)]));
    default:
      throw new GraphQLError('JSON literals cannot hold variables', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/** Any JSON value, as stored. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});
