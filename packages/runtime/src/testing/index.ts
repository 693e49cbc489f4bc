/**
 * @parley/runtime/testing — run a bot in memory in a test: send messages as a user, await replies, call
 * actions, read states, tables and events, move time forward; and a scripted LLM for deterministic tests.
 */
export { createTestBot, type TestBot, type TestBotOptions, type TypesOf } from './test-bot.js'
export type { TestConversation, Exchange, Outgoing } from './test-conversation.js'
export { scriptedLlm, type ScriptedLlm, type ScriptedLlmOptions, type ScriptedReply, type GenerateContentInput } from './scripted-llm.js'
export type { Duration } from './durations.js'
