import { DISRUPTION_LABELS, DISRUPTIONS, Objectives } from './objectives';
import { formatSeconds } from '../rules/objectives';
import type { ObjectiveNeed } from '../rules/rule';

/**
 * The declared objective that makes a hygiene rule's findings matter, in words for the finding
 * ("an RPO of 5 min for an Availability Zone failure"), or undefined when none does: no objectives,
 * a non-production tier, or objectives that do not ask for what the rule protects.
 */
export function objectiveNeed(objectives: Objectives | undefined, need: ObjectiveNeed): string | undefined {
  if (!objectives || objectives.tier !== 'production') return undefined;
  const key = need === 'data-loss' ? 'rpoSeconds' : 'rtoSeconds';
  if (need === 'availability' && objectives.availabilityPercent !== undefined) return `an availability target of ${objectives.availabilityPercent}%`;
  let strictest: { seconds: number; label: string } | undefined;
  for (const d of DISRUPTIONS) {
    if (d === 'region' && !objectives.surviveRegionFailure && objectives.region === undefined) continue;
    const seconds = objectives[d]?.[key];
    if (seconds !== undefined && (!strictest || seconds < strictest.seconds)) strictest = { seconds, label: DISRUPTION_LABELS[d] };
  }
  if (!strictest) return undefined;
  return `an ${need === 'data-loss' ? 'RPO' : 'RTO'} of ${formatSeconds(strictest.seconds)} for ${/^[AEIOU]/.test(strictest.label) ? 'an' : 'a'} ${strictest.label}`;
}
