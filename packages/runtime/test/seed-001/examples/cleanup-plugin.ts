import { createPlugin } from '@parley/sdk'

const plugin = createPlugin({
name: "cleanup-plugin",
version: "1.0.0",
cronJobs: [
{
name: "daily-cleanup",
schedule: "0 2 * * *", // 2 AM daily (cron format)
handler: async (context) => {
context.api.log("Running daily cleanup...");
// Perform cleanup tasks
},
timezone: "America/New_York",
},
{
name: "hourly-sync",
schedule: "1h", // Shorthand: every hour
handler: async (context) => {
// Sync data
},
},
],
});

export default plugin
