export { parseSchedule, nextOccurrence, ScheduleSyntaxError, type ParsedSchedule } from './schedule.js'
