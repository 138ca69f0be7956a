// A notification as each kind of target receives it. Discord: one embed within Discord's documented limits
// (title 256, description 4096, 25 fields of 256/1024, footer 2048, 6000 in all, content 2000), markdown in
// viewers' words escaped so chat cannot forge links or formatting, and no mentions allowed (an "@everyone" in a
// question stays text). JSON: the notification as data, with its figures.

import type { Notification } from './notification.ts';

const colors: Record<Notification['event'], number> = {
  report: 0x9146ff,
  raid: 0x00b5ad,
  'viewers-falling': 0xe5534b,
  'questions-waiting': 0xf0b429,
};

/** The Execute Webhook body for a notification. */
export function toDiscordBody(n: Notification, username: string): Record<string, unknown> {
  const title = clamp(n.title, 256);
  const footer = 'streamlens';
  const text = escapeMarkdown(n.text);
  // Discord refuses an embed over 6000 characters in all: the description keeps up to 2000 of them, fields take
  // what they need of the rest, and the description then gets whatever is left (at most 4096).
  let budget = 6000 - title.length - footer.length - Math.min(text.length, 2000);
  const fields: { name: string; value: string; inline: boolean }[] = [];
  for (const f of n.fields.slice(0, 25)) {
    const link = f.link ? ` · [${escapeMarkdown(clamp(f.link.label, 80))}](${f.link.url})` : '';
    const field = {
      name: clamp(f.name, 256),
      value: `${clamp(escapeMarkdown(f.value), 1024 - link.length)}${link}`,
      inline: false,
    };
    if (field.name.length + field.value.length > budget) break;
    budget -= field.name.length + field.value.length;
    fields.push(field);
  }
  const description = clamp(text, Math.min(4096, Math.min(text.length, 2000) + budget));
  return {
    username: clamp(username, 80),
    content: clamp(title, 2000),
    embeds: [
      {
        title,
        ...(n.url ? { url: n.url } : {}),
        description,
        color: colors[n.event],
        fields,
        footer: { text: footer },
        timestamp: new Date(n.at).toISOString(),
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** The body a generic JSON webhook receives. */
export function toJsonBody(n: Notification): Record<string, unknown> {
  return {
    version: 1,
    source: 'streamlens',
    event: n.event,
    subject: n.subject,
    channel: n.channel,
    title: n.title,
    text: n.text,
    url: n.url,
    fields: n.fields,
    data: n.data,
    at: new Date(n.at).toISOString(),
  };
}

/** Text cut to `max` characters, with an ellipsis when cut. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`;
}

/**
 * Text that shows as typed in Discord: its markdown characters escaped (so chat cannot bold, spoiler or forge a
 * masked link), headings and lists at a line start defused, and `@` followed by a zero-width space so no
 * mention renders.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<>]/g, (c) => `\\${c}`)
    .replace(/^([#>-])/gm, '\\$1')
    .replace(/@/g, '@\u200b');
}
