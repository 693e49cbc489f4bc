/** A gate a handler waits at, so a test can look or act while a turn is under way. */
export function gate() {
  let open = () => {}
  let reached = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  const arrived = new Promise<void>((resolve) => {
    reached = resolve
  })
  return { open, arrived, wait: () => (reached(), opened) }
}
