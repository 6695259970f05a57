/** Stops the containers global-setup.ts started, if it started any. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __opsInfrastructure?: { stop(): Promise<void> } }).__opsInfrastructure?.stop();
}
