import type { Client, RowMeta } from '@parley/sdk'
import { path } from '../path.js'
import type { Transport } from '../transport.js'

type Tables = Pick<
  Client,
  'createTableRow' | 'createTableRows' | 'findTableRows' | 'listTableRows' | 'getTableRow' | 'updateTableRows' | 'upsertTableRows' | 'deleteTableRows' | 'aggregateTableRows'
>

export function tableOperations(t: Transport): Tables {
  const rows = (table: string, verb = '') => path`tables/${table}/rows` + verb
  const find: Tables['findTableRows'] = ({ table, ...query }) => t.call('post', rows(table, '/find'), { json: query })
  return {
    createTableRow: async ({ table, row }) => {
      const created = await t.call<{ rows: (object & RowMeta)[] }>('post', rows(table), { json: { rows: [row] } })
      return { row: created.rows[0]! }
    },
    createTableRows: ({ table, ...body }) => t.call('post', rows(table), { json: body }),
    findTableRows: find,
    listTableRows: find,
    getTableRow: ({ table, id }) => t.call('get', rows(table, path`/${id}`)),
    updateTableRows: ({ table, ...body }) => t.call('post', rows(table, '/update'), { json: body }),
    upsertTableRows: ({ table, ...body }) => t.call('post', rows(table, '/upsert'), { json: body }),
    deleteTableRows: ({ table, ...body }) => t.call('post', rows(table, '/delete'), { json: body }),
    aggregateTableRows: ({ table, ...body }) => t.call('post', rows(table, '/aggregate'), { json: body }),
  }
}
