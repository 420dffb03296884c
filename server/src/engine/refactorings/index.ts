/** Engine-level refactorings: pure functions from a document to a Fix, not tied to a diagnostic. */
export { canonicalQuantity } from './canonical-quantity';
export { makeGuaranteed } from './make-guaranteed';
export type { GuaranteedRefactoring } from './make-guaranteed';
export { moveMisplacedResources } from './move-misplaced-resources';
export { applyEdits, editContext, setEntries, tree } from './yaml-edits';
