// One API route as data: method, path, zod schemas for params/query/body/response and a handler that reads
// validate → authorize (done by middleware) → query → respond. The same data builds the OpenAPI document.

import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { sendError } from './http-error.ts';

type Method = 'get' | 'post' | 'put' | 'delete';
const empty = z.object({});
type Empty = typeof empty;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  c: Context;
  deps: AppDeps;
}

/** A route before it is mounted; `produces` says what the success body is. */
export interface ApiRoute {
  method: Method;
  path: string;
  summary: string;
  params: z.ZodType;
  query: z.ZodType;
  body: z.ZodType | undefined;
  response: z.ZodType;
  produces: 'application/json' | 'text/event-stream' | 'text/html' | 'text/csv';
  handle(input: RouteInput<unknown, unknown, unknown>): Promise<unknown>;
}

interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  response: z.ZodType;
  produces?: ApiRoute['produces'];
  /** Returns the JSON body, or a ready Response (SSE, HTML, Markdown). */
  handle(input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<unknown>;
}

/** Declares a route; the handler's inputs are typed from the schemas. */
export function defineRoute<P extends z.ZodType = Empty, Q extends z.ZodType = Empty, B extends z.ZodType = Empty>(
  method: Method,
  path: string,
  spec: RouteSpec<P, Q, B>,
): ApiRoute {
  return {
    method,
    path,
    summary: spec.summary,
    params: spec.params ?? empty,
    query: spec.query ?? empty,
    body: spec.body,
    response: spec.response,
    produces: spec.produces ?? 'application/json',
    handle: spec.handle as ApiRoute['handle'],
  };
}

/** Mounts the routes on the app: parses inputs with their schemas and maps every error in one place. */
export function mountRoutes(app: Hono, routes: readonly ApiRoute[], deps: AppDeps): void {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      try {
        const params = route.params.parse(c.req.param());
        const query = route.query.parse(c.req.query());
        const body = route.body ? route.body.parse(await readJson(c)) : undefined;
        const result = await route.handle({ params, query, body, c, deps });
        if (result instanceof Response) return result;
        return c.json(result as object);
      } catch (error) {
        return sendError(c, error, deps.log);
      }
    });
  }
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    // An unreadable body is the same mistake as a malformed one: let the schema report what is missing.
    return undefined;
  }
}
