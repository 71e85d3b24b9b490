import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { loadTemplateFile, parseTemplate, stackNameOf, TemplateError } from '../../../src/checks/model/template-file';

const yaml = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      MultiAZ: !Equals [!Ref Env, prod]
      DBName: !Sub "\${Env}-db"
      Port: !GetAtt Bucket.Arn.Extra
      Other: !GetAtt [Bucket, Arn]
      Zone: !Select
        - 0
        - !GetAZs
          Ref: AWS::Region
      Script: !Base64 { "Fn::Sub": "echo hi" }
      Joined: !Join [",", [a, b]]
      Embedded: !Rain::Embed script.sh
`;

describe('parseTemplate', () => {
  test('YAML short-form tags become their long forms, in scalar, sequence and mapping form', () => {
    const { template, lines } = parseTemplate(yaml, 't.yaml');
    const props = (template.Resources as any).Db.Properties;
    expect(props.MultiAZ).toEqual({ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] });
    expect(props.DBName).toEqual({ 'Fn::Sub': '${Env}-db' });
    expect(props.Port).toEqual({ 'Fn::GetAtt': ['Bucket', 'Arn.Extra'] });
    expect(props.Other).toEqual({ 'Fn::GetAtt': ['Bucket', 'Arn'] });
    expect(props.Zone).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] });
    expect(props.Script).toEqual({ 'Fn::Base64': { 'Fn::Sub': 'echo hi' } });
    expect(props.Joined).toEqual({ 'Fn::Join': [',', ['a', 'b']] });
    expect(props.Embedded).toEqual({ 'Rain::Embed': 'script.sh' });
    expect(Object.fromEntries(lines())).toEqual({ Bucket: 6, Db: 8 });
  });

  test('JSON templates, with the line of each resource key (not of a Ref to it)', () => {
    const text = JSON.stringify({ Resources: { A: { Type: 'X', Properties: { P: { Ref: 'B' } } }, B: { Type: 'Y' } } }, undefined, 1);
    expect(Object.fromEntries(parseTemplate(text, 't.json').lines())).toEqual({ A: 3, B: 11 });
  });

  test.each([
    ['an empty file', '', 'the file is empty'],
    ['truncated JSON', '{"Resources": {"A": {"Type": "X"', /not valid JSON .*is the file truncated\?/],
    ['a JSON file that is not JSON', 'Resources: {}', /not valid JSON/],
    ['invalid YAML', 'Resources:\n  A: [unclosed\n', /not valid YAML at line \d+/],
    ['an unknown YAML tag', 'Resources:\n  A:\n    Type: X\n    Properties:\n      P: !Foo bar\n', 'unknown YAML tag !Foo at line 5: not a CloudFormation intrinsic function'],
    ['plain text', 'just some words', 'not a CloudFormation template: the top level is not a mapping'],
    ['no Resources section', 'Description: nothing\n', 'not a CloudFormation template: it has no Resources section'],
    ['Resources that is not a mapping', 'Resources: [a]\n', 'not a CloudFormation template: Resources is not a mapping'],
    ['a resource without a type', 'Resources:\n  A:\n    Properties: {}\n', 'resource A has no Type'],
  ])('%s is a clear error naming the file', (_, text, problem) => {
    const file = _ === 'a JSON file that is not JSON' ? 'broken.json' : 'broken.yaml';
    let error: unknown;
    try { parseTemplate(text, file); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).file).toBe(file);
    expect((error as TemplateError).message.startsWith(`${file}: `)).toBe(true);
    if (typeof problem === 'string') expect((error as TemplateError).problem).toBe(problem);
    else expect((error as TemplateError).problem).toMatch(problem);
  });
});

describe('loadTemplateFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-tpl-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a missing file', () => {
    expect(() => loadTemplateFile(path.join(dir, 'nope.json'))).toThrow(/nope\.json: no such file/);
  });

  test('Fn::ForEach over a literal list becomes one resource per item; over a parameter, one undecided resource', () => {
    const file = path.join(dir, 'loops.yaml');
    fs.writeFileSync(file, `Transform: AWS::LanguageExtensions
Parameters:
  Names: { Type: CommaDelimitedList }
Resources:
  Fn::ForEach::Tables:
    - Name
    - [Points, Score]
    - Table\${Name}:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: !Ref Name
  Fn::ForEach::Queues:
    - Q
    - !Ref Names
    - Queue\${Q}:
        Type: AWS::SQS::Queue
`);
    const model = loadTemplateFile(file);
    expect([...model.resources].map(r => r.logicalId)).toEqual(['TablePoints', 'TableScore', 'Queue${Q}']);
    expect(model.resource('TableScore')!.properties.TableName).toBe('Score');
    expect(model.resource('TablePoints')!.line).toBe(5);
  });

  test('a preprocessor module as a resource type', () => {
    const file = path.join(dir, 'module.yaml');
    fs.writeFileSync(file, 'Resources:\n  Network:\n    Type: !Rain::Module ./vpc.yml\n');
    expect(loadTemplateFile(file).resource('Network')!.type).toBe('Rain::Module');
  });

  test('construct paths from CDK metadata', () => {
    const file = path.join(dir, 'Shop.template.json');
    fs.writeFileSync(file, JSON.stringify({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Metadata: { 'aws:cdk:path': 'Shop/Db/Resource' } } } }));
    const model = loadTemplateFile(file);
    expect(model.stackName).toBe('Shop');
    expect(model.resource('Db')!.constructPath).toBe('Shop/Db/Resource');
  });
});

test.each([
  ['cdk.out/Shop.template.json', 'Shop'],
  ['vpc.yaml', 'vpc'],
  ['dir/app.yml', 'app'],
  ['x.template', 'x'],
])('stackNameOf(%s) = %s', (file, name) => expect(stackNameOf(file)).toBe(name));

describe('duplicate keys in JSON', () => {
  const arbitraryJson = fc.jsonValue({ maxDepth: 4 });
  const template = (resources: unknown) => ({ Resources: { R: { Type: 'AWS::SQS::Queue', Properties: { Tags: resources } } } });

  test('any JSON value without duplicate keys is read as JSON.parse reads it, however it is spaced and escaped', () => {
    fc.assert(fc.property(arbitraryJson, fc.constantFrom(undefined, 2, '\t'), (value, space) => {
      const text = JSON.stringify(template(value), undefined, space);
      expect(parseTemplate(text, 't.json').template).toEqual(JSON.parse(text));
    }), { numRuns: 300 });
  });

  test('a key twice in one object is refused, with its line, even among strings that hold quotes, colons and backslashes', () => {
    const text = '{"Resources": {"R": {"Type": "AWS::SQS::Queue", "Properties": {"a\\\\": "x\\": y", "b": "{\\"c\\": 1}",\n "a\\\\": 2}}}}';
    expect(() => parseTemplate(text, 't.json')).toThrow(/the key "a\\\\" appears twice in one object \(line 2\)/);
  });
});
