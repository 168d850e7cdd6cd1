/**
 * Run as a child process by containerRuntimeFor(): prints one JSON line telling whether a
 * container runtime answers and whether `image`, and the Ryuk image testcontainers starts beside
 * every container to remove it afterwards, are present or could be pulled. Kept out of the test
 * process so the answer is known synchronously, before any test is defined.
 */
import { getContainerRuntimeClient, ImageName } from 'testcontainers';
// Not re-exported by the package's index; the same name testcontainers' getReaper() starts
// (build/reaper/reaper.js: RYUK_CONTAINER_IMAGE or testcontainers/ryuk of this version).
import { REAPER_IMAGE } from 'testcontainers/build/reaper/reaper';

export interface ContainerRuntimeAvailability {
  available: boolean;
  reason: string;
}

async function probe(image: string): Promise<ContainerRuntimeAvailability> {
  let client: Awaited<ReturnType<typeof getContainerRuntimeClient>>;
  try {
    client = await getContainerRuntimeClient();
  } catch (error) {
    return { available: false, reason: `no container runtime (${messageOf(error)})` };
  }
  // On an air-gapped runner the image may be there and Ryuk not: the suite would then fail in
  // beforeAll instead of being skipped. Without Ryuk (TESTCONTAINERS_RYUK_DISABLED) it is not needed.
  const images = process.env.TESTCONTAINERS_RYUK_DISABLED === 'true' ? [image] : [image, REAPER_IMAGE];
  for (const needed of images) {
    try {
      const name = ImageName.fromString(needed);
      if (!(await client.image.exists(name))) await client.image.pull(name);
    } catch (error) {
      return { available: false, reason: `image ${needed} is not present and cannot be pulled (${messageOf(error)})` };
    }
  }
  return { available: true, reason: `${client.info.containerRuntime.host} has ${images.join(' and ')}` };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

if (require.main === module) {
  void probe(process.argv[2]).then((availability) => {
    process.stdout.write(`${JSON.stringify(availability)}\n`);
  });
}
