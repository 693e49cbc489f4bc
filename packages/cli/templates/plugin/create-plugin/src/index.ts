import { createPlugin } from '@parley/sdk'

/** Counts each user's messages in the plugin's own key-value store, and serves the count over HTTP. */
export default createPlugin({
  name: '{{name}}',
  version: '0.1.0',
  hooks: {
    'message:received': async (context, message) => {
      const key = `messages:${message.userId}`
      await context.api.db.set(key, { userId: message.userId, count: ((await context.api.db.get<{ count: number }>(key))?.count ?? 0) + 1, at: new Date() })
    },
  },
  endpoints: [
    {
      method: 'GET',
      path: '/counts',
      auth: true,
      handler: async (req, res) => {
        res.json({ counts: await req.context.api.db.find({}, { sort: { count: -1 }, limit: 10 }) })
      },
    },
  ],
})
