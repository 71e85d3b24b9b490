import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { readCloudAssembly } from '../../../src/checks/model/cloud-assembly';

describe('readCloudAssembly', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-asm-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir });
  new sqs.Queue(new Stack(app, 'Top'), 'Queue');
  new sqs.Queue(new Stack(new Stage(app, 'Prod'), 'Shop'), 'Orders');
  app.synth();

  test('reads the app and each Stage as an assembly of its own, with display names and construct paths', () => {
    const { assemblies, problems } = readCloudAssembly(outdir, 'cdk.out');
    expect(problems).toEqual([]);
    expect(assemblies.map(a => [a.name, a.stacks.map(s => [s.stackName, path.relative(outdir, s.templatePath)])])).toEqual([
      ['cdk.out', [['Top', 'Top.template.json']]],
      ['Prod', [['Prod/Shop', path.join('assembly-Prod', 'ProdShop82526E42.template.json')]]],
    ]);
    const shop = assemblies[1].stacks[0];
    expect([...shop.constructPaths.entries()].find(([, p]) => p === 'Prod/Shop/Orders/Resource')).toBeDefined();
  });

  test('a missing or broken manifest is a problem, not a crash', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-broken-'));
    fs.writeFileSync(path.join(broken, 'manifest.json'), '{"artifacts": ');
    expect(readCloudAssembly(broken).problems.map(p => p.problem)).toEqual(['not valid JSON']);
    expect(readCloudAssembly(path.join(broken, 'none')).problems.map(p => p.problem)).toEqual(['no such folder']);
    fs.rmSync(broken, { recursive: true, force: true });
  });
});
