export { createParticipantStore, type ParticipantStore } from './participants.js'
