import { withSubnets } from './builders';
import { RuleCases } from './cases';
import { ECS_MULTI_AZ, ECS_SAFE_DEPLOYMENTS, ECS_TASK_COUNT, ECS_ZONE_REBALANCING } from '../../../src/checks/rules/ecs';
import { az, res, template } from '../../helpers/templates';

const service = (props: Record<string, unknown> = {}) => res('AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 'td', ...props });
const scaling = (min: unknown) => res('AWS::ApplicationAutoScaling::ScalableTarget', {
  MinCapacity: min,
  MaxCapacity: 10,
  ServiceNamespace: 'ecs',
  ScalableDimension: 'ecs:service:DesiredCount',
  ResourceId: { 'Fn::Join': ['', ['service/', 'cluster', '/', { 'Fn::GetAtt': ['S', 'Name'] }]] },
});
const params = { Parameters: { P: { Type: 'String' }, N: { Type: 'Number' } } };
const fargate = (subnets: unknown, props: object = {}) => service({ LaunchType: 'FARGATE', DesiredCount: 2, NetworkConfiguration: { AwsvpcConfiguration: { Subnets: subnets } }, ...props });
const breaker = { DeploymentCircuitBreaker: { Enable: true, Rollback: true } };

export const ECS_CASES: RuleCases[] = [
  {
    rule: ECS_TASK_COUNT,
    compliant: {
      'DesiredCount 2': { template: template({ S: service({ DesiredCount: 2 }) }), target: 'S' },
      'a scaling target with MinCapacity 2': { template: template({ S: service(), T: scaling(2) }), target: 'S' },
    },
    nonCompliant: {
      'DesiredCount absent (defaults to 1)': { template: template({ S: service() }), target: 'S', message: /runs 1 task \(DesiredCount is not set\)/ },
      'DesiredCount 1': { template: template({ S: service({ DesiredCount: 1 }) }), target: 'S' },
      'a scaling target with MinCapacity 1': { template: template({ S: service({ DesiredCount: 1 }), T: scaling(1) }), target: 'S', message: /scaling target allows fewer than 2/ },
    },
    unknown: {
      'DesiredCount from a parameter': { template: template({ S: service({ DesiredCount: { Ref: 'N' } }) }, params), target: 'S', message: /parameter N/ },
      'MinCapacity from a parameter': { template: template({ S: service(), T: scaling({ Ref: 'N' }) }, params), target: 'S', message: /scaled by T/ },
    },
    notApplicable: {
      'a daemon service': { template: template({ S: service({ SchedulingStrategy: 'DAEMON' }) }), target: 'S' },
    },
  },
  {
    rule: ECS_MULTI_AZ,
    compliant: {
      'awsvpc subnets in two zones': { template: withSubnets([az(0), az(1)], s => fargate(s)), target: 'R' },
    },
    nonCompliant: {
      'awsvpc subnets in one zone': { template: withSubnets([az(0)], s => fargate(s)), target: 'R', message: /ECS service R is in one Availability Zone/ },
      'two subnets in the same literal zone': { template: withSubnets(['eu-west-1a', 'eu-west-1a'], s => fargate(s)), target: 'R' },
    },
    unknown: {
      'subnets from a list parameter': { template: withSubnets([], () => fargate({ Ref: 'Subnets' })), target: 'R', message: /parameter Subnets/ },
      'imported subnets': { template: template({ R: fargate([{ 'Fn::ImportValue': 'a' }, { 'Fn::ImportValue': 'b' }]) }), target: 'R', message: /may be in one Availability Zone/ },
    },
    notApplicable: {
      'bridge network mode (no NetworkConfiguration)': { template: template({ R: service({ LaunchType: 'EC2', DesiredCount: 2 }) }), target: 'R' },
    },
  },
  {
    rule: ECS_SAFE_DEPLOYMENTS,
    compliant: {
      'circuit breaker on, minimum healthy 100': { template: template({ S: service({ DesiredCount: 2, DeploymentConfiguration: { ...breaker, MinimumHealthyPercent: 100 } }) }), target: 'S' },
      'deployment alarms instead of the circuit breaker': {
        template: template({ S: service({ DesiredCount: 3, DeploymentConfiguration: { Alarms: { Enable: true, Rollback: true, AlarmNames: ['errors'] }, MinimumHealthyPercent: 50 } }) }),
        target: 'S',
      },
      'one task (judged by the task count rule)': { template: template({ S: service({ DeploymentConfiguration: breaker }) }), target: 'S' },
      'blue/green with deployment alarms that roll back': {
        template: template({ S: service({ DesiredCount: 2, DeploymentConfiguration: { Strategy: 'BLUE_GREEN', BakeTimeInMinutes: 5, Alarms: { AlarmNames: ['errors'], Enable: true, Rollback: true } } }) }),
        target: 'S',
      },
    },
    nonCompliant: {
      'no circuit breaker': { template: template({ S: service({ DesiredCount: 2 }) }), target: 'S', message: /no deployment circuit breaker or deployment alarms/ },
      'circuit breaker off and deployment alarms off (as CDK writes them)': {
        template: template({
          S: service({
            DesiredCount: 2,
            DeploymentConfiguration: {
              DeploymentCircuitBreaker: { Enable: false, Rollback: false },
              Alarms: { AlarmNames: [], Enable: false, Rollback: false },
            },
          }),
        }),
        target: 'S',
      },
      'two tasks with a minimum healthy percent of 50': {
        template: template({ S: service({ DesiredCount: 2, DeploymentConfiguration: { ...breaker, MinimumHealthyPercent: 50 } }) }),
        target: 'S',
        message: /runs 2 tasks with MinimumHealthyPercent 50: a deployment may keep only 1 task running/,
      },
      'a canary deployment with only the circuit breaker (which does not watch it)': {
        template: template({ S: service({ DesiredCount: 2, DeploymentConfiguration: { ...breaker, Strategy: 'CANARY', CanaryConfiguration: { CanaryPercent: 10 } } }) }),
        target: 'S',
        message: /deploys with the CANARY strategy without deployment alarms that roll back/,
      },
      'a linear deployment whose alarms do not roll back': {
        template: template({ S: service({ DesiredCount: 2, DeploymentConfiguration: { Strategy: 'LINEAR', Alarms: { AlarmNames: ['errors'], Enable: true, Rollback: false } } }) }),
        target: 'S',
      },
    },
    unknown: {
      'circuit breaker from a parameter': {
        template: template({ S: service({ DesiredCount: 1, DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: { Ref: 'P' }, Rollback: true } } }) }, params),
        target: 'S',
        message: /parameter P/,
      },
      'the strategy from a parameter': {
        template: template({ S: service({ DesiredCount: 2, DeploymentConfiguration: { Strategy: { Ref: 'P' } } }) }, params),
        target: 'S',
        message: /DeploymentConfiguration.Strategy is the parameter P/,
      },
    },
    notApplicable: {
      'a CodeDeploy blue/green service': { template: template({ S: service({ DesiredCount: 2, DeploymentController: { Type: 'CODE_DEPLOY' } }) }), target: 'S' },
    },
  },
  {
    rule: ECS_ZONE_REBALANCING,
    compliant: {
      'rebalancing on': { template: template({ S: service({ DesiredCount: 2, AvailabilityZoneRebalancing: 'ENABLED' }) }), target: 'S' },
      'not set (new services rebalance)': { template: template({ S: service({ DesiredCount: 2 }) }), target: 'S' },
    },
    nonCompliant: {
      'rebalancing turned off': { template: template({ S: service({ DesiredCount: 3, AvailabilityZoneRebalancing: 'DISABLED' }) }), target: 'S', message: /Availability Zone rebalancing off/ },
    },
    unknown: {
      'from a parameter': { template: template({ S: service({ DesiredCount: 3, AvailabilityZoneRebalancing: { Ref: 'P' } }) }, params), target: 'S', message: /parameter P/ },
    },
    notApplicable: {
      'a daemon service': { template: template({ S: service({ SchedulingStrategy: 'DAEMON', AvailabilityZoneRebalancing: 'DISABLED' }) }), target: 'S' },
    },
  },
];
