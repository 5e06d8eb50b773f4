// The device stages the API reports, the groups the page draws them in, and how events move
// devices between them. Pure.

export const STAGES = [
  'PENDING',
  'SAFETY_CHECK',
  'BACKUP',
  'MIGRATE',
  'VERIFY',
  'ROLLBACK',
  'RESTORE',
  'DEFERRED',
  'DONE',
  'SKIPPED',
  'ROLLED_BACK',
  'FAILED',
  'NEEDS_ATTENTION',
];

/** The page's groups, in the order of the bars; "in flight" is every step between start and end. */
export const GROUPS = [
  {key: 'pending', label: 'pending', stages: ['PENDING']},
  {
    key: 'inFlight',
    label: 'in flight',
    stages: ['SAFETY_CHECK', 'BACKUP', 'MIGRATE', 'VERIFY', 'ROLLBACK', 'RESTORE'],
  },
  {key: 'deferred', label: 'deferred', stages: ['DEFERRED']},
  {key: 'done', label: 'done', stages: ['DONE']},
  {key: 'skipped', label: 'skipped', stages: ['SKIPPED']},
  {key: 'rolledBack', label: 'rolled back', stages: ['ROLLED_BACK']},
  {key: 'failed', label: 'failed', stages: ['FAILED']},
  {key: 'needsAttention', label: 'needs attention', stages: ['NEEDS_ATTENTION']},
];

/** The stages a device ends in, by the key the API's outcome counts use. */
export const OUTCOMES = [
  {key: 'done', stage: 'DONE', label: 'done'},
  {key: 'failed', stage: 'FAILED', label: 'failed'},
  {key: 'rolledBack', stage: 'ROLLED_BACK', label: 'rolled back'},
  {key: 'skipped', stage: 'SKIPPED', label: 'skipped'},
  {key: 'needsAttention', stage: 'NEEDS_ATTENTION', label: 'needs attention'},
];

const OUTCOME_KEY_OF_STAGE = Object.fromEntries(OUTCOMES.map((o) => [o.stage, o.key]));

const STAGE_OF_COMMAND = {
  RunSafetyCheck: 'SAFETY_CHECK',
  TakeBackup: 'BACKUP',
  ApplyMigrations: 'MIGRATE',
  VerifyMigration: 'VERIFY',
  RollbackMigrations: 'ROLLBACK',
  RestoreBackup: 'RESTORE',
};

/** The stage a dispatched command puts its device in; its id says the step when its type is new. */
export function stageOfCommand(command) {
  const known = STAGE_OF_COMMAND[command?.type];
  if (known) return known;
  const step = String(command?.commandId ?? '').split('/')[2];
  return step ? step.toUpperCase().replace(/-/g, '_') : null;
}

/** The device an event moves and the stage it moves it to, or null for a rollout-wide event. */
export function moveOf(event) {
  switch (event.type) {
    case 'StepDispatched':
      return {deviceId: event.command?.deviceId, to: stageOfCommand(event.command)};
    case 'DeviceDeferred':
      return {deviceId: event.deviceId, to: 'DEFERRED'};
    case 'DeviceFinished':
      return {deviceId: event.deviceId, to: event.outcome};
    default:
      return null;
  }
}

/** The rollout's status once this event is applied to one that was {@code status}. */
export function statusAfter(status, event) {
  switch (event.type) {
    case 'RolloutAccepted':
    case 'WaveApproved':
    case 'RolloutResumed':
      return status === 'ABORTED' ? status : 'RUNNING';
    case 'RolloutRejected':
      return 'REJECTED';
    case 'WaveAwaitingApproval':
      return status === 'PAUSED' || status === 'ABORTED' ? status : 'AWAITING_APPROVAL';
    case 'RolloutPaused':
      return 'PAUSED';
    case 'RolloutHalted':
      return 'HALTED';
    case 'RolloutAborted':
      return 'ABORTED';
    case 'RolloutFinished':
      return status === 'ABORTED' ? status : 'FINISHED';
    default:
      return status;
  }
}

/** Counts by stage with the moves of later events applied: {DONE: 3, ...} → a new object. */
export function countsAfter(byStage, changes) {
  const counts = {...byStage};
  for (const change of changes) {
    if (!change.to || change.from === change.to) continue;
    if (change.from) counts[change.from] = Math.max(0, (counts[change.from] ?? 0) - 1);
    counts[change.to] = (counts[change.to] ?? 0) + 1;
  }
  return counts;
}

/** The API's outcome counts ({done, failed, ..., ended}) with the ends of later events added. */
export function outcomesAfter(outcomes, changes) {
  const result = {...outcomes};
  for (const change of changes) {
    const key = OUTCOME_KEY_OF_STAGE[change.to];
    if (key && !OUTCOME_KEY_OF_STAGE[change.from]) {
      result[key] = (result[key] ?? 0) + 1;
      result.ended = (result.ended ?? 0) + 1;
    }
  }
  return result;
}

/** Counts by stage summed per group: {pending: 4, inFlight: 1, ...}. */
export function grouped(byStage) {
  const groups = {};
  for (const group of GROUPS) {
    groups[group.key] = group.stages.reduce((sum, stage) => sum + (byStage?.[stage] ?? 0), 0);
  }
  return groups;
}

export function total(byStage) {
  return Object.values(byStage ?? {}).reduce((sum, n) => sum + n, 0);
}
