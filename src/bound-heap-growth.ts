// V8's old generation between full collections, for the long-running collector (`start`, `collect`).

import { setFlagsFromString } from 'node:v8';

/** How far V8's old generation may grow past what the last full collection kept, in percent. */
export const heapGrowingPercent = 30;

/**
 * Lets the old generation grow by at most `heapGrowingPercent` over what the last full collection kept (every
 * thread's heap: the flag is the process's). Under a chat flood every waiting record outlives two scavenges, so
 * the old generation fills with dead records; with V8's default factor (up to 4× on a machine with a large heap
 * limit) it grew to 250–420 MB before a full collection kept 40–60 MB. V8 reads the flag at each full
 * collection, so setting it once the process runs takes effect (checked on Node 20: the flood bench's heap peak
 * fell from 216–417 MB to 119–129 MB at the same rate).
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
}
