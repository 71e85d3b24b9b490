import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, PASS, Rule, unknown, WA } from './rule';

const CONFIG = 'DistributionConfig';
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** An S3 Multi-Region Access Point: an origin that already spans Regions. */
const MULTI_REGION_ORIGIN = /\.accesspoint\.s3-global\.amazonaws\.com$/i;

/** What each origin group of a distribution holds: its number of members, or why that is not known. */
function originGroups(r: Resource): Map<string, number | string> | { reason: string; property: string } {
  const path = `${CONFIG}.OriginGroups.Items`;
  const items = r.list(path);
  if (!items.known) return { reason: `${path} is ${items.reason}`, property: path };
  const groups = new Map<string, number | string>();
  for (let i = 0; i < items.value.length; i++) {
    const id = r.str(`${path}.${i}.Id`);
    if (!id.known) return { reason: `the Id of origin group ${i} is ${id.reason}`, property: `${path}.${i}.Id` };
    const members = r.list(`${path}.${i}.Members.Items`);
    groups.set(id.value, members.known ? members.value.length : `the members of origin group ${id.value} are ${members.reason}`);
  }
  return groups;
}

/** The domain name of an origin, when it is a literal. */
function originDomain(r: Resource, originId: string): string | undefined {
  const origins = r.list(`${CONFIG}.Origins`);
  if (!origins.known) return undefined;
  for (let i = 0; i < origins.value.length; i++) {
    const id = r.str(`${CONFIG}.Origins.${i}.Id`);
    if (id.known && id.value === originId) {
      const domain = r.str(`${CONFIG}.Origins.${i}.DomainName`);
      return domain.known ? domain.value : undefined;
    }
  }
  return undefined;
}

export const ORIGIN_FAILOVER: Rule = {
  id: 'HA-CDN1',
  title: 'CloudFront distribution has no origin failover',
  severity: Severity.INFO,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::CloudFront::Distribution'],
  explanation:
    'CloudFront serves cached objects from the edge, but every cache miss goes to the origin. When a cache behavior sends '
    + 'requests to a single origin, such as a bucket or load balancer in one Region, that origin\'s failure (or its Region\'s) '
    + 'fails every request that is not in cache. An origin group with a primary and a secondary origin makes CloudFront retry '
    + 'the secondary on connection failures and on the status codes you choose. CloudFront fails over only GET, HEAD and '
    + 'OPTIONS requests, so behaviors that accept writes are not judged.',
  flags: 'A distribution with a read-only cache behavior (allowed methods GET and HEAD, optionally OPTIONS) whose `TargetOriginId` '
    + 'is a single origin rather than an origin group of two members.',
  defaults: 'A cache behavior without `AllowedMethods` allows GET and HEAD. An S3 Multi-Region Access Point origin already spans Regions and passes.',
  remediation: 'Add an origin group with a primary and a secondary origin in another Region (for example a replicated bucket) and point the '
    + 'cache behavior at it (CDK: `origin: new origins.OriginGroup({ primaryOrigin, fallbackOrigin })` on `cloudfront.Distribution`).',
  references: [
    configRule('cloudfront-origin-failover-enabled'),
    { label: 'Optimize high availability with CloudFront origin failover', url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html' },
    WA.REL10_BP02,
  ],
  evaluate(r) {
    if (!r.has(CONFIG)) return unknown(CONFIG, `Distribution ${r.logicalId} has no DistributionConfig that the template shows.`);
    const enabled = r.bool(`${CONFIG}.Enabled`, true);
    if (enabled.known && !enabled.value) return notApplicable('a disabled distribution serves no traffic');
    const groups = originGroups(r);
    if ('reason' in groups) return unknown(groups.property, `${groups.reason}, so whether distribution ${r.logicalId} can fail over is decided at deploy time.`);
    const behaviors: { path: string; label: string }[] = [];
    if (r.has(`${CONFIG}.DefaultCacheBehavior`)) behaviors.push({ path: `${CONFIG}.DefaultCacheBehavior`, label: 'its default cache behavior' });
    const more = r.list(`${CONFIG}.CacheBehaviors`);
    if (!more.known) return unknown(`${CONFIG}.CacheBehaviors`, `CacheBehaviors is ${more.reason}.`);
    for (let i = 0; i < more.value.length; i++) {
      const pattern = r.str(`${CONFIG}.CacheBehaviors.${i}.PathPattern`);
      behaviors.push({ path: `${CONFIG}.CacheBehaviors.${i}`, label: `the cache behavior for ${pattern.known ? pattern.value : `#${i + 1}`}` });
    }
    if (behaviors.length === 0) {
      return fail(CONFIG, `Distribution ${r.logicalId} uses a single legacy origin with no origin group: when that origin fails, every cache miss fails.`);
    }
    const single: string[] = [];
    const undecidedReasons: { property: string; reason: string }[] = [];
    let judged = 0;
    for (const behavior of behaviors) {
      const methods = r.list(`${behavior.path}.AllowedMethods`);
      if (!methods.known) { undecidedReasons.push({ property: `${behavior.path}.AllowedMethods`, reason: `the AllowedMethods of ${behavior.label} are ${methods.reason}` }); continue; }
      const allowed = methods.value.length ? methods.value : ['GET', 'HEAD'];
      if (allowed.some(m => typeof m !== 'string' || !READ_METHODS.has(m.toUpperCase()))) continue;
      judged++;
      const target = r.str(`${behavior.path}.TargetOriginId`);
      if (!target.known) { undecidedReasons.push({ property: `${behavior.path}.TargetOriginId`, reason: `the TargetOriginId of ${behavior.label} is ${target.reason}` }); continue; }
      const members = groups.get(target.value);
      if (typeof members === 'string') { undecidedReasons.push({ property: `${CONFIG}.OriginGroups`, reason: members }); continue; }
      if (members !== undefined && members >= 2) continue;
      if (members === undefined && MULTI_REGION_ORIGIN.test(originDomain(r, target.value) ?? '')) continue;
      single.push(`${behavior.label} (origin ${target.value}${members === undefined ? '' : ', an origin group with one member'})`);
    }
    if (single.length) {
      return fail(`${CONFIG}.OriginGroups`, `Distribution ${r.logicalId} sends ${single.join(', ')} to a single origin with nothing to fail over to: `
        + 'when that origin or its Region fails, every request that misses the cache fails.');
    }
    if (undecidedReasons.length) return unknown(undecidedReasons[0].property, `Whether distribution ${r.logicalId} can fail over is decided at deploy time: ${undecidedReasons.map(u => u.reason).join('; ')}.`);
    if (judged === 0) return notApplicable('every cache behavior accepts writes, which CloudFront does not fail over');
    return PASS;
  },
};

/** Every CloudFront rule, in report order. */
export const CLOUDFRONT_RULES: readonly Rule[] = [ORIGIN_FAILOVER];
