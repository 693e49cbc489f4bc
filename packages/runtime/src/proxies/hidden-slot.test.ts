import { describe, expect, it } from 'vitest'
import { hiddenSlot } from './hidden-slot.js'

describe('hiddenSlot', () => {
  it('carries a value no key, copy or serialization of the object shows', () => {
    const slot = hiddenSlot<{ secret: number }>()
    const target = slot.put({ shown: 1 }, { secret: 2 })
    expect(slot.get(target)).toEqual({ secret: 2 })
    expect(Reflect.ownKeys(target)).toEqual(['shown'])
    expect({ ...target }).toEqual({ shown: 1 })
    expect(slot.get({ ...target })).toBeUndefined()
    expect(JSON.stringify(target)).toBe('{"shown":1}')
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype)
  })

  it('is found through the prototype chain, and one slot does not see another', () => {
    const [first, second] = [hiddenSlot<string>(), hiddenSlot<string>()]
    const target = first.put({}, 'first')
    expect(first.get(Object.create(target) as object)).toBe('first')
    expect(second.get(target)).toBeUndefined()
    expect(first.get(Object.create(null) as object)).toBeUndefined()
  })
})
