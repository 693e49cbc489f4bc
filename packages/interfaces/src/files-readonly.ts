import { InterfaceDefinition, z } from '@parley/sdk'

const item = (kind: 'file' | 'folder' | 'item') =>
  z.object({
    id: z.string().describe(`The ${kind}'s id: an id of the service, or a path, so long as it is unique`),
    type: z.union([z.literal('file'), z.literal('folder')]).describe('Whether it is a file or a folder'),
    name: z.string().describe(`The ${kind}'s name, as shown to people and used as the stored file's name`),
    parentId: z.string().optional().describe('The parent folder\'s id; absent at the root'),
    absolutePath: z.string().optional().describe(`The ${kind}'s absolute path, when the service knows it`),
  })

const folder = item('folder').extend({ type: z.literal('folder') })
const file = item('file').extend({
  type: z.literal('file'),
  sizeInBytes: z.number().optional().describe('The file\'s size in bytes, when known'),
  lastModifiedDate: z.string().datetime().optional().describe('When the file last changed, when known'),
  contentHash: z.string().optional().describe('A hash, version or revision of the content, when known'),
})
const fileWithPath = file.extend({ absolutePath: z.string().describe('The file\'s full path') })
const folderWithPath = folder.extend({ absolutePath: z.string().describe('The folder\'s full path') })
const nextToken = z.string().optional().describe('The token of the next page of items')

/**
 * Read access to a file storage service (a drive, a bucket): list folders, copy files into the bot's
 * files, and hear of changes. The Botpress `files-readonly` interface, field for field.
 *
 * @example
 * const { items, meta } = await actions['files-readonly'].listItemsInFolder({ folderId })
 */
export const filesReadonly = new InterfaceDefinition({
  name: 'files-readonly',
  version: '1.0.0',
  actions: {
    listItemsInFolder: {
      title: 'List items in folder',
      description: 'List the files and folders in a folder',
      input: {
        schema: () => z.object({
          folderId: folder.shape.id.optional().describe('The folder to list; the root when absent'),
          filters: z
            .object({
              itemType: item('item').shape.type.optional().describe('Only files, or only folders'),
              maxSizeInBytes: file.shape.sizeInBytes.optional().describe('Only files at most this large'),
              modifiedAfter: file.shape.lastModifiedDate.optional().describe('Only files changed after this time'),
            })
            .optional()
            .describe('Search filters'),
          nextToken: nextToken.describe('The token of the page to list; the first page when absent'),
        }),
      },
      output: {
        schema: () => z.object({
          items: z.array(z.union([file, folder])).describe('The files and folders in the folder'),
          meta: z.object({ nextToken }),
        }),
      },
    },
    transferFileToBotpress: {
      title: 'Transfer file to the bot',
      description: 'Copy a file of the service into the bot\'s files',
      input: {
        schema: () => z.object({
          file: file.title('File to transfer').describe('The file to transfer'),
          fileKey: z.string().title('File key').describe('The key to store the file under'),
        }),
      },
      output: { schema: () => z.object({ botpressFileId: z.string().describe('The id of the stored file') }) },
    },
  },
  events: {
    fileCreated: { schema: () => z.object({ file: fileWithPath.describe('The created file') }) },
    fileUpdated: { schema: () => z.object({ file: fileWithPath.describe('The updated file') }) },
    fileDeleted: { schema: () => z.object({ file: fileWithPath.describe('The deleted file') }) },
    folderDeletedRecursive: { schema: () => z.object({ folder: folderWithPath.describe('The deleted folder') }) },
    aggregateFileChanges: {
      schema: () => z.object({
        modifiedItems: z
          .object({
            created: z.array(fileWithPath).describe('The files created'),
            updated: z.array(fileWithPath).describe('The files updated'),
            deleted: z.array(z.union([fileWithPath, folderWithPath])).describe('The files and folders deleted'),
          })
          .describe('The items that changed'),
      }),
    },
  },
})

export default filesReadonly.asPackage()
