import { IntegrationDefinition, IntegrationImplementation } from '@parley/sdk'
import filesReadonly from '@parley/interfaces/files-readonly'

/** A file storage service implementing Botpress's `files-readonly` interface, over files held in memory. */
export function drive(contents: Readonly<Record<string, string>>) {
  const definition = new IntegrationDefinition({ name: 'drive', version: '1.0.0' }).extend(filesReadonly, () => ({ entities: {} }))
  const items = Object.keys(contents).map((name) => ({ id: `id-${name}`, type: 'file' as const, name, absolutePath: `/${name}`, sizeInBytes: contents[name]!.length }))
  const implementation = new IntegrationImplementation({
    actions: {
      listItemsInFolder: () => ({ items, meta: {} }),
      transferFileToBotpress: async ({ input, client }) => {
        const { file } = await client.uploadFile({ key: input.fileKey, content: contents[input.file.name] ?? '', contentType: 'text/plain' })
        return { botpressFileId: file.id }
      },
    },
    channels: {},
  })
  return { definition, implementation }
}
