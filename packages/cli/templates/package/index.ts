import definition from './{{type}}.definition'
import implementation from './src/index'

/** The package bots add: its definition and implementation together (`bot.add…(pkg, { alias, configuration })`). */
export default { definition, implementation }
