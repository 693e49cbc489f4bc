// What seed 001's analytics example leaves to the reader: `fetchStats` and `trackEvent` record what
// they were given, so a test can see the endpoints reached them.

export const tracked: unknown[] = []

export async function fetchStats(userId: string) {
  return { userId, tracked: tracked.length }
}

export async function trackEvent(body: unknown) {
  tracked.push(body)
}
