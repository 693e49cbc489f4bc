/**
 * A value carried by an object where code cannot see it: not a property (no key, enumerable or not, no
 * symbol), so `{ ...object }`, `Object.keys`, `Reflect.ownKeys` and JSON see the object as before. It is
 * a class's private field put on an object the class did not make: the base constructor hands `target`
 * back as `this`, and the subclass then adds its field to it.
 *
 * Chosen over a `WeakMap` from objects to values: props objects are made for every hook call, and each
 * key of a long-lived `WeakMap` is an entry the collector handles apart.
 */
export interface HiddenSlot<V> {
  put<T extends object>(target: T, value: V): T
  /** The value of `target`, or of the first object on its prototype chain that has one. */
  get(target: object): V | undefined
}

class Handing {
  constructor(target: object) {
    return target
  }
}

export function hiddenSlot<V>(): HiddenSlot<V> {
  class Slot extends Handing {
    #value: V
    constructor(target: object, value: V) {
      super(target)
      this.#value = value
    }

    static get(target: object): V | undefined {
      for (let at: object | null = target; at !== null; at = Object.getPrototypeOf(at)) {
        if (#value in at) return (at as Slot).#value
      }
      return undefined
    }
  }
  return {
    put: (target, value) => (new Slot(target, value), target),
    get: (target) => Slot.get(target),
  }
}
