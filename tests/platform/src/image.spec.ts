import { runScript } from './scripts.js';

/**
 * deploy/Dockerfile without a Docker engine (there is none on CI): scripts/image-check.mjs runs the build stage's
 * commands in a copy of the build context, checks the runtime files hold no development packages or sources,
 * and starts a service from them alone on the production profile until the image's HEALTHCHECK passes.
 */
describe('the production image', () => {
  it('builds from the Dockerfile\'s own commands and starts a service from the runtime files alone', async () => {
    const output = await runScript('image-check.mjs');
    expect(output).toMatch(/started from the runtime files; HEALTHCHECK and \/metrics pass/);
  }, 420_000);
});
