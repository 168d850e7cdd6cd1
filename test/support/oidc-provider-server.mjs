// A real OpenID provider (panva's oidc-provider) for the tests, run in its own process because
// oidc-provider is ESM-only and the tests are CommonJS under ts-jest.
//
// Started by test/support/oidc-provider.ts with fork(): it reads its settings from OIDC_TEST_CONFIG
// (JSON: { port, keys, clients: [{ id, secret, roles, ttl }], resources }), listens on 127.0.0.1 and
// sends { issuer } over the IPC channel once it serves. With --check it only loads oidc-provider and
// exits, so a test can tell "cannot start here" from a failure.
//
// What it issues: client-credentials access tokens as RS256 JWTs (RFC 9068) for the resource
// indicators it knows (RFC 8707), `aud` = the resource, `sub` = the client id, and a `roles` claim
// from the client's settings through the extraTokenClaims hook.
import { createServer } from 'node:http';
import process from 'node:process';

const { default: Provider, errors } = await import('oidc-provider');
if (process.argv.includes('--check')) process.exit(0);

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');
const clients = new Map(config.clients.map((client) => [client.id, client]));

const server = createServer();
server.listen(config.port ?? 0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    jwks: { keys: config.keys },
    clients: config.clients.map((client) => ({
      client_id: client.id,
      client_secret: client.secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    })),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Only the resources the test names; anything else is invalid_target.
        getResourceServerInfo(_ctx, resourceIndicator, client) {
          if (!config.resources.includes(resourceIndicator)) throw new errors.InvalidTarget();
          return {
            scope: 'review',
            accessTokenFormat: 'jwt',
            accessTokenTTL: clients.get(client.clientId).ttl,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims(_ctx, token) {
      return { roles: clients.get(token.clientId)?.roles ?? [] };
    },
  });
  server.on('request', provider.callback());
  process.send({ issuer });
});

// The test process owns this one: when it goes, so does the provider.
process.on('disconnect', () => process.exit(0));
