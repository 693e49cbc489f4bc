import { describe, expect, it } from 'vitest'
import { tagsFilter } from './tags.js'

describe('the tags search field', () => {
  it('reads key=value pairs into the JSON object the search route takes', () => {
    expect(tagsFilter(' plan = pro, note=a=b ')).toBe('{"plan":"pro","note":"a=b"}')
    expect(tagsFilter(undefined)).toBeUndefined()
  })

  it('keeps a key named __proto__ as a tag, not as a prototype', () => {
    expect(JSON.parse(tagsFilter('__proto__=x') as string)).toEqual(JSON.parse('{"__proto__":"x"}'))
  })

  it('says how to write a pair that is not one', () => {
    expect((tagsFilter('plan') as Error).message).toContain('write tags as key=value')
  })
})
