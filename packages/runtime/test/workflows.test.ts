import { BotDefinition, BotImplementation, DEFAULT_WORKFLOW_TIMEOUT_MS, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

function composed(trace: string[]) {
  const definition = new BotDefinition({
    events: { answered: { schema: z.object({ answer: z.string() }) } },
    workflows: {
      onboarding: {
        input: { schema: z.object({ plan: z.string() }) },
        output: { schema: z.object({ completed: z.boolean(), steps: z.array(z.string()) }) },
      },
    },
  })
  const implementation = new BotImplementation({ actions: {} })
  // With no event of its own, a handler gets Botpress's `workflow_update` event naming what happened.
  const update = (event: { type: string; payload: Record<string, unknown> }) => (event.type === 'workflow_update' ? `${event.payload.eventType}` : `after ${event.type} ${JSON.stringify(event.payload)}`)
  implementation.on.workflowStart('onboarding', ({ workflow, event }) => void trace.push(`start ${workflow.status} ${JSON.stringify(workflow.input)} ${update(event)}`))
  implementation.on.workflowContinue('*', ({ workflow, event }) => void trace.push(`continue ${workflow.status} ${update(event)}`))
  implementation.on.workflowTimeout('onboarding', ({ workflow, event }) => void trace.push(`timeout ${workflow.status} ${update(event)}`))
  return { definition, implementation }
}

describe('workflows', () => {
  it('start, continue on an update or an event sent to them, and complete with checked output', async () => {
    const trace: string[] = []
    const bot = await createTestBot(composed(trace))
    const { workflow } = await bot.client.startWorkflow({ name: 'onboarding', input: { plan: 'pro' } })
    expect(workflow.status).toBe('pending')
    await bot.settle()
    expect(trace).toEqual(['start in_progress {"plan":"pro"} workflow_started'])
    await bot.client.updateWorkflow({ id: workflow.id, status: 'in_progress' })
    await bot.settle()
    await bot.client.createEvent({ type: 'answered', payload: { answer: 'yes' }, workflowId: workflow.id })
    await bot.settle()
    expect(trace.slice(1)).toEqual(['continue in_progress workflow_continued', 'continue in_progress after answered {"answer":"yes"}'])
    await expect(bot.client.updateWorkflow({ id: workflow.id, status: 'completed', output: { completed: 'yes' } })).rejects.toThrow(
      'workflow "onboarding" output.completed: Expected boolean, received string',
    )
    const done = await bot.client.updateWorkflow({ id: workflow.id, status: 'completed', output: { completed: true, steps: ['a'] } })
    expect(done.workflow).toMatchObject({ status: 'completed', output: { completed: true, steps: ['a'] } })
    await expect(bot.client.updateWorkflow({ id: workflow.id, status: 'in_progress' })).rejects.toMatchObject({ code: 'WORKFLOW_FINISHED' })
    await bot.stop()
  })

  it('time out: status timed_out and workflowTimeout handlers, unless finished first', async () => {
    const trace: string[] = []
    const bot = await createTestBot(composed(trace))
    const { workflow } = await bot.client.startWorkflow({ name: 'onboarding', input: { plan: 'free' }, timeoutMs: 60_000 })
    const { workflow: finished } = await bot.client.startWorkflow({ name: 'onboarding', input: { plan: 'x' }, timeoutMs: 60_000 })
    await bot.client.updateWorkflow({ id: finished.id, status: 'cancelled' })
    await bot.advance('1m')
    expect(trace.filter((line) => line.startsWith('timeout'))).toEqual(['timeout timed_out workflow_timedout'])
    expect((await bot.client.getWorkflow({ id: workflow.id })).workflow.status).toBe('timed_out')
    expect((await bot.client.getWorkflow({ id: finished.id })).workflow.status).toBe('cancelled')
    await bot.stop()
  })

  it('started without a timeout, time out a day later, as every Botpress run has a timeout', async () => {
    const trace: string[] = []
    const bot = await createTestBot(composed(trace))
    const before = bot.clock.now().getTime()
    const { workflow } = await bot.client.startWorkflow({ name: 'onboarding', input: { plan: 'free' } })
    const timeoutAt = Date.parse(workflow.timeoutAt) - DEFAULT_WORKFLOW_TIMEOUT_MS
    expect([timeoutAt >= before, timeoutAt <= bot.clock.now().getTime()]).toEqual([true, true])
    await bot.advance('23h')
    expect((await bot.client.getWorkflow({ id: workflow.id })).workflow.status).toBe('in_progress')
    await bot.advance('1h')
    expect(trace.filter((line) => line.startsWith('timeout'))).toEqual(['timeout timed_out workflow_timedout'])
    await bot.stop()
  })

  it('check their input', async () => {
    const bot = await createTestBot(composed([]))
    await expect(bot.client.startWorkflow({ name: 'onboarding', input: {} })).rejects.toThrow('workflow "onboarding" input.plan: Required')
    await expect(bot.client.startWorkflow({ name: 'offboarding', input: {} })).rejects.toThrow('the bot uses workflow "offboarding", which the bot does not have')
    await bot.stop()
  })
})
