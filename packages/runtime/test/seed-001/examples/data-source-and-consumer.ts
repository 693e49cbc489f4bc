import { createPlugin } from '@parley/sdk'

// Plugin A: Emit events
const pluginA = createPlugin({
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
const pluginB = createPlugin({
name: "data-consumer",
version: "1.0.0",
onActivate: async (context) => {
context.api.events.on("data-source:conversation-ended", async (data) => {
context.api.log(`Conversation ended in app ${data.appId}`);
});
},
});

export { pluginA, pluginB }
