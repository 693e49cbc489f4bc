import * as bp from '../.parley'

/** Inside the plugin, names are its own: `greet`, not `greeter:greet`. */
export const greet: bp.ActionHandler<'greet'> = async ({ input, configuration }) => ({
  text: `${configuration.greeting}, ${input.name}!`,
})

export default new bp.Plugin({ actions: { greet } })
