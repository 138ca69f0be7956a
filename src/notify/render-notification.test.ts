import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Notification } from './notification.ts';
import { escapeMarkdown, toDiscordBody } from './render-notification.ts';

const base: Notification = {
  event: 'questions-waiting',
  subject: 's1',
  channel: { id: '1', login: 'a' },
  title: 'a: 2 chat questions waiting',
  text: 'x',
  url: null,
  fields: [],
  data: {},
  at: 0,
};

describe('toDiscordBody', () => {
  it('keeps every part within Discord’s documented limits, 6000 characters in all', () => {
    const long = 'y'.repeat(10_000);
    const body = toDiscordBody(
      {
        ...base,
        title: long,
        text: long,
        fields: Array.from({ length: 40 }, (_, i) => ({ name: `${i}${long}`, value: long })),
      },
      'u'.repeat(200),
    ) as {
      content: string;
      username: string;
      embeds: { title: string; description: string; fields: { name: string; value: string }[] }[];
    };
    const [embed] = body.embeds;
    assert.ok(body.content.length <= 2000);
    assert.ok(body.username.length <= 80);
    assert.ok(embed!.title.length <= 256);
    assert.ok(embed!.description.length <= 4096);
    assert.ok(embed!.fields.length >= 1 && embed!.fields.length <= 25);
    for (const f of embed!.fields) assert.ok(f.name.length <= 256 && f.value.length <= 1024);
    const total =
      embed!.title.length +
      embed!.description.length +
      'streamlens'.length +
      embed!.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    assert.ok(total <= 6000, `total ${total}`);
    assert.ok(embed!.description.length >= 2000, 'the description keeps its share');
  });

  it('viewers’ words cannot format, link or mention', () => {
    assert.equal(
      escapeMarkdown('**bold** [x](http://y) @everyone <@123>'),
      '\\*\\*bold\\*\\* \\[x\\](http://y) @\u200beveryone \\<@\u200b123\\>',
    );
    assert.equal(escapeMarkdown('# big\n- item\n> quote'), '\\# big\n\\- item\n\\> quote');
    assert.equal(escapeMarkdown('viewers -20% at 1:02'), 'viewers -20% at 1:02');
  });
});
