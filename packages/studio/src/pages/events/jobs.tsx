import { useState } from 'preact/hooks'
import type { BotApi } from '../../api/studio.js'
import { useStream } from '../../api/stream.js'
import type { Job, JobStatus } from '../../api/types.js'
import { useAsync } from '../../ui/async.js'
import { time } from '../../ui/format.js'
import { JsonView } from '../../ui/json-view.js'
import { Empty, ErrorNote, Show } from '../../ui/notes.js'

const statuses: { status: JobStatus; label: string; none: string }[] = [
  { status: 'failed', label: 'Failed', none: 'No failed job.' },
  { status: 'scheduled', label: 'Scheduled', none: 'No job is scheduled: scheduled events and workflow timeouts appear here.' },
  { status: 'recurring', label: 'Recurring', none: 'No recurring event: declare one under `recurringEvents` in a definition.' },
]

export function Jobs({ api }: { api: BotApi }) {
  const [status, setStatus] = useState<JobStatus>('failed')
  const [jobs, reload] = useAsync(() => api.jobs(status), [api, status])
  // A job runs as a turn: each one that ends may have run, failed or scheduled one.
  useStream(api.turnStreamUrl(), 'turn', reload)
  const [error, setError] = useState<Error>()
  const act = (action: Promise<unknown>) => void action.then(() => { setError(undefined); reload() }, setError)
  return (
    <section aria-labelledby="jobs-title">
      <h2 id="jobs-title">Jobs</h2>
      <div role="tablist" class="tabs" aria-label="Jobs by status">
        {statuses.map((s) => <button key={s.status} type="button" role="tab" aria-selected={s.status === status} onClick={() => setStatus(s.status)}>{s.label}</button>)}
      </div>
      <button type="button" onClick={reload}>Refresh</button>
      {error && <ErrorNote error={error} />}
      <Show loaded={jobs} what="jobs" retry={reload}>
        {({ jobs: list }) => list.length === 0 ? <Empty>{statuses.find((s) => s.status === status)?.none}</Empty> : (
          <ul class="records" aria-label={`${status} jobs`}>
            {list.map((job) => <JobItem key={job.id} job={job} onRetry={() => act(api.retryJob(job.id))} onCancel={() => act(api.cancelJob(job.id))} />)}
          </ul>
        )}
      </Show>
    </section>
  )
}

function JobItem({ job, onRetry, onCancel }: { job: Job; onRetry: () => void; onCancel: () => void }) {
  return (
    <li class="job" aria-label={`Job ${job.id}`}>
      <p><strong>{job.kind}</strong>{job.key && job.key !== job.kind && <> <code>{job.key}</code></>} · runs {time(job.runAt)} · {job.attempts} attempts</p>
      {job.lastError && <p class="field-error">{job.lastError}{job.failedAt && ` (${time(job.failedAt)})`}</p>}
      <details><summary>Payload</summary><JsonView value={job.payload} /></details>
      <div class="toolbar">
        <button type="button" onClick={onRetry}>Retry now</button>
        <button type="button" class="danger" onClick={() => { if (window.confirm('Cancel this job? It will not run.')) onCancel() }}>Cancel</button>
      </div>
    </li>
  )
}
