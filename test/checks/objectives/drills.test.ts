import { drillsOf } from '../../../src/checks/objectives/drills';
import { modelOf, res, template } from '../../helpers/templates';

const experiment = (actions: Record<string, unknown>, targets: Record<string, unknown> = {}, tags: Record<string, string> = { Name: 'x' }) =>
  res('AWS::FIS::ExperimentTemplate', { Description: 'd', RoleArn: 'r', StopConditions: [{ Source: 'none' }], Targets: targets, Actions: actions, Tags: tags });
const instances = (filters: unknown[] = []) => ({ Instances: { ResourceType: 'aws:ec2:instance', ResourceTags: { app: 'web' }, Filters: filters, SelectionMode: 'ALL' } });

function exercised(resources: Record<string, unknown>): Record<string, [string[], boolean]> {
  return Object.fromEntries(drillsOf([modelOf(template(resources))]).map(d => [d.resource.logicalId, [[...d.disruptions], d.scheduled]]));
}

describe('the drills of a workload', () => {
  test('an experiment exercises what its actions break: hosts, hosts of a zone, a zone\'s capacity, a Region', () => {
    expect(exercised({
      Hosts: experiment({ Stop: { ActionId: 'aws:ec2:stop-instances', Targets: { Instances: 'Instances' } } }, instances()),
      ZoneHosts: experiment({ Stop: { ActionId: 'aws:ec2:stop-instances', Targets: { Instances: 'Instances' } } },
        instances([{ Path: 'Placement.AvailabilityZone', Values: ['eu-west-1a'] }])),
      Capacity: experiment({ Ice: { ActionId: 'aws:ec2:api-insufficient-instance-capacity-error', Parameters: { availabilityZoneIdentifiers: 'euw1-az1' } } }),
      Region: experiment({ Cut: { ActionId: 'aws:network:route-table-disrupt-cross-region-connectivity', Parameters: { region: 'eu-central-1' } } }),
      Latency: experiment({ Cpu: { ActionId: 'aws:ssm:send-command' } }),
    })).toEqual({
      Hosts: [['instance'], false],
      ZoneHosts: [['instance', 'az'], false],
      Capacity: [['az'], false],
      Region: [['region'], false],
      Latency: [[], false],
    });
  });

  test('the cdk-ha:exercises tag says it outright, and a schedule that starts the experiment makes it scheduled', () => {
    expect(exercised({
      Drill: experiment({ Cut: { ActionId: 'aws:network:disrupt-connectivity' } }, {}, { 'cdk-ha:exercises': 'region' }),
      Schedule: res('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'rate(30 days)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: 'arn:aws:scheduler:::aws-sdk:fis:startExperiment', RoleArn: 'r', Input: { 'Fn::Join': ['', ['{"ExperimentTemplateId":"', { Ref: 'Drill' }, '"}']] } },
      }),
    })).toEqual({ Drill: [['region'], true] });
  });

  test('zonal autoshift with practice runs drills a zone failure; without them, or disabled, it does not', () => {
    const autoshift = (props: Record<string, unknown>) => res('AWS::ARCZonalShift::ZonalAutoshiftConfiguration', { ResourceIdentifier: 'arn', ...props });
    const practice = { PracticeRunConfiguration: { OutcomeAlarms: [{ Type: 'CLOUDWATCH', AlarmIdentifier: 'arn:alarm' }] } };
    expect(exercised({
      On: autoshift({ ZonalAutoshiftStatus: 'ENABLED', ...practice }),
      Off: autoshift({ ZonalAutoshiftStatus: 'DISABLED', ...practice }),
    })).toEqual({ On: [['az'], true] });
  });
});
