// `streamlens mcp`: serves the agent's read-only tools over the Model Context Protocol on stdin/stdout, for Claude
// Desktop or any MCP client. Stdout carries only the protocol; messages go to stderr.

import type { Command } from 'commander';
import { openStore } from '../../store/open-store.ts';
import { createContext, runCommand } from '../run-command.ts';

/** Registers `streamlens mcp`. */
export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('serve the agent’s read-only tools to an MCP client (Claude Desktop, …) over stdio')
    .addHelpText(
      'after',
      `
The client starts this command and talks JSON-RPC on its stdin/stdout. It opens an existing database
(--db, STREAMLENS_DB or STREAMLENS_DATABASE_URL; never creates one) and only reads it.

Claude Desktop (claude_desktop_config.json):
  { "mcpServers": { "streamlens": {
      "command": "/path/to/streamlens/bin/streamlens",
      "args": ["mcp", "--db", "/path/to/data/streamlens.db"] } } }`,
    )
    .action((_flags: unknown, command: Command) =>
      runCommand(async () => {
        const { config, log } = createContext(command);
        const store = await openStore(config, { mustExist: true });
        const { createMcpServer } = await import('../../mcp/create-mcp-server.ts');
        const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
        const server = createMcpServer({ store, config, log: log.child('mcp'), version: program.version() ?? '0' });
        const closed = new Promise<void>((resolve) => {
          server.onclose = () => resolve();
          // The client ending its side of the pipe ends the session.
          process.stdin.once('end', () => resolve());
        });
        await server.connect(new StdioServerTransport());
        log.info(`MCP server ready on stdio, reading ${store.location}`);
        await Promise.race([closed, new Promise<void>((resolve) => process.once('SIGTERM', resolve))]);
        await server.close().catch(() => {});
        await store.close();
        return 0;
      }),
    );
}
