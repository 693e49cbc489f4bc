import { createPlugin } from '@parley/sdk'

// Seed 001's examples, as written there; only the import path is Parley's. `fetchStats` and
// `trackEvent`, which the seed leaves to the reader, record what they were given.

export const tracked: unknown[] = []
export async function fetchStats(userId: string) {
  return { userId, tracked: tracked.length }
}
export async function trackEvent(body: unknown) {
  tracked.push(body)
}

export const dataPlugin = createPlugin({
name: "data-plugin",
version: "1.0.0",
hooks: {
"conversation:end": async (context, conversationId) => {
// Store data
await context.api.db.set("last-conversation", conversationId);
// Retrieve data
const last = await context.api.db.get("last-conversation");
// Store structured data
await context.api.db.set(`conversations:${conversationId}`, {
endedAt: new Date(),
userId: context.userId,
});
// Query data
const recent = await context.api.db.find(
{ userId: context.userId },
{ limit: 10, sort: { endedAt: -1 } },
);
// List keys
const keys = await context.api.db.keys("conversations:");
// Count
const count = await context.api.db.count({ userId: context.userId });
// Delete
await context.api.db.delete("temporary-key");
},
},
});

export const analyticsPlugin = createPlugin({
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

export const cleanupPlugin = createPlugin({
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

// Plugin A: Emit events
export const pluginA = createPlugin({
name: "data-source",
version: "1.0.0",
hooks: {
"conversation:end": async (context) => {
await context.api.events.emit("data-source:conversation-ended", {
appId: context.appId,
timestamp: Date.now(),
});
},
},
});
// Plugin B: Listen for events
export const pluginB = createPlugin({
name: "data-consumer",
version: "1.0.0",
onActivate: async (context) => {
context.api.events.on("data-source:conversation-ended", async (data) => {
context.api.log(`Conversation ended in app ${data.appId}`);
});
},
});

export const githubPlugin = createPlugin({
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

export const adminPlugin = createPlugin({
name: "admin-extension",
version: "1.0.0",
adminPages: [
{
path: "/admin-extension/dashboard",
title: "Extension Dashboard",
icon: "chart-bar",
component: "ExtensionDashboard",
group: "plugins",
},
],
});
