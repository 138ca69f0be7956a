// Several statements, some of them `COPY … FROM STDIN`, in one round trip: the statements go as one simple query
// and each COPY's rows follow it at once, without waiting for the server's go-ahead (CopyInResponse). The server
// reads the messages in order, so it finds each COPY's rows when it reaches that COPY; when a statement fails it
// skips the rest of the query and ignores the COPY data still on its way, as the protocol says it does.
// pg-copy-streams waits for the go-ahead of each COPY and for its end: two round trips per table.

import pg from 'pg';

/** One statement of a pipeline; `copyData` (COPY text format) follows a `COPY … FROM STDIN`. */
export interface PipelineStatement {
  sql: string;
  copyData?: string;
}

/** The protocol's CopyDone message: the end of one COPY's rows. */
const copyDone = Buffer.from([0x63, 0, 0, 0, 4]);

/**
 * Runs the statements on `client` as one query (one round trip) and returns one result per statement that
 * completed; rejects with the first statement's error, the ones after it not run. Statement text comes from
 * code, never from input: input travels only as COPY data.
 */
export function runCopyPipeline(
  client: pg.ClientBase,
  statements: readonly PipelineStatement[],
): Promise<pg.QueryResult[]> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(statements.map((s) => s.sql).join(';\n'), undefined, (error, result) => {
      if (error) reject(error);
      else resolve(Array.isArray(result) ? result : [result]);
    });
    const submitText = query.submit.bind(query);
    query.submit = (connection) => {
      submitText(connection);
      const socket = connection.stream;
      socket.cork();
      for (const s of statements) {
        if (s.copyData === undefined) continue;
        const data = Buffer.from(s.copyData);
        const header = Buffer.allocUnsafe(5);
        header[0] = 0x64; // CopyData
        header.writeUInt32BE(data.length + 4, 1);
        socket.write(header);
        socket.write(data);
        socket.write(copyDone);
      }
      socket.uncork();
    };
    // The rows were sent with the query: the go-ahead needs no answer (pg.Query would refuse the COPY).
    Object.assign(query, { handleCopyInResponse: () => {} });
    client.query(query);
  });
}
