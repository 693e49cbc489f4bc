import { describe, expect, it } from 'vitest'
import definition from '../bot.definition'
import bot from '../src/index'

describe('the bot', () => {
  it('implements every action its definition declares', () => {
    const own = Object.entries(definition.actions).filter(([, action]) => action.origin.kind === 'bot')
    expect(Object.keys(bot.actions).sort()).toEqual(own.map(([name]) => name).sort())
  })
})
