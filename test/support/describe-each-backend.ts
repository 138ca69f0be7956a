// Runs a suite once per store backend, the way kysely loops its tests over its dialects: `describeEachBackend(
// 'getStreamSummary', (backend) => …)` registers "getStreamSummary [sqlite]" and "getStreamSummary [postgres]".
// The PostgreSQL run skips with the reason when no server answers (under CI that is an error, see skipWithout);
// TEST_BACKENDS=sqlite (a comma list) runs only some backends, for a quick local loop.

import { describe } from 'node:test';
import { type Backend, backends } from './open-test-store.ts';
import { skipWithout } from './skip-without.ts';

const chosen = process.env.TEST_BACKENDS?.split(',').map((b) => b.trim());
const unknown = chosen?.filter((b) => !backends.includes(b as Backend)) ?? [];
if (unknown.length > 0)
  throw new Error(`TEST_BACKENDS: unknown backend ${unknown.join(', ')} (use ${backends.join(', ')})`);

const skipReasons: Record<Backend, string | undefined> = {
  sqlite: undefined,
  postgres: chosen?.includes('postgres') === false ? undefined : await skipWithout('postgresql'),
};

/** Registers `suite` as one `describe` per backend; each opens its own store from the `backend` it is given. */
export function describeEachBackend(name: string, suite: (backend: Backend) => void): void {
  for (const backend of backends) {
    const skip = chosen && !chosen.includes(backend) ? `TEST_BACKENDS=${chosen.join(',')}` : skipReasons[backend];
    describe(`${name} [${backend}]`, { skip }, () => suite(backend));
  }
}
