import { asBoolean, asList, asNumber, asString, evaluate, referencedResources, valueAt } from '../../../src/checks/model/values';
import { modelOf, res, template } from '../../helpers/templates';

const model = modelOf(template({ Db: res('AWS::RDS::DBInstance', { Nested: { List: [{ Deep: { Ref: 'P' } }, { Deep: 'x' }] } }) }, {
  Parameters: { P: { Type: 'String' }, Fixed: { Type: 'String', AllowedValues: ['only'] } },
  Mappings: {
    Sizes: { prod: { Count: 3 }, dev: { Count: 1 } },
    Same: { 'us-east-1': { Flag: 'true' }, 'eu-west-1': { Flag: 'true' } },
  },
  Conditions: {
    Always: { 'Fn::Equals': ['a', 'a'] },
    Never: { 'Fn::Not': [{ Condition: 'Always' }] },
    Depends: { 'Fn::Equals': [{ Ref: 'P' }, 'prod'] },
    Loop: { Condition: 'Loop' },
  },
}));

describe('evaluate', () => {
  test.each([
    ['a literal string', 'x', { kind: 'literal', value: 'x' }],
    ['a number', 3, { kind: 'literal', value: 3 }],
    ['an absent value', undefined, { kind: 'absent' }],
    ['AWS::NoValue', { Ref: 'AWS::NoValue' }, { kind: 'absent' }],
    ['a reference to a resource', { Ref: 'Db' }, { kind: 'reference', logicalId: 'Db', model }],
    ['Fn::GetAtt as a list', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }, { kind: 'reference', logicalId: 'Db', attribute: 'Endpoint.Address', model }],
    ['Fn::GetAtt as a string', { 'Fn::GetAtt': 'Db.Endpoint.Port' }, { kind: 'reference', logicalId: 'Db', attribute: 'Endpoint.Port', model }],
    ['a parameter with one allowed value', { Ref: 'Fixed' }, { kind: 'literal', value: 'only' }],
    ['Fn::FindInMap with literal keys', { 'Fn::FindInMap': ['Sizes', 'prod', 'Count'] }, { kind: 'literal', value: 3 }],
    ['Fn::FindInMap whose entries all agree', { 'Fn::FindInMap': ['Same', { Ref: 'AWS::Region' }, 'Flag'] }, { kind: 'literal', value: 'true' }],
    ['Fn::If on a decided condition', { 'Fn::If': ['Never', 1, 2] }, { kind: 'literal', value: 2 }],
    ['Fn::If whose branches agree', { 'Fn::If': ['Depends', 'same', 'same'] }, { kind: 'literal', value: 'same' }],
    ['Fn::Join of literals', { 'Fn::Join': ['-', ['a', 'b', 3]] }, { kind: 'literal', value: 'a-b-3' }],
    ['Fn::Sub without variables', { 'Fn::Sub': 'costs ${!Dollars}' }, { kind: 'literal', value: 'costs ${Dollars}' }],
    ['Fn::Select of a literal list', { 'Fn::Select': ['1', ['a', 'b']] }, { kind: 'literal', value: 'b' }],
  ])('%s', (_, raw, expected) => {
    expect(evaluate(raw as any, model)).toEqual(expected);
  });

  test.each([
    ['a parameter', { Ref: 'P' }, /parameter P/],
    ['a pseudo parameter', { Ref: 'AWS::Region' }, /pseudo parameter AWS::Region/],
    ['an import', { 'Fn::ImportValue': 'x' }, /another stack/],
    ['Fn::If on an undecided condition', { 'Fn::If': ['Depends', 1, 2] }, /condition Depends/],
    ['a condition that refers to itself', { 'Fn::If': ['Loop', 1, 2] }, /condition Loop/],
    ['Fn::FindInMap whose entries differ', { 'Fn::FindInMap': ['Sizes', { Ref: 'P' }, 'Count'] }, /mapping Sizes that depends on the parameter P/],
    ['Fn::Join with a reference', { 'Fn::Join': ['', ['a', { Ref: 'Db' }]] }, /Fn::Join/],
    ['Fn::Sub with a variable', { 'Fn::Sub': '${AWS::Region}-x' }, /Fn::Sub/],
    ['a dynamic reference', '{{resolve:ssm:/flag}}', /dynamic reference/],
    ['a preprocessor directive', { 'Rain::Embed': 'file.sh' }, /Rain::Embed/],
    ['Fn::GetAtt of something missing', { 'Fn::GetAtt': ['Nope', 'Arn'] }, /Fn::GetAtt/],
    ['Fn::Select with an object as index', { 'Fn::Select': [Object.create(null), ['a']] }, /Fn::Select/],
    ['Fn::Select with a fractional index', { 'Fn::Select': ['0.5', ['a']] }, /Fn::Select/],
  ])('%s is unknown', (_, raw, reason) => {
    const v = evaluate(raw as any, model);
    expect(v.kind).toBe('unknown');
    expect((v as any).reason).toMatch(reason);
  });
});

describe('valueAt walks paths and evaluates on the way', () => {
  const props = model.resource('Db')!.properties;
  test('a literal deep inside', () => expect(valueAt(props, 'Nested.List.1.Deep', model)).toEqual({ kind: 'literal', value: 'x' }));
  test('an intrinsic deep inside', () => expect(valueAt(props, 'Nested.List.0.Deep', model).kind).toBe('unknown'));
  test('a missing step is absent', () => expect(valueAt(props, 'Nested.Missing.X', model)).toEqual({ kind: 'absent' }));
  test('a step through an intrinsic is unknown', () => expect(valueAt({ A: { Ref: 'P' } }, 'A.B', model).kind).toBe('unknown'));
  test('a step through a reference is unknown', () => expect(valueAt({ A: { Ref: 'Db' } }, 'A.B', model).kind).toBe('unknown'));
});

describe('typed readers', () => {
  test('booleans: literals, strings, defaults and garbage', () => {
    expect(asBoolean({ kind: 'literal', value: 'TRUE' }, false)).toEqual({ known: true, value: true, explicit: true });
    expect(asBoolean({ kind: 'absent' }, false)).toEqual({ known: true, value: false, explicit: false });
    expect(asBoolean({ kind: 'literal', value: 'sometimes' }, false)).toEqual({ known: false, reason: '"sometimes" is not a boolean' });
    expect(asBoolean({ kind: 'reference', logicalId: 'X', model }, false).known).toBe(false);
  });
  test('numbers: numeric strings count, blank strings do not', () => {
    expect(asNumber({ kind: 'literal', value: '35' })).toEqual({ known: true, value: 35, explicit: true });
    expect(asNumber({ kind: 'literal', value: ' ' }).known).toBe(false);
    expect(asNumber({ kind: 'absent' })).toEqual({ known: false, reason: 'it is not set and has no documented default' });
  });
  test('strings', () => {
    expect(asString({ kind: 'literal', value: 5 })).toEqual({ known: true, value: '5', explicit: true });
    expect(asString({ kind: 'literal', value: ['a'] }).known).toBe(false);
  });
  test('lists: a literal list, a comma-separated string, a single item, an intrinsic', () => {
    expect(asList({ kind: 'literal', value: ['a', { Ref: 'x' }] })).toEqual({ known: true, value: ['a', { Ref: 'x' }], explicit: true });
    expect(asList({ kind: 'literal', value: 'a, b' })).toEqual({ known: true, value: ['a', 'b'], explicit: true });
    expect(asList({ kind: 'literal', value: 'a' })).toEqual({ known: true, value: ['a'], explicit: true });
    expect(asList({ kind: 'unknown', reason: 'r' })).toEqual({ known: false, reason: 'r' });
  });
});

test('referencedResources finds Ref, GetAtt and Fn::Sub variables at any depth, and only resources', () => {
  const raw = { a: [{ Ref: 'Db' }, { Ref: 'P' }], b: { 'Fn::Sub': ['${Db.Endpoint}/${Other}', { Other: { 'Fn::GetAtt': ['Db', 'Arn'] } }] } };
  expect([...referencedResources(raw as any, model)]).toEqual(['Db']);
});
