import plugin from './src/index'

/** The package bots add: `bot.addPlugin(pkg, { alias })`; it carries its definition and implementation. */
export default plugin
