/**
 * Questionnaires as data (issue 3, point 1). A definition — items, scores,
 * outcomes and the rule from scores (and the worker's professional judgement)
 * to an outcome — is JSON of the types in definition.ts, validated by
 * `QuestionnaireDefinition` in `shared/api/questionnaires.ts`; this module scores answers against it.
 * See README.md for the model and the seed each shipped rule comes from.
 */
export {
  definitionProblems,
  itemsOfScore,
  scoreRange,
  type DefinitionProblem,
  type DefinitionProblemCode,
  type ScoreRange,
} from "./validate.js";
export { InvalidDefinitionError, scoreAnswers, type ScoreResult } from "./score.js";
