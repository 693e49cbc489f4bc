import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { BlockList, isIP } from 'node:net'

// Where an app's webhook may not point unless private addresses are allowed (local development): a
// delivery is a request made from inside the network on an outside party's say-so, so loopback, private,
// link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved ranges are
// refused. The check runs on the addresses the name resolves to at connection time, so a name that
// resolves to a public address when installed and a private one later is refused too.
const PRIVATE = new BlockList()
const V4: readonly [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
]
const V6: readonly [string, number][] = [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]]
for (const [net, prefix] of V4) PRIVATE.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of V6) PRIVATE.addSubnet(net, prefix, 'ipv6')

/** Whether `address` (an IP literal) is one an app's webhook may not reach from here. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1]
  if (mapped) return PRIVATE.check(mapped, 'ipv4')
  const family = isIP(bare)
  if (family === 0) return false
  return PRIVATE.check(bare, family === 4 ? 'ipv4' : 'ipv6')
}

export class PrivateAddressError extends Error {
  readonly code = 'APP_URL_REFUSED'
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** A `lookup` for `http.request` that resolves as usual and refuses private addresses. */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, [])
    const refused = addresses.find((entry) => isPrivateAddress(entry.address))
    if (refused) return callback(new PrivateAddressError(`${hostname} resolves to ${refused.address}, a private address; apps may only be reached at public addresses here`), [])
    if (options.all) return callback(null, addresses)
    return callback(null, addresses[0]!.address, addresses[0]!.family)
  })
}
