// What the detector's runtime needs of the window tests (docs/detector.md, "Window findings").
export { toWindowFindings } from './to-window-findings.ts';
export type { WindowFindingsInput } from './to-window-findings.ts';
export { findingPasses } from './finding.ts';
export type { Finding, FindingPass } from './finding.ts';
export { parseWindowSnapshot } from './window-snapshot.ts';
export type { WindowSnapshot, WindowSnapshotStats } from './window-snapshot.ts';
export { toBurnInBehaviour } from './burn-in.ts';
export type { BehaviourSet } from './finding-context.ts';
export { WindowInputError, windowInputErrorCodes } from './window-input-error.ts';
export type { WindowInputErrorCode } from './window-input-error.ts';
