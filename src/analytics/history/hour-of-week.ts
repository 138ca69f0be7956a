// Hour-of-week slots in a fixed time-zone offset: integer arithmetic on epoch ms, no SQL date functions.

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** 0..167: day (0 = Sunday) × 24 + hour, at `tzOffsetMinutes` east of UTC. */
export function hourOfWeek(ts: number, tzOffsetMinutes = 0): number {
  // Hours since the epoch, which began on a Thursday (day 4, hour 96 of its week); called per minute of history.
  const hours = Math.floor((ts + tzOffsetMinutes * 60_000) / 3_600_000);
  return (((hours + 96) % 168) + 168) % 168;
}

/** `Fri 20:00`. */
export function slotLabel(slot: number): string {
  return `${days[Math.floor(slot / 24)]} ${String(slot % 24).padStart(2, '0')}:00`;
}
