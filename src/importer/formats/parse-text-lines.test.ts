// justlog/rustlog, Chatterino and CSV lines in their real shapes (see test/fixtures/import/SOURCES.md).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChatterinoLine, readChatterinoFileName } from './parse-chatterino-line.ts';
import { parseCsvLine, readCsvHeader, splitCsvLine } from './parse-csv-line.ts';
import { parseJustlogLine } from './parse-justlog-line.ts';

test('justlog: a chat line in UTC, a system line skipped, junk dropped', () => {
  assert.deepEqual(parseJustlogLine('[2023-01-01 12:34:56] #Pajlada randers: hi: there\r'), {
    kind: 'line',
    line: { channel: 'pajlada', ts: Date.UTC(2023, 0, 1, 12, 34, 56), login: 'randers', text: 'hi: there' },
  });
  assert.deepEqual(parseJustlogLine('[2023-01-01 12:34:56] #pajlada randers has been timed out for 10 seconds'), {
    kind: 'skipped',
    reason: 'system line',
  });
  assert.equal(parseJustlogLine('hello').kind, 'dropped');
});

test('Chatterino: the channel and day from the file name, a localized name, headers and system lines', () => {
  const file = readChatterinoFileName('/logs/Twitch/Channels/forsen/forsen-2023-01-01.log');
  assert.deepEqual(file, { channel: 'forsen', date: [2023, 1, 1] });
  const at = new Date(2023, 0, 1, 12, 0, 5).getTime();
  assert.deepEqual(parseChatterinoLine('[12:00:05]  randers: hi', 'forsen', file!.date), {
    kind: 'line',
    line: { channel: 'forsen', ts: at, login: 'randers', displayName: 'randers', text: 'hi' },
  });
  const korean = parseChatterinoLine('[12:00:05] 한국어 koreanuser: 안녕', 'forsen', file!.date);
  assert.ok(korean.kind === 'line');
  assert.equal(korean.line.displayName, '한국어');
  assert.equal(korean.line.login, 'koreanuser');
  assert.equal(parseChatterinoLine('# Start logging at 2023-01-01 12:00:00 CET', 'forsen', file!.date).kind, 'skipped');
  assert.equal(
    parseChatterinoLine('[12:00:40] randers has been timed out for 10s.', 'forsen', file!.date).kind,
    'skipped',
  );
  assert.equal(readChatterinoFileName('chat.log'), undefined);
});

test('CSV: quoted fields, header columns in any order, a zone required on ISO times', () => {
  assert.deepEqual(splitCsvLine('a,"b, ""c""",,d'), ['a', 'b, "c"', '', 'd']);
  assert.equal(splitCsvLine('a,"open'), undefined);
  const columns = readCsvHeader('\uFEFFmessage,user,channel,timestamp,bits\r')!;
  assert.ok(columns);
  const r = parseCsvLine('"hi, all",Randers,#Pajlada,2023-01-01T12:00:00+01:00,100', columns);
  assert.deepEqual(r, {
    kind: 'line',
    line: {
      channel: 'pajlada',
      channelId: undefined,
      ts: Date.UTC(2023, 0, 1, 11),
      login: 'randers',
      displayName: undefined,
      userId: undefined,
      id: undefined,
      text: 'hi, all',
      bits: 100,
    },
  });
  assert.deepEqual(parseCsvLine('x,randers,pajlada,2023-01-01 12:00:00,', columns), {
    kind: 'dropped',
    reason: 'bad timestamp',
  });
  assert.equal(readCsvHeader('time,who,what'), undefined);
});
