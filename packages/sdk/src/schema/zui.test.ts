import { describe, expect, it } from 'vitest'
import { toJsonSchema, z } from '../index.js'

describe('zui metadata on z', () => {
  const schema = z.object({
    name: z.string().title('Ticket Title').describe('Title of the ticket').optional().placeholder('{{ event.title }}'),
    temperature: z.number().min(0).max(2).displayAs({ id: 'slider', params: { stepSize: 0.01 } }).default(1),
    debug: z.boolean().optional().hidden(),
    id: z.string().disabled(),
  })

  it('survives zod\'s own copies (describe, optional) and stays zod underneath', () => {
    expect(schema.shape.name.unwrap().getZuiMetadata()).toEqual({ title: 'Ticket Title' })
    expect(schema.shape.name.getZuiMetadata()).toEqual({ placeholder: '{{ event.title }}' })
    expect(schema.parse({ id: 'a' })).toEqual({ id: 'a', temperature: 1 })
    expect(schema.safeParse({ id: 'a', temperature: 3 }).success).toBe(false)
  })

  it('is emitted in JSON Schema as title and x-zui', () => {
    const json = toJsonSchema(schema) as { properties: Record<string, object> }
    expect(json.properties.name).toMatchObject({ title: 'Ticket Title', description: 'Title of the ticket', 'x-zui': { placeholder: '{{ event.title }}' } })
    expect(json.properties.temperature).toMatchObject({ 'x-zui': { displayAs: { id: 'slider', params: { stepSize: 0.01 } } } })
    expect(json.properties.debug).toMatchObject({ 'x-zui': { hidden: true } })
    expect(json.properties.id).toMatchObject({ 'x-zui': { disabled: true } })
    expect(schema.toJSONSchema()).toEqual(json)
  })

  it('prints the TypeScript type of a schema, for prompts', () => {
    const output = z.object({
      hasQuestions: z.boolean().describe('Whether questions were found'),
      questions: z.array(z.object({ line: z.string(), 'raw question': z.string() })).optional(),
      kind: z.enum(['a', 'b']).nullable(),
      meta: z.record(z.number()),
    })
    expect(output.toTypescript()).toBe(
      '{ /** Whether questions were found */ hasQuestions: boolean; questions?: Array<{ line: string; "raw question": string }> | undefined; kind: "a" | "b" | null; meta: Record<string, number> }',
    )
    expect(z.union([z.literal(1), z.tuple([z.string(), z.bigint()])]).toTypescriptType()).toBe('1 | [string, bigint]')
  })
})
