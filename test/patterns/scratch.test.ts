import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DatabaseTopology, ReplicatedDatabase, ReplicatedDatabaseSecondary } from '../../src/patterns/replicated-database';

test('scratch', () => {
  const ctx = { 'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], 'availability-zones:account=123456789012:region=eu-central-1': ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'] };
  for (const [name, topology] of [['A', DatabaseTopology.auroraCluster()], ['I', DatabaseTopology.multiAzInstance()]] as const) {
    const app = new App({ context: ctx });
    const p = new Stack(app, `P${name}`, { env: { account: '123456789012', region: 'eu-west-1' }, crossRegionReferences: true });
    const s = new Stack(app, `S${name}`, { env: { account: '123456789012', region: 'eu-central-1' }, crossRegionReferences: true });
    const db = new ReplicatedDatabase(p, 'Db', { vpc: new ec2.Vpc(p, 'Vpc'), topology, secondaryRegions: ['eu-central-1'] });
    new ReplicatedDatabaseSecondary(s, 'Db', { primary: db, vpc: new ec2.Vpc(s, 'Vpc') });
    const t = Template.fromStack(s).toJSON();
    const pick = Object.fromEntries(Object.entries(t.Resources).filter(([, r]: any) => /RDS::DB|Custom::|GlobalCluster/.test(r.Type)));
    require('fs').writeFileSync(`/tmp/t16/${name}.json`, JSON.stringify({ pick, p: Object.fromEntries(Object.entries(Template.fromStack(p).toJSON().Resources).filter(([, r]: any) => /GlobalCluster|SecretsManager::Secret$/.test(r.Type))) }, null, 1));
  }
});
