export { createEventStore, EVENT_DELIVERY_JOB_KIND, type StoredEvent, type EventStore, type EventStatus, type ListedEventStatus, type CreateEventInput, type ListEventsOptions } from './events.js'
