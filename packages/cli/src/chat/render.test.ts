import { describe, expect, it } from 'vitest'
import { choiceOptions, renderMessage } from './render.js'

describe('messages in the terminal', () => {
  it('shows each standard type as plain lines', () => {
    expect(renderMessage({ type: 'text', payload: { text: 'hi' } })).toBe('hi')
    expect(renderMessage({ type: 'markdown', payload: { markdown: '**hi**' } })).toBe('**hi**')
    expect(renderMessage({ type: 'choice', payload: { text: 'Pick', options: [{ label: 'Tea', value: 'tea' }, { label: 'Coffee', value: 'coffee' }] } })).toBe('Pick\n  1) Tea\n  2) Coffee')
    expect(renderMessage({ type: 'image', payload: { imageUrl: 'https://x/y.png', title: 'Y' } })).toBe('[image] Y https://x/y.png')
    expect(renderMessage({ type: 'location', payload: { latitude: 1.5, longitude: 2 } })).toBe('[location] 1.5, 2')
    expect(renderMessage({ type: 'card', payload: { a: 1 } })).toBe('[card] {"a":1}')
  })

  it('reads the options of a choice only', () => {
    expect(choiceOptions({ type: 'choice', payload: { text: 'x', options: [{ label: 'A', value: 'a' }] } })).toEqual([{ label: 'A', value: 'a' }])
    expect(choiceOptions({ type: 'text', payload: { text: 'x' } })).toEqual([])
  })
})
