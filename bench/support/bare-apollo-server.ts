import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/** The baseline: a bare standalone Apollo Server answering a trivial mutation. */
async function main(): Promise<void> {
  let counter = 0;
  const server = new ApolloServer({
    typeDefs: `type Query { ok: Boolean! } type Mutation { touch(input: String!): Int! }`,
    resolvers: { Query: { ok: () => true }, Mutation: { touch: () => (counter += 1) } },
  });
  await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
}

void main();
