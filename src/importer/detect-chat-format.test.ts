// Format detection on the first lines of real-shaped logs.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { detectChatFormat } from './detect-chat-format.ts';

const fixture = (path: string) => readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8');

test('each fixture is detected as its format', () => {
  assert.equal(detectChatFormat(fixture('import/justlog-pajlada.txt')), 'justlog');
  assert.equal(detectChatFormat(fixture('import/pajlada-2023-01-01.log')), 'chatterino');
  assert.equal(detectChatFormat(fixture('import/chat.csv')), 'csv');
  assert.equal(detectChatFormat(fixture('import/twitchdownloader.json')), 'twitchdownloader');
  assert.equal(detectChatFormat(fixture('import/irc-ban-and-hype-chat.log')), 'irc');
  assert.equal(detectChatFormat(fixture('import/justlog-pajlada.json')), 'justlog-json');
  assert.equal(detectChatFormat(fixture('import/rustlog-pajlada.ndjson')), 'justlog-json');
  // A TwitchDownloader file whose first comment quotes justlog's key is still TwitchDownloader's.
  assert.equal(
    detectChatFormat(
      '{"FileInfo":{},"streamer":{"name":"a","id":"1"},"comments":[{"message":{"body":"\\"messages\\": ["}}]}',
    ),
    'twitchdownloader',
  );
  assert.equal(detectChatFormat(`[2024-01-01 12:00:00] ${fixture('twitch/irc/privmsg-plain.txt')}`), 'irc');
});

test('text in no known format, an empty file and other JSON are not logs', () => {
  assert.equal(detectChatFormat('shopping list\nmilk\n'), undefined);
  assert.equal(detectChatFormat(''), undefined);
  assert.equal(detectChatFormat('{"name":"package","version":"1.0.0"}'), undefined);
  assert.equal(detectChatFormat('{"level":"info","msg":"started"}\n{"level":"info","msg":"ok"}\n'), undefined);
});
