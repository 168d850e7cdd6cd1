/**
 * Run as a child process by containerRuntimeFor(): prints one JSON line telling whether a
 * container runtime answers and whether `image` is present or could be pulled. Kept out of the
 * test process so the answer is known synchronously, before any test is defined.
 */
import { getContainerRuntimeClient, ImageName } from 'testcontainers';

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
  try {
    const name = ImageName.fromString(image);
    if (!(await client.image.exists(name))) await client.image.pull(name);
    return { available: true, reason: `${client.info.containerRuntime.host} has ${image}` };
  } catch (error) {
    return { available: false, reason: `image ${image} is not present and cannot be pulled (${messageOf(error)})` };
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

if (require.main === module) {
  void probe(process.argv[2]).then((availability) => {
    process.stdout.write(`${JSON.stringify(availability)}\n`);
  });
}
