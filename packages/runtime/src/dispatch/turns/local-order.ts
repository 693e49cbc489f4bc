/**
 * Turns of one conversation in this process line up here first, in the order they arrive, whatever
 * runtime or database they come through: the common case (a conversation served by one process) then
 * never waits in the database, and a process holds at most one ticket per conversation.
 */
const tails = new Map<string, Promise<void>>()

export async function inLocalOrder<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve()
  let done = () => {}
  const mine = new Promise<void>((resolve) => {
    done = resolve
  })
  const tail = previous.then(() => mine)
  tails.set(key, tail)
  await previous
  try {
    return await work()
  } finally {
    done()
    if (tails.get(key) === tail) tails.delete(key)
  }
}
