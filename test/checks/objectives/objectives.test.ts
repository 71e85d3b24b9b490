import { ObjectivesError, objectivesData, parseDuration, PRESETS, readInlineObjectives, readObjectives } from '../../../src/checks/objectives/objectives';

describe('parseDuration', () => {
  test.each([
    [90, 90], ['90', 90], ['90s', 90], ['5m', 300], ['5 min', 300], ['1h', 3600], ['1.5 hours', 5400], ['2d', 172800], ['500ms', 0.5],
  ])('%j is %d seconds', (text, seconds) => expect(parseDuration(text)).toBe(seconds));
  test.each([['five minutes'], [-1], ['5 weeks'], [null], [{}]])('%j is not a duration', text => expect(parseDuration(text)).toBeUndefined());
});

describe('readObjectives', () => {
  test('a preset by name', () => {
    expect(readObjectives('mission-critical', 'x')).toEqual(PRESETS['mission-critical']);
  });

  test('fields override the preset they start from', () => {
    const o = readObjectives({ preset: 'business-critical', availability: '99.9%', az: { rto: '15m' }, surviveRegionFailure: 'false' }, 'x');
    expect(o).toMatchObject({ tier: 'production', availabilityPercent: 99.9, surviveRegionFailure: false, az: { rtoSeconds: 900, rpoSeconds: 300 } });
  });

  test('every problem is reported at once, naming where the objectives come from', () => {
    let error: ObjectivesError | undefined;
    try {
      readObjectives({ preset: 'gold', tier: 'prod', availability: 120, az: { rto: 'soon', mttr: 1 }, colour: 'red' }, 'cdk.json');
    } catch (e) { error = e as ObjectivesError; }
    expect(error).toBeInstanceOf(ObjectivesError);
    expect(error!.message).toMatch(/^cdk\.json: invalid resilience objectives: /);
    expect(error!.problems).toEqual([
      "unknown field 'colour' (fields: preset, tier, availability, surviveRegionFailure, instance, az, region, source)",
      'preset must be one of mission-critical, business-critical, non-production, not "gold"',
      'tier must be \'production\' or \'non-production\', not "prod"',
      'availability must be a percentage above 0 and up to 100, not 120',
      'az.rto must be a duration such as 90s, 5m or 1h, not "soon"',
      "unknown field 'az.mttr' (use rto and rpo)",
    ]);
  });

  test('the short form of the command line', () => {
    expect(readInlineObjectives('non-production', 'x')).toEqual(PRESETS['non-production']);
    expect(readInlineObjectives('preset=business-critical,az.rto=10m,region=no,tier=non-production', 'x')).toMatchObject({
      tier: 'non-production', surviveRegionFailure: false, az: { rtoSeconds: 600, rpoSeconds: 300 },
    });
    expect(() => readInlineObjectives('az.rto=10m,oops', '--objectives')).toThrow(/--objectives: invalid resilience objectives: 'oops' is not a setting/);
  });

  test('plain data round-trips', () => {
    const o = PRESETS['business-critical'];
    expect(readObjectives(objectivesData(o), 'x')).toEqual(o);
  });
});
