import type { Event, Message, OutgoingMessage, Tags } from '@parley/sdk'
import type { HookView } from './hook-view.js'

/**
 * Messages are handed over as they are, so a hook may tag one in place. Returned data replaces the type
 * and payload, but its tags are laid over the tags so far: a tag an earlier hook wrote keeps its value
 * unless the later hook sets that same tag.
 */
export const messageView: HookView<Message> = {
  toLocal: (_unit, message) => message,
  merge: (_unit, current, returned) => ({ ...current, type: returned.type ?? current.type, payload: returned.payload ?? current.payload, tags: mergeTags(current.tags, returned.tags) }),
}

export const outgoingMessageView: HookView<OutgoingMessage> = {
  toLocal: (_unit, message) => message,
  merge: (_unit, current, returned) => ({ ...current, type: returned.type ?? current.type, payload: returned.payload ?? current.payload, tags: mergeTags(current.tags, returned.tags) }),
}

/** A plugin sees an event under its own name for it; a hook may replace the payload, not the event's identity. */
export const eventView: HookView<Event> = {
  toLocal: (unit, event) => ({ ...event, type: unit.scope.local('event', event.type) }),
  merge: (_unit, current, returned) => ({ ...current, payload: returned.payload ?? current.payload }),
}

/** An action call's `{ type, input }` or `{ type, output }`; the action called cannot be changed. */
export function actionView<D extends { readonly type: string }>(): HookView<D> {
  return {
    toLocal: (unit, data) => ({ ...data, type: unit.scope.local('action', data.type) }),
    merge: (_unit, current, returned) => ({ ...current, ...returned, type: current.type }),
  }
}

function mergeTags(current: Tags, returned: Tags | undefined): Tags {
  return returned === current || returned === undefined ? current : { ...current, ...returned }
}
