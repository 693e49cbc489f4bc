import { createPlugin } from '@parley/sdk'

const plugin = createPlugin({
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

export default plugin
