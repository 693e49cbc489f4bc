import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream'

export type StreamEvent = EventSourceMessage

/** Reads server-sent events from a response until it ends or its request is aborted. */
export async function readEvents(response: Response, onEvent: (event: StreamEvent) => void): Promise<void> {
  if (!response.body) return
  const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream())
  try {
    for await (const event of events) onEvent(event)
  } catch (error) {
    // Aborting is how a subscriber stops listening; it is not a failure.
    if (!(error instanceof Error && error.name === 'AbortError')) throw error
  }
}
