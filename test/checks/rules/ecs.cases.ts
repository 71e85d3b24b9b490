import { RuleCases } from './cases';
import { ECS_TASK_COUNT } from '../../../src/checks/rules/ecs';
import { res, template } from '../../helpers/templates';

const service = (props: object = {}) => res('AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 'td', ...props });
const scaling = (min: unknown) => res('AWS::ApplicationAutoScaling::ScalableTarget', {
  MinCapacity: min,
  MaxCapacity: 10,
  ServiceNamespace: 'ecs',
  ScalableDimension: 'ecs:service:DesiredCount',
  ResourceId: { 'Fn::Join': ['', ['service/', 'cluster', '/', { 'Fn::GetAtt': ['S', 'Name'] }]] },
});
const params = { Parameters: { P: { Type: 'String' }, N: { Type: 'Number' } } };

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
];
