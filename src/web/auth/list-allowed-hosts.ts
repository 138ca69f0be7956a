// The Host names the web server answers to: loopback names always, the configured host, web.allowedHosts, and
// — when it listens beyond loopback — this machine's own name and addresses. Any other Host means a page that
// resolved its own name to this server (DNS rebinding), and is refused (web-auth.ts).

import { hostname, networkInterfaces } from 'node:os';
import type { Config } from '../../config.ts';

const wildcards = new Set(['0.0.0.0', '::', '[::]', '']);

/** Lower-case host names (no brackets, no port) besides the loopback ones, which are always allowed. */
export function listAllowedHosts(web: Pick<Config['web'], 'host' | 'allowedHosts'>): string[] {
  const names = new Set(web.allowedHosts.map((h) => h.toLowerCase()));
  const host = web.host.toLowerCase().replace(/^\[|\]$/g, '');
  if (!wildcards.has(host)) names.add(host);
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (!loopback) {
    const name = hostname().toLowerCase();
    names.add(name);
    names.add(`${name}.local`);
    for (const addresses of Object.values(networkInterfaces()))
      for (const address of addresses ?? []) names.add(address.address.toLowerCase().replace(/%.*$/, ''));
  }
  return [...names];
}
