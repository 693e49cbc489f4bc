export {
  Cognitive, COGNITIVE_ACTION, type BotpressClientLike, type CognitiveContentResponse, type CognitiveMessage, type CognitiveMeta, type CognitiveOutput,
  type CognitiveRequest, type CognitiveResponse, type CognitiveSource, type LlmDependency, type ModelPreference,
} from './cognitive.js'
export { isHttpError, type HttpError } from './http-error.js'
