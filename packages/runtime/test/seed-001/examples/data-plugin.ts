import { createPlugin } from '@parley/sdk'

const plugin = createPlugin({
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

export default plugin
