import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nestedStackFiles } from '../../../src/checks/model/nested-stacks';
import { modelOf, res, template } from '../../helpers/templates';

/** A parent's nested stack resource as CDK names it, with a TemplateURL into the assets bucket. */
const nestedStack = (hash: string) => res('AWS::CloudFormation::Stack', {
  TemplateURL: { 'Fn::Join': ['', ['https://s3.us-east-1.', { Ref: 'AWS::URLSuffix' }, `/cdk-hnb659fds-assets-111111111111-us-east-1/${hash}.json`]] },
});

describe('nested templates in a folder copied out of a cloud assembly', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-nested-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const touch = (...names: string[]) => names.forEach(n => fs.writeFileSync(path.join(dir, n), '{}'));
  const fileOf = (parentName: string, logicalId: string) => {
    const parent = modelOf(template({ [logicalId]: nestedStack('5e7cacd2') }), parentName);
    return nestedStackFiles(parent, { dir })[0].file;
  };

  test('are found by the names CDK gives the nested stack resource and its template', () => {
    touch('App.template.json', 'AppNetworkE50CF6C1.nested.template.json', 'AppDataAB12CD34.nested.template.json');
    expect(fileOf('App', 'NetworkNestedStackNetworkNestedStackResourceED157118')).toBe(path.join(dir, 'AppNetworkE50CF6C1.nested.template.json'));
  });

  test('when two parents have a nested stack of the same ID, the parent\'s name decides', () => {
    touch('AppANetwork11111111.nested.template.json', 'AppBNetwork22222222.nested.template.json');
    expect(fileOf('AppB', 'NetworkNestedStackNetworkNestedStackResourceED157118')).toBe(path.join(dir, 'AppBNetwork22222222.nested.template.json'));
  });

  test('an ambiguous or missing match links nothing', () => {
    touch('AppNetwork11111111.nested.template.json', 'AppNetwork22222222.nested.template.json');
    expect(fileOf('App', 'NetworkNestedStackNetworkNestedStackResourceED157118')).toBeUndefined();
    expect(fileOf('App', 'DataNestedStackDataNestedStackResourceED157118')).toBeUndefined();
  });

  test('a resource that CDK did not name is not guessed at', () => {
    touch('AppNetwork11111111.nested.template.json');
    expect(fileOf('App', 'Network')).toBeUndefined();
  });
});
