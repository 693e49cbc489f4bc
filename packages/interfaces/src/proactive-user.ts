import { InterfaceDefinition, z } from '@parley/sdk'

/**
 * Creating a user of the outside service from the bot, to write to them first (Botpress's `proactiveUser`).
 *
 * @example
 * const { userId } = await actions.users.getOrCreateUser({ name: 'Ada', user: { phone: '+1…' } })
 */
export const proactiveUser = new InterfaceDefinition({
  name: 'proactive-user',
  version: '1.0.0',
  entities: {
    user: { title: 'User', description: 'The fields that identify a user of the service', schema: z.object({}).title('User').describe('The user object fields') },
  },
  actions: {
    getOrCreateUser: {
      title: 'Get or create a user',
      description: 'Find or create a user of the service from the bot',
      input: {
        schema: ({ user }) => z.object({
          name: z.string().optional().title('Name').describe('The name of the user'),
          pictureUrl: z.string().optional().title('Picture URL').describe('The URL of the user\'s picture'),
          email: z.string().optional().title('Email').describe('The email of the user'),
          user: user.title('User').describe('The user object fields'),
        }),
      },
      output: { schema: () => z.object({ userId: z.string().title('User ID').describe('The id of the user in the bot') }) },
    },
  },
})

export default proactiveUser.asPackage()
