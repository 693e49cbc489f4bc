import type { AnyCommandSpec } from './command.js'
import { add } from './add.js'
import { bots } from './bots.js'
import { build } from './build.js'
import { chat } from './chat.js'
import { check } from './check.js'
import { deploy } from './deploy.js'
import { dev } from './dev.js'
import { gen } from './gen.js'
import { init } from './init.js'
import { remove } from './remove.js'
import { serve } from './serve.js'
import { start } from './start.js'

/** Every `parley` command, in the order `parley help` lists them. */
export const COMMANDS: readonly AnyCommandSpec[] = [init, gen, check, build, add, remove, dev, start, chat, serve, deploy, bots]
