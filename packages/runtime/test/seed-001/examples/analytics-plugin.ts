import { createPlugin } from '@parley/sdk'
import { fetchStats, trackEvent } from './analytics-helpers.js'

const plugin = createPlugin({
name: "analytics-plugin",
version: "1.0.0",
endpoints: [
{
method: "GET",
path: "/stats",
description: "Get plugin analytics stats",
auth: true,
handler: async (req, res) => {
const stats = await fetchStats(req.user.id);
res.json({ stats });
},
},
{
method: "POST",
path: "/track",
handler: async (req, res) => {
await trackEvent(req.body);
res.status(201).json({ tracked: true });
},
},
],
});

export default plugin
