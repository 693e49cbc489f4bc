import { describe, expect, it } from 'vitest'
import { tagsFilter } from './tags.js'

describe('the tags search field', () => {
  it('reads key=value pairs into the tags the search route takes', () => {
    expect({ ...(tagsFilter(' plan = pro, note=a=b ') as object) }).toEqual({ plan: 'pro', note: 'a=b' })
    expect(tagsFilter(undefined)).toBeUndefined()
  })

  it('keeps a key named __proto__ as a tag, not as a prototype', () => {
    const tags = tagsFilter('__proto__=x') as Record<string, string>
    expect(Object.getPrototypeOf(tags)).toBeNull()
    expect(Object.keys(tags)).toEqual(['__proto__'])
  })

  it('says how to write a pair that is not one', () => {
    expect((tagsFilter('plan') as Error).message).toContain('write tags as key=value')
  })
})
