// The OpenAPI 3.1 document of /api, generated from the same zod schemas the routes validate with.

import { z } from 'zod';
import type { ApiRoute } from './define-route.ts';
import { errorBodySchema } from './http-error.ts';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** Builds the document; `servers` is left relative so it works behind any host. */
export function buildOpenApi(routes: readonly ApiRoute[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...toParameters(route.params, 'path'),
      ...toParameters(route.query, 'query'),
      ...(route.method === 'get'
        ? []
        : [{ name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } }]),
    ];
    const content =
      route.produces === 'application/json'
        ? { 'application/json': { schema: toSchema(route.response, 'output') } }
        : { [route.produces]: { schema: { type: 'string' } } };
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } },
          }
        : {}),
      responses: {
        200: { description: 'OK', content },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: toSchema(errorBodySchema, 'output') } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'streamlens API',
      version: '1',
      description: 'See docs/api.md. Timestamps are epoch ms (UTC); offsets are ms from a stream start.',
    },
    paths,
  };
}

function toParameters(schema: z.ZodType, where: 'path' | 'query'): JsonSchema[] {
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}
