import { ParleyError as SdkParleyError } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { errorResponse } from './error-body.js'
import { invalidRequest } from './http-errors.js'
import { statusForCode } from './status.js'

describe('error responses', () => {
  it('keep a domain error’s code, message and issues', () => {
    expect(errorResponse(invalidRequest([{ path: 'body.name', message: 'Required' }]))).toEqual({
      status: 400,
      body: { error: { code: 'REQUEST_INVALID', message: 'the request is invalid: body.name: Required', issues: [{ path: 'body.name', message: 'Required' }] } },
    })
  })

  it('hide everything but the fact of a failure for other errors', () => {
    expect(errorResponse(new TypeError('secret detail'))).toEqual({ status: 500, body: { error: { code: 'INTERNAL', message: expect.not.stringContaining('secret') } } })
  })

  it('recognise errors of another copy of the SDK by their class chain', () => {
    class ParleyError extends Error {
      constructor(readonly code: string, message: string) {
        super(message)
      }
    }
    class StorageError extends ParleyError {}
    expect(errorResponse(new StorageError('NOT_FOUND', 'gone'))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
  })

  it('give codes added later a status from their suffix', () => {
    expect([statusForCode('ALIAS_TAKEN'), statusForCode('WIDGET_NOT_FOUND'), statusForCode('SCHEDULE_INVALID'), statusForCode('FILE_TOO_LARGE'), statusForCode('SOMETHING')]).toEqual([409, 404, 400, 413, 500])
    expect(errorResponse(new SdkParleyError('TABLE_SCHEMA_CONFLICT', 'x')).status).toBe(409)
  })
})
