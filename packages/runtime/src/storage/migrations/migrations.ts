import type { Migration } from './migration.js'
import { conversations } from './001-conversations.js'
import { events } from './002-events.js'
import { states } from './003-states.js'
import { workflows } from './004-workflows.js'
import { jobs } from './005-jobs.js'
import { logs } from './006-logs.js'
import { turns } from './007-turns.js'
import { botpress } from './008-botpress.js'
import { pluginKv } from './009-plugin-kv.js'
import { externalApps } from './010-external-apps.js'
import { traces } from './011-traces.js'
import { deployments } from './012-deployments.js'
import { participants } from './017-participants.js'

/** Every migration, in the order they apply. Add new ones at the end with the next version. */
export const MIGRATIONS: readonly Migration[] = [conversations, events, states, workflows, jobs, logs, turns, botpress, pluginKv, externalApps, traces, deployments, participants]
