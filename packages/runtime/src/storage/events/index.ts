export { createEventStore, type StoredEvent, type EventStore, type EventStatus, type CreateEventInput, type ListEventsOptions } from './events.js'
