// Hour-of-week slots in a fixed time-zone offset: integer arithmetic on epoch ms, no SQL date functions.

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** 0..167: day (0 = Sunday) × 24 + hour, at `tzOffsetMinutes` east of UTC. */
export function hourOfWeek(ts: number, tzOffsetMinutes = 0): number {
  const local = new Date(ts + tzOffsetMinutes * 60_000);
  return local.getUTCDay() * 24 + local.getUTCHours();
}

/** `Fri 20:00`. */
export function slotLabel(slot: number): string {
  return `${days[Math.floor(slot / 24)]} ${String(slot % 24).padStart(2, '0')}:00`;
}
