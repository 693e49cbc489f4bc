import { createPlugin } from '@parley/sdk'

const plugin = createPlugin({
name: "github-integration",
version: "1.0.0",
webhooks: [
{
name: "github-events",
events: ["push", "pull_request", "issues"],
handler: async (context, event, payload) => {
context.api.log(`Received GitHub ${event} event`);
// Process webhook payload
},
},
],
});

export default plugin
