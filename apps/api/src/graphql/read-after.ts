import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { BadInput } from '@app/domain';
import type { ProjectionEngine } from '@app/projections';
import { mapKnown } from './error-formatting';
import { ReadModelsBehind } from './read-models-behind';
import type { RequestContext } from './request-context';

/** Sent back by a client: answer only once this instance's read models hold the store up to here. */
const READ_AFTER_HEADER = 'x-read-after';
/** On every answer to a mutation that wrote (or had written): the store position of its last event. */
const STORE_POSITION_HEADER = 'x-store-position';

/** Resolves once the read models hold `position`; ReadModelsBehind after `waitMs`. */
export async function readModelsAt(projections: ProjectionEngine, position: number, waitMs: number, stored: boolean): Promise<void> {
  try {
    await projections.waitFor(position, waitMs);
  } catch {
    throw new ReadModelsBehind(position, projections.position, stored);
  }
}

/**
 * Read-your-writes across instances (docs/api.md, "Read-your-writes"): every answer to a mutation
 * carries its events' store position (header and `extensions.position`); a request that sends it
 * back in X-Read-After is executed once this instance's read models have reached it.
 */
export function readAfterPlugin(projections: ProjectionEngine, waitMs: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const header = request.http?.headers.get(READ_AFTER_HEADER);
      return {
        async didResolveOperation() {
          if (header === undefined) return;
          try {
            await readModelsAt(projections, parsePosition(header), waitMs, false);
          } catch (error) {
            // Refused before execution, in the words and code a resolver's error would have.
            const known = mapKnown(error);
            if (!known) throw error;
            const status = error instanceof ReadModelsBehind ? 503 : 400;
            throw new GraphQLError(known.message, { extensions: { ...known.extensions, http: { status } } });
          }
        },
        async willSendResponse({ response, contextValue }) {
          const position = contextValue.storePosition;
          if (position === undefined) return;
          response.http.headers.set(STORE_POSITION_HEADER, String(position));
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, position };
          }
        },
      };
    },
  };
}

function parsePosition(header: string): number {
  const position = /^\d{1,15}$/.test(header.trim()) ? Number(header.trim()) : NaN;
  if (!Number.isSafeInteger(position)) {
    throw new BadInput(`the X-Read-After header must be a store position (an integer of 0 or more), not "${header.slice(0, 40)}"`, 'X-Read-After');
  }
  return position;
}
