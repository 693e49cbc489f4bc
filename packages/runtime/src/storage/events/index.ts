export { createEventStore, type StoredEvent, type EventStore, type EventStatus, type ListedEventStatus, type CreateEventInput, type ListEventsOptions } from './events.js'
