/**
 * Replaces a property built on first read (an own, enumerable getter) by a plain data property holding
 * `value`, and gives the value back. Props are built for every unit a message passes through and most
 * handlers read a few of them: the rest is never made, yet `{ ...props }`, `Object.keys(props)` and
 * destructuring still see every prop, and code may assign over one.
 */
export function keep<T>(target: object, name: string, value: T): T {
  Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true })
  return value
}
