import type { Tags, User } from './records.js'

/** A page of a list, and the token of the next one (absent on the last page). */
export interface PageMeta {
  readonly nextToken?: string
}

/** A file the bot stores: in the database or a local folder, with a URL the runtime serves it at. */
export interface StoredFile {
  readonly id: string
  readonly botId: string
  /** The name it is looked up by, unique per bot (`docs/faq.md`). */
  readonly key: string
  readonly url: string
  readonly size: number | null
  readonly contentType: string
  readonly tags: Tags
  /** Whether its text is indexed for `searchFiles`. */
  readonly index: boolean
  readonly status: 'upload_pending' | 'upload_completed' | 'upload_failed' | 'indexing_pending' | 'indexing_completed' | 'indexing_failed'
  readonly failedStatusReason?: string
  readonly accessPolicies: readonly ('public_content' | 'integrations')[]
  readonly expiresAt?: string
  readonly createdAt: string
  readonly updatedAt: string
}

interface FileFields {
  readonly key: string
  readonly contentType?: string
  readonly index?: boolean
  readonly tags?: Tags
  readonly accessPolicies?: readonly ('public_content' | 'integrations')[]
  readonly expiresAt?: string
}

/** A passage of an indexed file that matches a search. */
export interface FilePassage {
  readonly content: string
  readonly score: number
  readonly meta?: Readonly<Record<string, unknown>>
  readonly file: Pick<StoredFile, 'id' | 'key' | 'contentType' | 'tags' | 'createdAt' | 'updatedAt'>
}

/** Files, as Botpress plugins use them (knowledge, file synchronizers). */
export interface FilesClient {
  /** Stores a file's content under its key, replacing the one there. */
  uploadFile(request: FileFields & { readonly content: string | Uint8Array | ArrayBuffer }): Promise<{ file: StoredFile }>
  /** Creates or updates a file's record; its content is then sent to `file.uploadUrl`. */
  upsertFile(request: FileFields & { readonly size?: number }): Promise<{ file: StoredFile & { readonly uploadUrl: string } }>
  getFile(request: { readonly id: string }): Promise<{ file: StoredFile }>
  listFiles(request?: { readonly tags?: Tags; readonly nextToken?: string }): Promise<{ files: StoredFile[]; meta: PageMeta }>
  deleteFile(request: { readonly id: string }): Promise<void>
  /** Passages of indexed files that answer a query, best first. */
  searchFiles(request: { readonly query: string; readonly tags?: Tags; readonly limit?: number; readonly contextDepth?: number; readonly consolidate?: boolean }): Promise<{ passages: FilePassage[] }>
}

/** A table created at run time (Botpress's `createTable`), beside those definitions declare. */
export interface TableInfo {
  readonly id: string
  readonly name: string
  /** JSON Schema of its rows. */
  readonly schema: Readonly<Record<string, unknown>>
  readonly tags: Tags
  readonly createdAt: string
  readonly updatedAt: string
}

/** A named usage counter: the sum of every count `trackAnalytics` added to it. */
export interface AnalyticsCounter {
  readonly name: string
  readonly count: number
  readonly createdAt: string
  readonly updatedAt: string
}

/** Tables made and dropped by code, as Botpress plugins do, and usage analytics. */
export interface TablesAdminClient {
  /** Creates a table from a JSON Schema of its rows (or an example row's fields, as Botpress accepts). */
  createTable(request: { readonly name: string; readonly schema: object; readonly tags?: Tags }): Promise<{ table: TableInfo }>
  getTable(request: { readonly table: string }): Promise<{ table: TableInfo; rows: number }>
  deleteTable(request: { readonly table: string }): Promise<void>
  /** Counts an occurrence of a named metric (Botpress's `trackAnalytics`). */
  trackAnalytics(request: { readonly name: string; readonly count?: number }): Promise<object>
  /** The counters `trackAnalytics` keeps, by name: those named, or those whose name starts with `prefix`. */
  listAnalytics(request?: { readonly names?: readonly string[]; readonly prefix?: string }): Promise<{ analytics: AnalyticsCounter[] }>
}

/** Directory operations Botpress code calls beside Parley's get/update/list. */
export interface DirectoryClient {
  /** A conversation's participants (by `id`, the conversation's): users added, and every user who sent it a message. */
  listParticipants(request: { readonly id: string; readonly nextToken?: string }): Promise<{ participants: User[]; meta: PageMeta }>
  /** Makes an existing user a participant of the conversation `id` (again is no error). */
  addParticipant(request: { readonly id: string; readonly userId: string }): Promise<{ participant: User }>
  /** The user, when a participant of the conversation `id`; otherwise a not-found error. */
  getParticipant(request: { readonly id: string; readonly userId: string }): Promise<{ participant: User }>
  removeParticipant(request: { readonly id: string; readonly userId: string }): Promise<object>
  deleteConversation(request: { readonly id: string }): Promise<void>
  deleteUser(request: { readonly id: string }): Promise<void>
  /** Merges tags into a stored message and, given a payload, replaces its payload (checked against its type's schema). */
  updateMessage(request: { readonly id: string; readonly tags?: Tags; readonly payload?: object }): Promise<{ message: import('./records.js').Message }>
  deleteMessage(request: { readonly id: string }): Promise<void>
}

/** The operations Botpress code calls beyond Parley's original client. */
export type ClientExtensionOperation = keyof FilesClient | keyof TablesAdminClient | keyof DirectoryClient
