// Serves the built browser app: files from the dist folder, index.html for every other page path (the app
// routes in the browser), and a plain page saying how to build it when it is missing.

import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>streamlens</title></head>
<body><h1>streamlens</h1><p>The web UI is not built yet: run <code>npm run build</code>, then reload this page.</p>
<p>The API is up: <a href="/api/health">/api/health</a>, <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;

/** The dist folder of this checkout's UI. */
export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../../../ui/dist', import.meta.url));
}

/** Mounts the UI on every GET that is not under /api/. */
export function mountUi(app: Hono, staticDir: string): void {
  const root = resolve(staticDir);
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/api/'))
      return c.json(
        { error: { code: 'NOT_FOUND', message: `no API route ${c.req.path}`, hint: 'see /api/openapi.json' } },
        404,
      );
    if (!existsSync(join(root, 'index.html'))) return c.html(notBuilt, 200);
    const file = resolve(root, `.${decodeURIComponent(c.req.path)}`);
    const inside = file.startsWith(root + sep);
    if (inside && extname(file) && (await isFile(file))) {
      // Vite puts a content hash in every asset name, so those never change.
      const cache = c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return c.body(await readFile(file), 200, {
        'Content-Type': types[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': cache,
      });
    }
    if (extname(c.req.path) && c.req.path !== '/index.html') return c.text('not found', 404);
    return c.body(await readFile(join(root, 'index.html')), 200, {
      'Content-Type': types['.html']!,
      'Cache-Control': 'no-cache',
    });
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
