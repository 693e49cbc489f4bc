import type { CodeUnit } from '../../engine/units.js'

/**
 * How hook data crosses between the bot's names and a unit's: `toLocal` gives the unit its view (an
 * event's type as the plugin names it), `merge` folds what a hook returned back into the bot's data.
 */
export interface HookView<D> {
  toLocal(unit: CodeUnit, data: D): D
  merge(unit: CodeUnit, current: D, returned: D): D
}
