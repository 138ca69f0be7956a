// Seeded randomness and the small pieces of IRC both corpora are built from.

export type Random = () => number;

/** mulberry32: tiny, fast and good enough for test data. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
export function toHex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += HEX[Math.floor(random() * 16)];
  return out;
}
export function toUuid(random: Random): string {
  const variant = HEX[8 + Math.floor(random() * 4)];
  return `${toHex(random, 8)}-${toHex(random, 4)}-4${toHex(random, 3)}-${variant}${toHex(random, 3)}-${toHex(random, 12)}`;
}
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
/** IRCv3 tag escaping, as Twitch applies it to values such as display names and message bodies. */
export function escapeTag(value: string): string {
  return value.replace(/[\\; \r\n]/g, (c) =>
    c === '\\' ? '\\\\' : c === ';' ? '\\:' : c === ' ' ? '\\s' : c === '\r' ? '\\r' : '\\n',
  );
}
