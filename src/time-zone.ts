/** Whether the runtime knows this IANA time zone (e.g. "Asia/Kabul"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
