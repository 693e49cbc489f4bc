export {
  Cognitive, type CognitiveRequest, type CognitiveResponse, type CognitiveOutput, type CognitiveMessage, type CognitiveSource, type LlmDependency,
} from './cognitive.js'
