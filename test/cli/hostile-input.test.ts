/**
 * Hostile and odd input for `cdk-ha check`: each case is generated in a temporary folder and run
 * through the bin script in a child process (bounded in time and memory, so that a regression
 * fails instead of hanging the test run). Every case expects one clear line per problem, naming the
 * file, the documented exit status, nothing quoted from outside the inputs, and the findings of the
 * good input checked beside it intact. Time bounds are generous: scripts/bench/hostile.ts measures.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  aliasBomb, bigMapping, branchingFindInMap, bulkyForEach, conditionChain, cyclicFindInMap, deepJson, deepYaml, GOOD_TEMPLATE, GOOD_YAML,
  hugeAliasString, instancesWithCyclicZone, makeFifo, manyDirectives, nestedForEach, unclosedSub, writeFile, writeNestedFanOut,
} from '../helpers/hostile-inputs';

const BIN = path.join(__dirname, '..', '..', 'bin', 'cdk-ha');
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-hostile-')));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
jest.setTimeout(120_000);

interface Run { code: number; stdout: string; stderr: string }

/** Runs the command in the temporary folder, with at most 60 s and a 1 GiB heap. */
function cli(...args: string[]): Run {
  const run = spawnSync(process.execPath, ['--max-old-space-size=1024', BIN, ...args], {
    cwd: dir, encoding: 'utf-8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (run.status === null) throw new Error(`cdk-ha ${args.join(' ')} did not finish (${run.signal ?? run.error?.message})`);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: unknown): string {
  writeFile(path.join(dir, name), content);
  return name;
}

const good = file('good.json', GOOD_TEMPLATE);
const SECRET = 'hunter2-do-not-quote';
writeFile(path.join(path.dirname(dir), `${path.basename(dir)}-secret`, 'creds.json'), `{"password": "${SECRET}"}`);
afterAll(() => fs.rmSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret`), { recursive: true, force: true }));

/** The problem lines: each names a file, is one line, and carries no stack trace or quoted secret. */
function problemLines(run: Run): string[] {
  const lines = run.stderr.split('\n').filter(l => l !== '' && !l.startsWith('cdk-ha: skipped '));
  for (const line of lines) {
    expect(line).toMatch(/^cdk-ha: \S.*: /);
    expect(line).not.toMatch(/^\s+at /);
  }
  expect(run.stderr).not.toContain(SECRET);
  // eslint-disable-next-line no-control-regex
  expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  return lines;
}

/** Runs the good template with the inputs given; expects exit 2, one problem line per pattern, and good's finding. */
function expectProblems(inputs: string[], ...patterns: RegExp[]): Run {
  const run = cli('check', good, ...inputs, '--format', 'json');
  expect(run.code).toBe(2);
  const lines = problemLines(run);
  expect(lines).toHaveLength(patterns.length);
  patterns.forEach((p, i) => expect(lines[i]).toMatch(p));
  expect(JSON.parse(run.stdout).findings.filter((f: any) => f.stack === 'good').map((f: any) => `${f.ruleId} ${f.logicalId}`)).toContain('HA-RDS1 Db');
  return run;
}

const hasFifo = makeFifo(path.join(dir, 'probe.fifo'));

describe('1. Fn::ForEach is held to the limits of the processed template', () => {
  test('three nested loops over 100 names (10^6 resources) stop at 500 resources', () => {
    expectProblems([file('loops.json', nestedForEach(3, 100))], /^cdk-ha: loops\.json: Fn::ForEach loops give more than 500 resources, CloudFormation's limit for a template$/);
  });
  test('one loop over 100,000 names stops at 500 resources', () => {
    expectProblems([file('long.json', nestedForEach(1, 100_000))], /^cdk-ha: long\.json: Fn::ForEach loops give more than 500 resources/);
  });
  test('a loop that gives more than 1 MiB of resources stops there', () => {
    expectProblems([file('bulky.json', bulkyForEach(10, 300_000))], /^cdk-ha: bulky\.json: Fn::ForEach loops give a template of more than 1048576 bytes/);
  });
  test('loops that copy a large body many times, even to give nothing, stop at the copy budget', () => {
    expectProblems([file('copies.json', bulkyForEach(100, 100_000, true))], /^cdk-ha: copies\.json: Fn::ForEach loops copy more than 4194304 bytes/);
  });
  test('a template that declares more than 500 resources is past the limit', () => {
    const resources = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`Q${i}`, { Type: 'AWS::SQS::Queue' }]));
    expectProblems([file('501.json', { Resources: resources })], /^cdk-ha: 501\.json: declares more than 500 resources, CloudFormation's limit for a template$/);
  });
  test('a template larger than 1 MiB is past the limit', () => {
    expectProblems([file('big.json', { Resources: { Q: { Type: 'AWS::SQS::Queue', Metadata: { x: 'x'.repeat(1024 * 1024) } } } })],
      /^cdk-ha: big\.json: is \d+ bytes, more than the template limit of 1048576 bytes \(CloudFormation's limit for a template\)$/);
  });
});

describe('2. inputs that would never end', () => {
  test('templates that nest the next one 20 times, five levels deep (3.2 million stacks), stop at 500 nested stacks', () => {
    writeNestedFanOut(path.join(dir, 'fan'), 5, 20);
    const run = expectProblems(['fan/n0.json'],
      /^cdk-ha: fan\/n0\.json: its nested stacks hold more than 500 stacks, each time a template is nested counted; the others are not read$/);
    expect(JSON.parse(run.stdout).findings.length).toBeGreaterThan(0);
  });
  test('nested stacks stop at 10,000 resources', () => {
    writeNestedFanOut(path.join(dir, 'wide'), 1, 30, 400, 'AWS::SNS::Topic');
    expectProblems(['wide/n0.json'], /^cdk-ha: wide\/n0\.json: its nested stacks hold more than 10000 resources, each time a template is nested counted/);
  });
  (hasFifo ? test : test.skip)('a cloud assembly whose manifest.json is a FIFO', () => {
    makeFifo(path.join(dir, 'fifo.out', 'manifest.json'));
    expectProblems(['fifo.out'], /^cdk-ha: fifo\.out\/manifest\.json: is not a regular file \(a FIFO\); only files are read$/);
  });
  (hasFifo ? test : test.skip)('a FIFO given as a template', () => {
    makeFifo(path.join(dir, 'pipe.json'));
    expectProblems(['pipe.json'], /^cdk-ha: pipe\.json: is not a regular file or a folder/);
  });
  test('a manifest whose templateFile leads to /dev/zero', () => {
    file('zero.out/manifest.json', { version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: '../../../../../../../../dev/zero' } } } });
    expectProblems(['zero.out'], /^cdk-ha: \/dev\/zero: is outside the folder that names it \(.*zero\.out\); the template is not read$/);
  });
  test('a template inside the assembly that is a symbolic link to /dev/zero', () => {
    file('link.out/manifest.json', { version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } });
    fs.symlinkSync('/dev/zero', path.join(dir, 'link.out', 'S.template.json'));
    expectProblems(['link.out'], /^cdk-ha: link\.out\/S\.template\.json: is not a regular file \(a device\)|is outside the folder/);
  });
});

describe('3. nothing is read outside the inputs', () => {
  const secretDir = `../${path.basename(dir)}-secret`;
  test('a manifest whose templateFile leads out of the assembly: not read, not quoted', () => {
    file('out1.out/manifest.json', { version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: `../${secretDir}/creds.json` } } } });
    expectProblems(['out1.out'], /: is outside the folder that names it \(.*out1\.out\); the template is not read$/);
  });
  test('a nested assembly whose directoryName leads out of the assembly', () => {
    file('other/manifest.json', { version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'good.json' } } } });
    file('other/good.json', GOOD_TEMPLATE);
    file('out2.out/manifest.json', { version: '36.0.0', artifacts: { N: { type: 'cdk:cloud-assembly', properties: { directoryName: '../other' } } } });
    expectProblems(['out2.out'], /^cdk-ha: out2\.out\/manifest\.json: nested assembly N names a folder outside the cloud assembly/);
  });
  test('a nested assembly that is a symbolic link to the assembly itself is read once', () => {
    file('self.out/manifest.json', {
      version: '36.0.0',
      artifacts: {
        S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Db.template.json' } },
        N: { type: 'cdk:cloud-assembly', properties: { directoryName: 'again' } },
      },
    });
    file('self.out/Db.template.json', GOOD_TEMPLATE);
    fs.symlinkSync('.', path.join(dir, 'self.out', 'again'));
    const run = cli('check', 'self.out', '--format', 'json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings.filter((f: any) => f.ruleId === 'HA-RDS1')).toHaveLength(1);
  });
  test('a symbolic link in a folder that leads out of it is skipped', () => {
    file('linked/db.json', GOOD_TEMPLATE);
    fs.symlinkSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret`, 'creds.json'), path.join(dir, 'linked', 'creds.json'));
    const run = cli('check', 'linked');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cdk-ha: skipped 1 file\(s\) that are not CloudFormation templates: linked\/creds\.json \(a symbolic link to outside the folder\)\n$/);
    expect(run.stderr).not.toContain(SECRET);
  });
});

describe('4. one bad input does not drop the others', () => {
  test('a YAML alias bomb', () => {
    expectProblems([file('bomb.yaml', aliasBomb())], /^cdk-ha: bomb\.yaml: uses a YAML alias \(\*a0\) at line 2; CloudFormation does not allow aliases in templates$/);
  });
  test('an alias that repeats a string of almost 1 MB 900 times', () => {
    expectProblems([file('huge.yaml', hugeAliasString())], /^cdk-ha: huge\.yaml: uses a YAML alias \(\*s\) at line 6/);
  });
  test('40,000 distinct preprocessor tags (each a tag the YAML parser looks up in a list)', () => {
    expectProblems([file('tags.yaml', manyDirectives(40_000))],
      /^cdk-ha: tags\.yaml: uses more than 100 different preprocessor tags \(such as !Rain::Embed\), more than cdk-ha reads$/);
  });
  test('mappings that refer to themselves through Fn::FindInMap are undecided, not a crash', () => {
    file('cyclic.json', cyclicFindInMap());
    const run = cli('check', good, 'cyclic.json', '--format', 'json');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const findings = JSON.parse(run.stdout).findings;
    expect(findings.find((f: any) => f.stack === 'cyclic' && f.ruleId === 'HA-RDS1')).toMatchObject({ status: 'unknown' });
    expect(findings.find((f: any) => f.stack === 'good' && f.ruleId === 'HA-RDS1')).toMatchObject({ status: 'fail' });
  });
  test('a mapping value whose keys are Fn::FindInMap on itself (exponential branching) is undecided in bounded time', () => {
    file('branching.json', branchingFindInMap());
    const run = cli('check', 'branching.json', '--format', 'json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).findings.find((f: any) => f.ruleId === 'HA-RDS1')).toMatchObject({ status: 'unknown', message: expect.stringMatching(/more than 10000 steps/) });
  });
});

test('5. a rule that meets a cyclic value does not drop the workload finding', () => {
  file('zones.json', instancesWithCyclicZone());
  const run = cli('check', 'zones.json', '--format', 'json');
  expect(run.stderr).toBe('');
  const workload = JSON.parse(run.stdout).findings.filter((f: any) => f.ruleId === 'HA-WORKLOAD1');
  expect(workload).toHaveLength(1);
  expect(workload[0]).toMatchObject({ status: 'unknown', message: expect.stringMatching(/the zone of C is not known/) });
});

test('6. a mapping of 44,000 keys looked up by 490 databases with a key decided at deploy time is read once', () => {
  file('mapping.json', bigMapping(44_000, 490));
  const start = Date.now();
  const run = cli('check', 'mapping.json', '--format', 'json');
  // About half a second; looking the mapping up again for each read took 17 s.
  expect(Date.now() - start).toBeLessThan(10_000);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).findings.filter((f: any) => f.ruleId === 'HA-RDS1' && f.status === 'unknown')).toHaveLength(490);
});

test('6. Fn::Sub strings of 100,000 unclosed ${ are read in linear time', () => {
  file('unclosed.json', unclosedSub(100_000));
  const start = Date.now();
  const run = cli('check', 'unclosed.json', '--format', 'json');
  // Well under a second; the regular expressions that found variables took over a minute.
  expect(Date.now() - start).toBeLessThan(10_000);
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout).findings.find((f: any) => f.ruleId === 'HA-RDS1')).toMatchObject({ status: 'unknown' });
});

test('6. a backup selection whose tag pattern would make a regular expression backtrack is matched in polynomial time', () => {
  const template = {
    Resources: {
      Server: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', InstanceType: 't3.micro', Tags: [{ Key: 'Name', Value: 'a'.repeat(40) }] } },
      Plan: { Type: 'AWS::Backup::BackupPlan', Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [] } } },
      Selection: {
        Type: 'AWS::Backup::BackupSelection',
        Properties: {
          BackupPlanId: { Ref: 'Plan' },
          BackupSelection: {
            SelectionName: 's',
            IamRoleArn: 'arn:aws:iam::111111111111:role/b',
            Resources: ['arn:aws:ec2:*:*:instance/*'],
            Conditions: { StringLike: [{ ConditionKey: 'aws:ResourceTag/Name', ConditionValue: `${'a*'.repeat(12)}b` }] },
          },
        },
      },
    },
  };
  file('glob.json', template);
  const start = Date.now();
  const run = cli('check', 'glob.json', '--format', 'json');
  // A few milliseconds; the regular expression the pattern became ran for over 20 s.
  expect(Date.now() - start).toBeLessThan(10_000);
  expect(run.stderr).toBe('');
  // The Name tag does not end in b: the selection does not cover the instance.
  expect(JSON.parse(run.stdout).findings.find((f: any) => f.ruleId === 'HA-BACKUP1')).toMatchObject({ status: 'fail' });
});

test('6. 10,000 queues in 20 templates of one folder, each the dead-letter queue of another, are matched to their users in one pass', () => {
  for (let t = 0; t < 20; t++) {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 500; i++) {
      const dlq = i > 0 ? { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [`Q${i - 1}`, 'Arn'] }, maxReceiveCount: 3 } } : {};
      resources[`Q${i}`] = { Type: 'AWS::SQS::Queue', Properties: dlq };
    }
    file(path.join('queues', `t${t}.json`), { Resources: resources });
  }
  const start = Date.now();
  const run = cli('check', 'queues', '--format', 'json');
  // About a second; looking at every queue of the workload for each queue's users took minutes.
  expect(Date.now() - start).toBeLessThan(20_000);
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout).findings.filter((f: any) => f.ruleId === 'HA-ALARM1')).toHaveLength(20 * 499);
});

test('6. a chain of 2,000 conditions used by 200 databases is read in linear time', () => {
  file('conditions.json', conditionChain(2000, 200));
  const start = Date.now();
  const run = cli('check', 'conditions.json', '--format', 'json');
  expect(Date.now() - start).toBeLessThan(30_000);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).summary.resources).toBe(200);
});

describe('7. a folder of a real repository', () => {
  test('configuration files are skipped and counted; a broken template is a problem; the templates are checked', () => {
    file('repo/tsconfig.json', '{\n  // comments, as TypeScript allows\n  "compilerOptions": { "strict": true, },\n}\n');
    file('repo/k8s/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
    file('repo/mkdocs.yml', 'site_name: Docs\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n');
    file('repo/package-lock.json', { name: 'x', lockfileVersion: 3, packages: { '': { version: '1.0.0' }, 'padding': 'x'.repeat(1_100_000) } });
    file('repo/infra/db.json', GOOD_TEMPLATE);
    file('repo/infra/broken.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: [unclosed\n');
    const run = cli('check', 'repo', '--format', 'json');
    expect(run.code).toBe(2);
    expect(problemLines(run)).toEqual([expect.stringMatching(/^cdk-ha: repo\/infra\/broken\.yaml: not valid YAML at line \d+/)]);
    expect(run.stderr).toMatch(/skipped 4 file\(s\) that are not CloudFormation templates: repo\/k8s\/deploy\.yaml, repo\/mkdocs\.yml, repo\/package-lock\.json, repo\/tsconfig\.json\n/);
    expect(JSON.parse(run.stdout).findings.map((f: any) => `${f.stack} ${f.ruleId}`)).toContain('db HA-RDS1');
  });
  test('a symbolic link to a template in the folder is read once; a loop of folder links is refused', () => {
    file('links/a/db.json', GOOD_TEMPLATE);
    fs.symlinkSync(path.join('a', 'db.json'), path.join(dir, 'links', 'again.json'));
    fs.symlinkSync('..', path.join(dir, 'links', 'a', 'up'));
    const run = cli('check', 'links', '--format', 'json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings.filter((f: any) => f.ruleId === 'HA-RDS1')).toHaveLength(1);
    expect(run.stderr).toBe('cdk-ha: skipped 2 file(s) that are not CloudFormation templates: '
      + 'links/a/up (a symbolic link to something already read), links/again.json (a symbolic link to something already read)\n');
  });
  test('an empty folder, or one without a template, holds no template: exit 2', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    file('notes/readme.json', { title: 'not a template' });
    const run = cli('check', 'empty', 'notes', good);
    expect(run.code).toBe(2);
    expect(problemLines(run)).toEqual(['cdk-ha: empty: holds no CloudFormation template', 'cdk-ha: notes: holds no CloudFormation template (1 file(s) skipped: not templates)']);
    expect(run.stdout).toMatch(/HA-RDS1/);
  });
});

describe('8. YAML and JSON are read as CloudFormation reads them', () => {
  test.each([
    ['a merge key', 'merge.yaml', 'Defaults: &d\n  Engine: mysql\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      <<: *d\n',
      /^cdk-ha: merge\.yaml: uses a YAML merge key \(<<\) at line 7; CloudFormation does not support merge keys$/],
    ['a merge key on an inline mapping', 'merge2.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      <<: { Engine: mysql }\n',
      /^cdk-ha: merge2\.yaml: uses a YAML merge key \(<<\) at line 5; CloudFormation does not support merge keys$/],
    ...['binary', 'omap', 'pairs', 'set', 'timestamp'].map(tag => [`the !!${tag} tag`, `${tag}.yaml`,
      `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !!${tag} ${tag === 'timestamp' ? '2001-12-14' : tag === 'binary' ? 'R0lG' : '[]'}\n`,
      new RegExp(`^cdk-ha: ${tag}\\.yaml: uses the YAML tag !!${tag} at line 5, which CloudFormation does not support$`)] as [string, string, string, RegExp]),
    ['a key twice in YAML', 'twice.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n  Db:\n    Type: AWS::SQS::Queue\n',
      /^cdk-ha: twice\.yaml: the key "Db" appears twice in one mapping at line 4; CloudFormation rejects duplicate keys: keep one$/],
    ['a key twice in JSON', 'twice.json', '{"Resources": {\n"Db": {"Type": "AWS::RDS::DBInstance"},\n"Db": {"Type": "AWS::SQS::Queue"}}}',
      /^cdk-ha: twice\.json: the key "Db" appears twice in one object \(line 3\); CloudFormation rejects duplicate keys/],
    ['UTF-16 text', 'utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(GOOD_TEMPLATE), 'utf16le')]),
      /^cdk-ha: utf16\.json: is UTF-16 text; save it as UTF-8, the encoding CloudFormation reads$/],
    ['YAML nested 10,000 levels deep', 'deep.yaml', deepYaml(10_000), /^cdk-ha: deep\.yaml: nests mappings and lists more than 200 levels deep, more than cdk-ha reads$/],
    ['JSON nested 10,000 levels deep', 'deep.json', deepJson(10_000), /^cdk-ha: deep\.json: nests mappings and lists more than 200 levels deep/],
    ['a mapping key that is a list', 'listkey.yaml', 'Resources:\n  [a, b]: { Type: AWS::SQS::Queue }\n', /^cdk-ha: listkey\.yaml: has a mapping key that is itself a mapping or a list at line 2/],
    ['several YAML documents', 'docs.yaml', `${GOOD_YAML}---\n${GOOD_YAML}`, /^cdk-ha: docs\.yaml: holds several YAML documents/],
  ])('%s is refused with one line naming the file and the feature', (_, name, content, message) => {
    expectProblems([file(name, content)], message);
  });

  test('JSON with a UTF-8 byte-order mark is read', () => {
    file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(GOOD_TEMPLATE))]));
    const run = cli('check', 'bom.json', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).findings.map((f: any) => f.ruleId)).toContain('HA-RDS1');
  });

  test('unquoted dates are strings, as CloudFormation reads AWSTemplateFormatVersion: 2010-09-09', () => {
    file('dates.yaml', 'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: 2012-10-17\n');
    const run = cli('check', 'dates.yaml');
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  test('anchors without aliases are accepted, as CloudFormation accepts them', () => {
    file('anchor.yaml', 'Resources:\n  Db: &db\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n');
    expect(cli('check', 'anchor.yaml').code).toBe(1);
  });
});

describe('9. reports show hostile strings as text', () => {
  const ids = ['Db|x', 'Db\nNew', '<img src=x onerror=alert(1)>', 'Db<!--', '[link](http://evil)', 'Db\u001b[31mRed\u0007', 'Nul\u0000Db', 'Tick`Db', 'Rtl\u202eDb'];
  const hostile = file('hostile.json', { Resources: Object.fromEntries(ids.map(id => [id, { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql' } }])) });
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/;

  test('Markdown escapes table and HTML syntax in every cell and holds no control character', () => {
    const md = cli('check', hostile, '--format', 'markdown').stdout;
    expect(md).not.toMatch(CONTROL);
    // Code spans show their content as text; outside them, no HTML tag, comment or link may remain.
    const outsideCode = md.replace(/(?<![\\`])(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
    expect(outsideCode).not.toMatch(/<(?!br>)|(?<!\\)\]\(/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const rows = md.split('\n').filter(l => l.startsWith('| error |'));
    expect(rows).toHaveLength(ids.length);
    // Every row has six cells: seven pipes that are not escaped.
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(8);
  });

  test('text writes control characters as visible escapes', () => {
    const text = cli('check', hostile).stdout;
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain('Db\\u001b[31mRed\\u0007');
    expect(text).toContain('Db\\u000aNew');
  });

  test('JSON and SARIF stay valid and keep the logical IDs as they are', () => {
    const json = JSON.parse(cli('check', hostile, '--format', 'json').stdout);
    expect(json.findings.filter((f: any) => f.ruleId === 'HA-RDS1').map((f: any) => f.logicalId).sort()).toEqual([...ids].sort());
    const sarif = JSON.parse(cli('check', hostile, '--format', 'sarif').stdout);
    expect(sarif.runs[0].results.filter((r: any) => r.ruleId === 'HA-RDS1')).toHaveLength(ids.length);
  });

  test('a file name with control characters is shown escaped on standard error', () => {
    const name = file('bad\u001b]0;title\u0007.json', '{"Resources": ');
    const run = cli('check', name);
    expect(run.stderr).toBe('cdk-ha: bad\\u001b]0;title\\u0007.json: not valid JSON (it ends before the JSON is complete); is the file truncated?\n');
  });
});

describe('10. options', () => {
  test('--output does not follow a symbolic link', () => {
    const target = file('precious.txt', 'keep me');
    fs.symlinkSync(target, path.join(dir, 'report-link.json'));
    const run = cli('check', good, '--output', 'report-link.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('cdk-ha: report-link.json: cannot write the report (it is a symbolic link, which is not followed; name the file itself)\n');
    expect(fs.readFileSync(path.join(dir, target), 'utf-8')).toBe('keep me');
  });
  (hasFifo ? test : test.skip)('--output to a FIFO without a reader is refused, not waited on', () => {
    makeFifo(path.join(dir, 'out.fifo'));
    expect(cli('check', good, '--output', 'out.fifo')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^cdk-ha: out\.fifo: cannot write the report \(it is a FIFO or socket; name a file\)\n$/) });
  });
  test('--output - writes to standard output', () => {
    const run = cli('check', good, '--output', '-', '--format', 'json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).summary.error).toBe(1);
    expect(fs.existsSync(path.join(dir, '-'))).toBe(false);
  });
  test.each([
    [['--format', 'json', '--format', 'sarif'], /^cdk-ha: --format is given 2 times: give it once$/m],
    [['--output', 'a.json', '--output', 'b.json'], /^cdk-ha: --output is given 2 times: give it once$/m],
    [['--objectives', ''], /^cdk-ha: --objectives is empty: give a preset \(mission-critical, business-critical, non-production\), a file, or settings/m],
    [['--objectives', ','], /^cdk-ha: --objectives is empty/m],
    [['--objectives', '/nonexistent/objectives.yaml'], /^cdk-ha: --objectives \/nonexistent\/objectives\.yaml: no such file$/m],
    [['--objectives', 'region=yes'], /^cdk-ha: --objectives region=yes: surviving a Region failure \(region=yes\) needs the Region's recovery objectives: add region\.rto and region\.rpo/m],
    [['--output', ''], /^cdk-ha: --output needs a file name, or - for standard output$/m],
  ])('%j is a usage error with one clear line', (args, message) => {
    const run = cli('check', good, ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(3); // the line, the help hint, and the final newline
    expect(run.stdout).toBe('');
  });
  test('region=yes with the Region objectives is accepted', () => {
    expect(cli('check', good, '--objectives', 'region=yes,region.rto=4h,region.rpo=1h').code).toBe(1);
  });
  test('an input that is a loop of symbolic links', () => {
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
    expectProblems(['loop-a'], /^cdk-ha: loop-a: a loop of symbolic links$/);
  });
  test('the same file named twice, or through a link, is checked once', () => {
    fs.symlinkSync(good, path.join(dir, 'good-link.json'));
    const run = cli('check', good, `./${good}`, 'good-link.json', '--format', 'json');
    expect(JSON.parse(run.stdout).findings.filter((f: any) => f.ruleId === 'HA-RDS1')).toHaveLength(1);
  });
});
