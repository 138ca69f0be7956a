// Reading event `data` safely: EventSub data is stored camelCase by the collector but snake_case by older
// imports and the simulator, so each field is looked up under both spellings.

/** Parses a `data` column; `{}` when it is not a JSON object. */
export function parseData(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The raw value of a field under its camelCase or snake_case name. */
export function field(data: Record<string, unknown>, camel: string): unknown {
  return data[camel] ?? data[snake(camel)];
}

export function textField(data: Record<string, unknown>, camel: string): string | null {
  const v = field(data, camel);
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

export function numberField(data: Record<string, unknown>, camel: string): number | null {
  const v = field(data, camel);
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

export function boolField(data: Record<string, unknown>, camel: string): boolean {
  const v = field(data, camel);
  return v === true || v === 1 || v === '1' || v === 'true';
}
