import type { Step, Trace } from '../../api/types.js'
import { ms, time } from '../../ui/format.js'

/** One turn: what ran, in order, who owns it, how long it took and how it ended. */
export function TraceView({ trace, selected }: { trace: Trace; selected: boolean }) {
  return (
    <article class={`turn${trace.failed ? ' failed' : ''}${selected ? ' selected' : ''}`} id={`turn-${trace.turnId}`} aria-label={`Turn ${trace.turnId}`} tabIndex={-1}>
      <header>
        <strong>{trace.kind} turn</strong> <span>{time(trace.startedAt)}</span> <span>{ms(trace.durationMs)}</span>
        {trace.failed && <span class="badge error">failed</span>}
      </header>
      {trace.steps.length === 0 ? <p class="note">Nothing ran in this turn.</p> : (
        <div class="table-scroll">
          <table class="steps">
            <thead><tr><th scope="col">Step</th><th scope="col">Plugin</th><th scope="col">Name</th><th scope="col">Result</th><th scope="col">Duration</th><th scope="col" class="wide">When</th></tr></thead>
            <tbody>{trace.steps.map((step, i) => <StepRow key={i} step={step} total={trace.durationMs} />)}</tbody>
          </table>
        </div>
      )}
    </article>
  )
}

function StepRow({ step, total }: { step: Step; total: number }) {
  const view = describe(step)
  return (
    <tr class={`step ${step.kind} ${view.result ?? ''}`}>
      <th scope="row">{view.what}</th>
      <td>{view.owner}</td>
      <td>{view.name}{'error' in step && step.error && <ErrorDetails error={step.error} />}</td>
      <td>{view.result && <span class={`badge ${view.result}`}>{view.result}</span>}</td>
      <td>{view.durationMs === undefined ? '' : ms(view.durationMs)}</td>
      <td class="wide"><Bar start={step.startMs} duration={view.durationMs ?? 0} total={total} /></td>
    </tr>
  )
}

interface StepView { what: string; owner: string; name: string; result?: string; durationMs?: number }

function describe(step: Step): StepView {
  switch (step.kind) {
    case 'hook': return { what: step.hook, owner: step.owner, name: step.name, result: step.result, durationMs: step.durationMs }
    case 'handler': return { what: `${step.handler} handler`, owner: step.owner, name: step.name, result: step.result, durationMs: step.durationMs }
    case 'action': return { what: 'action', owner: step.owner, name: step.name, result: step.result, durationMs: step.durationMs }
    case 'event': return { what: 'event emitted', owner: '', name: `${step.name} (${step.eventId})` }
    case 'stateRead': return { what: 'state read', owner: '', name: `${step.stateType}/${step.id}/${step.name}` }
    case 'stateWrite': return { what: 'state written', owner: '', name: `${step.stateType}/${step.id}/${step.name}` }
    case 'message': return { what: 'message sent', owner: '', name: `${step.type} (${step.messageId})` }
    case 'omitted': return { what: 'not recorded', owner: '', name: `${step.count} more steps: a trace keeps a turn's first 1,000` }
  }
}

function ErrorDetails({ error }: { error: { message: string; stack?: string } }) {
  return (
    <details class="step-error">
      <summary>{error.message}</summary>
      {error.stack && <pre>{error.stack}</pre>}
    </details>
  )
}

/** Where in the turn a step ran, as a bar over the turn's length. */
function Bar({ start, duration, total }: { start: number; duration: number; total: number }) {
  const scale = total > 0 ? 100 / total : 0
  const left = Math.min(100, start * scale)
  return (
    <span class="bar" aria-hidden="true">
      <span style={{ left: `${left}%`, width: `${Math.max(0.5, Math.min(100 - left, duration * scale))}%` }} />
    </span>
  )
}
