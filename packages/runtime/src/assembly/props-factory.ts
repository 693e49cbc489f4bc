import type { Context } from '@parley/sdk'
import type { Engine, PropsFactory } from '../engine/engine.js'
import type { Turn } from '../engine/turn.js'
import type { CodeUnit } from '../engine/units.js'
import { handlerProps, type PropsMaker } from '../proxies/handler-props.js'
import { integrationProps } from '../proxies/integration-props.js'
import { actionableWorkflow } from '../proxies/actionable.js'
import { hiddenSlot } from '../proxies/hidden-slot.js'

type UnitProps = Map<CodeUnit, { readonly ctx: Context; readonly props: PropsMaker }>

/**
 * The props handed to code, built once per unit for each thing a turn handles: a message passes through
 * up to three hooks and a handler of each unit, which all get the same client and proxies.
 */
export function propsFactory(engine: Engine): PropsFactory {
  // Kept on the turn itself, not in a `WeakMap` keyed by it: young-generation collections kept that
  // map's values alive, so every turn's props (and the turn they reach) outlived it into the old
  // generation, 3 MB every ~115 messages (bench/dispatch/README.md).
  const built = hiddenSlot<UnitProps>()
  const unitsOf = (turn: Turn): UnitProps => {
    const units = built.get(turn)
    if (units) return units
    const made: UnitProps = new Map()
    built.put(turn, made)
    return made
  }
  const maker = (unit: CodeUnit, ctx: Context, turn: Turn | undefined) => {
    if (!turn) return handlerProps(engine, unit, ctx, turn)
    const units = unitsOf(turn)
    const known = units.get(unit)
    if (known?.ctx === ctx) return known.props
    const props = handlerProps(engine, unit, ctx, turn)
    units.set(unit, { ctx, props })
    return props
  }
  return {
    code: (unit, ctx, turn, extra) => maker(unit, ctx, turn)(extra),
    integration: (unit, ctx, turn) => integrationProps(engine, unit, ctx, turn),
    workflow(unit, ctx, turn, workflow) {
      return actionableWorkflow(this.code(unit, ctx, turn).client, workflow)
    },
  }
}
