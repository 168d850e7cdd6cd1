import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { EventStoreDbEventStore } from '@app/event-store';
import { describeEventStoreContract, waitFor } from '../libs/event-store/test/contract';
import { containerRuntimeFor } from './support/event-store/container-runtime';

/**
 * The contract suite against a real EventStoreDB in a container. Where no container runtime (or no
 * image) is available the suite is registered as skipped, with one line saying why: never passed.
 */
const IMAGE = process.env.EVENTSTORE_IMAGE ?? 'eventstore/eventstore:24.10';
const runtime = containerRuntimeFor(IMAGE);
if (!runtime.available) process.stderr.write(`EventStoreDB contract suite skipped: ${runtime.reason}\n`);
const describeWithContainer = runtime.available ? describe : describe.skip;

jest.setTimeout(30_000);

describeWithContainer(`EventStoreDB in a container (${IMAGE})`, () => {
  let container: StartedTestContainer | undefined;
  let url: string;

  beforeAll(async () => {
    container = await new GenericContainer(IMAGE)
      .withEnvironment({
        EVENTSTORE_INSECURE: 'true',
        EVENTSTORE_RUN_PROJECTIONS: 'None',
        EVENTSTORE_MEM_DB: 'true',
        EVENTSTORE_CLUSTER_SIZE: '1',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((code) => code >= 200 && code < 300))
      .withStartupTimeout(120_000)
      .start();
    url = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    // Live is not yet ready to serve: wait until reads are answered before the first test.
    const probe = new EventStoreDbEventStore({ url });
    try {
      await waitFor(async () => (await probe.status()).ok, 60_000);
    } finally {
      await probe.close();
    }
  }, 240_000);

  afterAll(async () => {
    await container?.stop();
  });

  describeEventStoreContract('EventStoreDB', async () => {
    const store = new EventStoreDbEventStore({ url });
    return { store, cleanup: () => store.close() };
  });
});
