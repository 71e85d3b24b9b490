/**
 * Builds the cloud assemblies of test/corpus/real-cdk-apps from folders of synthesized templates
 * (one folder per app): a manifest that lists only the top-level stacks (stacks of Stages in nested
 * assemblies), and asset manifests that name each nested stack's template by the hash its parent's
 * `TemplateURL` ends with, as `cdk synth` writes them. Templates are copied unchanged.
 *
 *   ts-node --project scripts/tsconfig.json scripts/real-app-fixtures.ts <folder of app folders> <output folder>
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Stacks that live in a Stage, by template file: the Stage's path and the stack's display name. */
const STAGE_STACKS: Record<string, { stage: string; displayName: string }> = {
  'EksPipelineStackEKSClusterAEKSClusterC0C47102.template.json': { stage: 'EksPipelineStack/EKSClusterA', displayName: 'EksPipelineStack/EKSClusterA/EKSCluster' },
  'EksPipelineStackUpdateDNSAppDnsEBA64D87.template.json': { stage: 'EksPipelineStack/UpdateDNS', displayName: 'EksPipelineStack/UpdateDNS/AppDns' },
};

const ENVIRONMENT = 'aws://111111111111/us-east-1';

function main(source: string, output: string): void {
  for (const app of fs.readdirSync(source, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort()) {
    const dir = path.join(source, app);
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.template.json')).sort();
    const templates = new Map(files.map(f => [f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf-8'))]));
    // CDK names a nested stack's template by the SHA-256 of its JSON text; the parent's TemplateURL ends with it.
    const byHash = new Map([...templates].map(([f, t]) => [createHash('sha256').update(JSON.stringify(t)).digest('hex'), f]));
    const nestedOf = new Map<string, string[]>();
    const nested = new Set<string>();
    for (const [file, template] of templates) {
      for (const resource of Object.values<any>(template.Resources ?? {})) {
        if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
        const hash = /([0-9a-f]{64})\.json/.exec(JSON.stringify(resource.Properties?.TemplateURL ?? ''))?.[1];
        const child = hash ? byHash.get(hash) : undefined;
        if (!child) throw new Error(`${app}/${file}: no template for a nested stack`);
        nestedOf.set(file, [...(nestedOf.get(file) ?? []), child]);
        nested.add(child);
      }
    }
    const out = path.join(output, app);
    fs.rmSync(out, { recursive: true, force: true });
    const assemblies = new Map<string, string[]>([['', []]]);
    for (const file of files.filter(f => !nested.has(f))) {
      const stage = STAGE_STACKS[file]?.stage ?? '';
      assemblies.set(stage, [...(assemblies.get(stage) ?? []), file]);
    }
    for (const [stage, stacks] of assemblies) {
      const assemblyDir = stage ? path.join(out, `assembly-${stage.replace(/\//g, '-')}`) : out;
      fs.mkdirSync(assemblyDir, { recursive: true });
      const artifacts: Record<string, unknown> = {};
      for (const file of stacks) {
        const id = file.replace(/\.template\.json$/, '');
        const assets: Record<string, unknown> = {};
        const copy = (f: string) => {
          fs.copyFileSync(path.join(dir, f), path.join(assemblyDir, f));
          for (const child of nestedOf.get(f) ?? []) {
            const hash = [...byHash].find(([, name]) => name === child)![0];
            assets[hash] = {
              source: { path: child, packaging: 'file' },
              destinations: { 'current_account-current_region': { bucketName: 'cdk-hnb659fds-assets-111111111111-us-east-1', objectKey: `${hash}.json` } },
            };
            copy(child);
          }
        };
        copy(file);
        const assetManifest = `${id}.assets.json`;
        fs.writeFileSync(path.join(assemblyDir, assetManifest), `${JSON.stringify({ version: '48.0.0', files: assets, dockerImages: {} }, undefined, 1)}\n`);
        artifacts[`${id}.assets`] = { type: 'cdk:asset-manifest', properties: { file: assetManifest } };
        artifacts[id] = {
          type: 'aws:cloudformation:stack',
          environment: ENVIRONMENT,
          properties: { templateFile: file },
          dependencies: [`${id}.assets`],
          displayName: STAGE_STACKS[file]?.displayName ?? id,
        };
      }
      if (!stage) {
        for (const child of [...assemblies.keys()].filter(Boolean)) {
          artifacts[`assembly-${child.replace(/\//g, '-')}`] = {
            type: 'cdk:cloud-assembly',
            properties: { directoryName: `assembly-${child.replace(/\//g, '-')}`, displayName: child },
            displayName: child,
          };
        }
      }
      fs.writeFileSync(path.join(assemblyDir, 'manifest.json'), `${JSON.stringify({ version: '48.0.0', artifacts }, undefined, 1)}\n`);
    }
  }
}

main(process.argv[2], process.argv[3]);
