import ipaddr from 'ipaddr.js';

/**
 * The bucket a client address is counted under by rate limits and the login throttle: an IPv4 address as it is,
 * an IPv6 address by its /64 (one subscriber usually holds a whole /64, so counting single addresses is useless),
 * an IPv4-mapped IPv6 address as the IPv4 address.
 */
export function clientBucket(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return 'unknown';
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4);
  return `${parts.join(':')}::/64`;
}
