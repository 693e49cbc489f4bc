import { describe, expect, it } from 'vitest'
import { toCsv } from './csv.js'

const row = (fields: Record<string, unknown>) => ({ id: 1, createdAt: '', updatedAt: '', ...fields })

describe('CSV export', () => {
  it('writes a header and one line per row, quoting what needs it', () => {
    const csv = toCsv(['id', 'text', 'tags'], [row({ text: 'a, "quoted"\nline', tags: { a: 1 } }), row({ id: 2, text: null })])
    expect(csv).toBe('id,text,tags\r\n1,"a, ""quoted""\nline","{""a"":1}"\r\n2,,\r\n')
  })

  it('keeps a cell that starts like a formula as text', () => {
    expect(toCsv(['text'], [row({ text: '=HYPERLINK("x")' }), row({ text: '-1' }), row({ text: '@sum' })]).split('\r\n')).toEqual(['text', `"'=HYPERLINK(""x"")"`, "'-1", "'@sum", ''])
  })
})
