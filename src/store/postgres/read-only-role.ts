// The role user- and agent-written SQL runs under on PostgreSQL: NOLOGIN, SELECT on streamlens' data tables and
// nothing else, so file, admin and session functions (pg_read_file, pg_ls_dir, pg_shadow, pg_terminate_backend
// of others' sessions) are refused even when streamlens logs in as a superuser. Created by `migrate()` when the
// login may create roles; otherwise streamlens warns once and runs such SQL as the login itself (still in a
// read-only transaction). docs/deployment.md has the statements an administrator runs instead.

import pg from 'pg';

/**
 * Tables the role never reads: plumbing, not data, and the agent's own conversations (what users asked is not
 * material for SQL the agent writes).
 */
export const unreadableTables = [
  'schema_migrations',
  'channel_leases',
  'collector_workers',
  'migrate_checkpoints',
  'agent_conversations',
  'agent_messages',
];

export type ReadOnlyRoleState = { role: string; problem?: undefined } | { role: undefined; problem: string };

/** `<database>_reader`, at most 63 bytes (PostgreSQL's identifier limit). */
export function toReaderRoleName(database: string): string {
  let base = database;
  while (Buffer.byteLength(`${base}_reader`) > 63) base = base.slice(0, -1);
  return `${base}_reader`;
}

/**
 * Creates (when missing and allowed) the read-only role, makes the login a member and grants it SELECT on the
 * data tables of the current schema, now and for tables created later. `configured` names an existing role to
 * use instead. Never throws for missing privileges: the state says what is wrong.
 */
export async function ensureReadOnlyRole(client: pg.ClientBase, configured?: string): Promise<ReadOnlyRoleState> {
  const who = await client.query<{ login: string; database: string; schema: string; superuser: boolean }>(
    `SELECT current_user AS login, current_database() AS database, current_schema() AS schema,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
  );
  const { login, database, schema, superuser } = who.rows[0]!;
  const role = configured ?? toReaderRoleName(database);
  const exists = async () => (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount! > 0;
  const quoted = pg.escapeIdentifier(role);
  const attempt = async (sql: string): Promise<string | undefined> => {
    try {
      await client.query('SAVEPOINT streamlens_role');
      await client.query(sql);
      await client.query('RELEASE SAVEPOINT streamlens_role');
      return undefined;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT streamlens_role');
      return (error as Error).message;
    }
  };
  await client.query('BEGIN');
  try {
    if (!(await exists())) {
      if (configured)
        return finish({ role: undefined, problem: `the configured read-only role ${role} does not exist` });
      const failed = await attempt(`CREATE ROLE ${quoted} NOLOGIN`);
      // Another database's migration may have created it at the same moment.
      if (failed && !(await exists()))
        return finish({ role: undefined, problem: `${login} may not create the role ${role} (${failed})` });
    }
    const member = await client.query<{ ok: boolean }>(`SELECT pg_has_role(current_user, $1, 'MEMBER') AS ok`, [role]);
    if (!superuser && !member.rows[0]?.ok) {
      const failed = configured ? 'not granted' : await attempt(`GRANT ${quoted} TO ${pg.escapeIdentifier(login)}`);
      if (failed) return finish({ role: undefined, problem: `${login} is not a member of ${role} (${failed})` });
    }
    // A role an administrator configured keeps the grants they gave it.
    if (configured) return finish({ role });
    const tables = await client.query<{ name: string }>(
      'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1',
    );
    const data = tables.rows.map((r) => r.name).filter((name) => !unreadableTables.includes(name));
    const ident = pg.escapeIdentifier;
    const grants = [
      `GRANT USAGE ON SCHEMA ${ident(schema)} TO ${quoted}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${ident(schema)} GRANT SELECT ON TABLES TO ${quoted}`,
      ...(data.length ? [`GRANT SELECT ON ${data.map(ident).join(', ')} TO ${quoted}`] : []),
      ...unreadableTables
        .filter((name) => tables.rows.some((r) => r.name === name))
        .map((name) => `REVOKE ALL ON ${ident(name)} FROM ${quoted}`),
    ];
    for (const sql of grants) {
      const failed = await attempt(sql);
      // Without the grants the role reads nothing: SQL refused everywhere is worse than the warning.
      if (failed) return finish({ role: undefined, problem: `cannot grant ${role} read access (${failed})` });
    }
    return finish({ role });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }

  async function finish(state: ReadOnlyRoleState): Promise<ReadOnlyRoleState> {
    await client.query(state.role ? 'COMMIT' : 'ROLLBACK');
    return state;
  }
}
