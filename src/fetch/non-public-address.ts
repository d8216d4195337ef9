// which ip addresses a user-given url may never reach: loopback, private, link-local (cloud
// metadata at 169.254.169.254), shared cgnat, unspecified, multicast, reserved and documentation
// ranges, and ipv6 forms that carry one of those ipv4 addresses inside.
import { isIPv4, isIPv6 } from 'node:net';

/** Why `address` is not a public unicast address, or undefined when it is one. */
export function nonPublicReason(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return ipv4Reason(ipv4Bytes(bare));
  const groups = ipv6Groups(bare);
  if (!groups) return 'not an ip address';
  return ipv6Reason(groups);
}

function ipv4Reason([a = 0, b = 0, c = 0]: number[]): string | undefined {
  if (a === 0) return 'unspecified';
  if (a === 10) return 'private';
  if (a === 100 && (b & 0xc0) === 64) return 'shared (cgnat)';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 172 && (b & 0xf0) === 16) return 'private';
  if (a === 192 && b === 0 && c === 0) return 'reserved';
  if (a === 192 && b === 0 && c === 2) return 'documentation';
  if (a === 192 && b === 88 && c === 99) return 'reserved';
  if (a === 192 && b === 168) return 'private';
  if (a === 198 && (b & 0xfe) === 18) return 'benchmarking';
  if (a === 198 && b === 51 && c === 100) return 'documentation';
  if (a === 203 && b === 0 && c === 113) return 'documentation';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return undefined;
}

function ipv6Reason(g: number[]): string | undefined {
  const at = (i: number) => g[i] ?? 0;
  const zeroUpTo = (end: number) => g.slice(0, end).every((x) => x === 0);
  const embedded = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && at(7) === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated)
  if (zeroUpTo(5) && at(5) === 0xffff) return ipv4Reason(embedded(at(6), at(7)));
  if (zeroUpTo(4) && at(4) === 0xffff && at(5) === 0) return ipv4Reason(embedded(at(6), at(7)));
  // ::a.b.c.d, the deprecated ipv4-compatible form
  if (zeroUpTo(6)) return ipv4Reason(embedded(at(6), at(7))) ?? 'reserved';
  // nat64: the well-known prefix carries an ipv4 address; the local-use prefix is private
  if (at(0) === 0x64 && at(1) === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return ipv4Reason(embedded(at(6), at(7)));
  }
  if (at(0) === 0x64 && at(1) === 0xff9b && at(2) === 1) return 'private';
  if (at(0) === 0x2002) return ipv4Reason(embedded(at(1), at(2)));
  if (at(0) === 0x2001 && at(1) === 0) return 'reserved'; // teredo
  if (at(0) === 0x2001 && at(1) === 0xdb8) return 'documentation';
  if ((at(0) & 0xfe00) === 0xfc00) return 'private';
  if ((at(0) & 0xffc0) === 0xfe80) return 'link-local';
  if ((at(0) & 0xffc0) === 0xfec0) return 'site-local';
  if ((at(0) & 0xff00) === 0xff00) return 'multicast';
  // global unicast is 2000::/3; everything else is reserved or special
  if ((at(0) & 0xe000) !== 0x2000) return 'reserved';
  return undefined;
}

function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

/** The eight 16-bit groups of an ipv6 address (zone id dropped), or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.split('%')[0] ?? '';
  if (!isIPv6(text)) return undefined;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(tail);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const before = parse(head);
  const after = rest === undefined ? [] : parse(rest);
  const zeros = Array<number>(8 - before.length - after.length).fill(0);
  return [...before, ...zeros, ...after];
}
