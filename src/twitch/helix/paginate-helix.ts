// Walks Helix's cursor pagination: `after=<cursor>` until the pagination object comes back empty, with a page cap
// so a huge category can never turn one poll into thousands of requests.

import type { z } from 'zod';
import type { HelixClient, HelixRequest } from './helix-client.ts';
import { pageOf } from './helix-schemas.ts';

export interface PaginateOptions {
  /** Stop after this many pages even when Twitch offers more (default 10). */
  maxPages?: number;
}

/** Yields each page's items; ends when `pagination` is empty, the page is empty, or `maxPages` is reached. */
export async function* paginateHelix<T>(
  client: HelixClient,
  request: HelixRequest,
  item: z.ZodType<T>,
  options: PaginateOptions = {},
): AsyncGenerator<T[]> {
  const maxPages = options.maxPages ?? 10;
  const schema = pageOf(item);
  let after: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await client.request({ ...request, query: { ...request.query, after } }, schema);
    yield result.data as T[];
    after = result.pagination?.cursor;
    // A cursor may still lead to an empty page ("data":[]), so an empty page also ends the walk.
    if (!after || result.data.length === 0) return;
  }
}

/** Collects every item of a paginated request (bounded by `maxPages`). */
export async function collectHelix<T>(
  client: HelixClient,
  request: HelixRequest,
  item: z.ZodType<T>,
  options: PaginateOptions = {},
): Promise<T[]> {
  const all: T[] = [];
  for await (const items of paginateHelix(client, request, item, options)) all.push(...items);
  return all;
}
