import { Session } from 'node:inspector/promises'

// What the process allocates while `work` runs, by V8's sampling heap profiler, with the objects already
// collected kept in the sample: garbage is what a message costs the collector, so it counts. V8 scales
// each sample by the chance it was taken, so the sum estimates every byte allocated; at one sample per
// 4 KiB on average, a run of thousands of messages reads the same to within a per cent or two.

interface SamplingNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  readonly selfSize: number
  readonly children: readonly SamplingNode[]
}

export interface Allocations {
  readonly bytes: number
  /** Bytes by allocating function (`name file:line`), most first. */
  readonly sites: readonly (readonly [string, number])[]
}

export async function sampleAllocations(work: () => Promise<void>): Promise<Allocations> {
  const session = new Session()
  session.connect()
  try {
    await session.post('HeapProfiler.enable')
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
    await work()
    const { profile } = await session.post('HeapProfiler.stopSampling')
    return summarize(profile.head as SamplingNode)
  } finally {
    session.disconnect()
  }
}

function summarize(head: SamplingNode): Allocations {
  const sites = new Map<string, number>()
  const visit = (node: SamplingNode) => {
    const { functionName, url, lineNumber } = node.callFrame
    const site = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(packages|node_modules)\//, '')}:${lineNumber + 1}`
    sites.set(site, (sites.get(site) ?? 0) + node.selfSize)
    for (const child of node.children) visit(child)
  }
  visit(head)
  const bytes = [...sites.values()].reduce((sum, size) => sum + size, 0)
  return { bytes, sites: [...sites].sort((a, b) => b[1] - a[1]) }
}
