export { APP_SIGNATURE_HEADER, APP_SIGNATURE_TOLERANCE_SECONDS, signAppRequest, verifyAppRequest, type SignAppRequestOptions, type VerifyAppRequestOptions } from './signature.js'
export { APP_TRIGGERS, AppManifestError, appManifestSchema, parseAppManifest, type AppManifest, type AppTrigger } from './manifest.js'
export type { AppDelivery, AppsClient, InstallAppRequest, InstalledApp } from './client.js'
