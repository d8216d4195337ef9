/** When a Retry-After header (delay in seconds, or an HTTP-date) says to come back, in ms since the epoch. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  // an HTTP-date names its zone (GMT); a bare number or a zone-less date is not one
  if (!/[a-z]{3},?\s.*\b(GMT|UTC|[+-]\d{4})$/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(at, now);
}
