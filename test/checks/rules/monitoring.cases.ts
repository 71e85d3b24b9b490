import { RuleCases } from './cases';
import { ALARM_ACTIONS, ALARM_CRITICAL_RESOURCES, ALARM_HEALTH_CHECK } from '../../../src/checks/rules/monitoring';
import { res, template } from '../../helpers/templates';

const alarm = (props: Record<string, unknown> = {}) => res('AWS::CloudWatch::Alarm', {
  MetricName: 'm',
  Namespace: 'n',
  Statistic: 'Sum',
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanThreshold',
  AlarmActions: [{ Ref: 'Topic' }],
  ...props,
});
const dims = (Name: string, Value: unknown) => ({ Dimensions: [{ Name, Value }] });
const topic = res('AWS::SNS::Topic');
const lb = (props: Record<string, unknown> = {}) => res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: ['subnet-1', 'subnet-2'], ...props });
const tg = res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Protocol: 'HTTP', VpcId: 'vpc-1' });
const listener = res('AWS::ElasticLoadBalancingV2::Listener', { LoadBalancerArn: { Ref: 'Lb' }, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }] });
const db = (props: Record<string, unknown> = {}) => res('AWS::RDS::DBInstance', { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', ...props });
const queue = (props: Record<string, unknown> = {}) => res('AWS::SQS::Queue', props);
const redrive = { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 5 } };
const healthCheck = (config: Record<string, unknown> = {}) => res('AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'example.com', ...config } });
const params = {
  Parameters: { P: { Type: 'String' }, TopicArn: { Type: 'String' } },
  Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'prod'] } },
};

export const ALARM_CASES: RuleCases[] = [
  {
    rule: ALARM_CRITICAL_RESOURCES,
    compliant: {
      'an alarm on a target group of the load balancer': {
        template: template({ Lb: lb(), Tg: tg, L: listener, Topic: topic, A: alarm({ Dimensions: [{ Name: 'TargetGroup', Value: { 'Fn::GetAtt': ['Tg', 'TargetGroupFullName'] } }, { Name: 'LoadBalancer', Value: { 'Fn::GetAtt': ['Lb', 'LoadBalancerFullName'] } }] }) }),
        target: 'Lb',
      },
      'a metric-math alarm on the DB instance': {
        template: template({ Db: db(), Topic: topic, A: alarm({ MetricName: undefined, Metrics: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/RDS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: { Ref: 'Db' } }] }, Period: 60, Stat: 'Average' } }] }) }),
        target: 'Db',
      },
      'an alarm on a member of an Aurora cluster': {
        template: template({
          C: res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }),
          W: db({ DBClusterIdentifier: { Ref: 'C' }, Engine: 'aurora-postgresql' }),
          Topic: topic,
          A: alarm(dims('DBInstanceIdentifier', { Ref: 'W' })),
        }),
        target: 'C',
      },
      'an alarm naming the DB instance by the same parameter': {
        template: template({ Db: db({ DBInstanceIdentifier: { Ref: 'P' } }), Topic: topic, A: alarm(dims('DBInstanceIdentifier', { Ref: 'P' })) }, params),
        target: 'Db',
      },
      'an alarm on a dead-letter queue by its literal name': {
        template: template({ Q: queue(redrive), Dlq: queue({ QueueName: 'orders-dlq' }), Topic: topic, A: alarm(dims('QueueName', 'orders-dlq')) }),
        target: 'Dlq',
      },
    },
    nonCompliant: {
      'a load balancer without alarms': { template: template({ Lb: lb(), Tg: tg, L: listener }), target: 'Lb', message: /No CloudWatch alarm in the workload watches load balancer Lb: unhealthy targets or a surge of 5XX errors/ },
      'a network load balancer without alarms': { template: template({ Lb: lb({ Type: 'network' }) }), target: 'Lb', message: /network load balancer Lb: unhealthy targets go unnoticed/ },
      'a DB instance whose only alarm watches something else': {
        template: template({ Db: db(), Other: db(), Topic: topic, A: alarm(dims('DBInstanceIdentifier', { Ref: 'Other' })) }),
        target: 'Db',
        message: /DB instance Db/,
      },
      'a dead-letter queue without alarms': { template: template({ Q: queue(redrive), Dlq: queue() }), target: 'Dlq', message: /dead-letter queue Dlq \(of Q\): messages that failed processing pile up/ },
      'a Lambda failure destination without alarms': {
        template: template({
          Dlq: queue(),
          Cfg: res('AWS::Lambda::EventInvokeConfig', { FunctionName: 'f', Qualifier: '$LATEST', DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } } }),
        }),
        target: 'Dlq',
      },
    },
    unknown: {
      'a named DB instance and an alarm on an instance named by a parameter': {
        template: template({ Db: db({ DBInstanceIdentifier: 'orders' }), Topic: topic, A: alarm(dims('DBInstanceIdentifier', { Ref: 'P' })) }, params),
        target: 'Db',
        message: /alarm A names what it watches by a value decided at deploy time/,
      },
    },
    notApplicable: {
      'a queue that is not a dead-letter queue': { template: template({ Q: queue(redrive), Dlq: queue() }), target: 'Q' },
      'a member of a DB cluster (the cluster is judged)': {
        template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql' }), W: db({ DBClusterIdentifier: { Ref: 'C' } }) }),
        target: 'W',
      },
      'an event rule target queue is not a dead-letter queue': {
        template: template({ Q: queue(), R: res('AWS::Events::Rule', { EventPattern: { source: ['x'] }, Targets: [{ Id: 't', Arn: { 'Fn::GetAtt': ['Q', 'Arn'] } }] }) }),
        target: 'Q',
      },
    },
  },
  {
    rule: ALARM_ACTIONS,
    compliant: {
      'an SNS action': { template: template({ Topic: topic, A: alarm() }), target: 'A' },
      'an action from a parameter': { template: template({ A: alarm({ AlarmActions: [{ Ref: 'TopicArn' }] }) }, params), target: 'A' },
      'an action either way of a condition': {
        template: template({ Topic: topic, A: alarm({ AlarmActions: [{ 'Fn::If': ['C', { Ref: 'Topic' }, { Ref: 'TopicArn' }] }] }) }, params),
        target: 'A',
      },
      'no actions, but used by a composite alarm': {
        template: template({ A: alarm({ AlarmActions: undefined }), Topic: topic, Comp: res('AWS::CloudWatch::CompositeAlarm', { AlarmRule: { 'Fn::Sub': 'ALARM(${A})' }, AlarmActions: [{ Ref: 'Topic' }] }) }),
        target: 'A',
      },
      'no actions, but used by an ECS deployment by name': {
        template: template({
          A: alarm({ AlarmName: 'api-errors', AlarmActions: undefined }),
          S: res('AWS::ECS::Service', { DeploymentConfiguration: { Alarms: { Enable: true, Rollback: true, AlarmNames: ['api-errors'] } } }),
        }),
        target: 'A',
      },
    },
    nonCompliant: {
      'no actions': { template: template({ A: alarm({ AlarmActions: undefined }) }), target: 'A', message: /Alarm A has no alarm, OK or insufficient-data actions/ },
      'empty action lists': { template: template({ A: alarm({ AlarmActions: [], OKActions: [] }) }), target: 'A' },
      'actions disabled': { template: template({ Topic: topic, A: alarm({ ActionsEnabled: false }) }), target: 'A', message: /ActionsEnabled false/ },
    },
    unknown: {
      'an action only under a condition': {
        template: template({ Topic: topic, A: alarm({ AlarmActions: [{ 'Fn::If': ['C', { Ref: 'Topic' }, { Ref: 'AWS::NoValue' }] }] }) }, params),
        target: 'A',
        message: /decided at deploy time/,
      },
      'actions enabled from a parameter': { template: template({ Topic: topic, A: alarm({ ActionsEnabled: { Ref: 'P' } }) }, params), target: 'A', message: /parameter P/ },
    },
    notApplicable: {
      'no alarm': { template: template({ Topic: topic }) },
    },
  },
  {
    rule: ALARM_HEALTH_CHECK,
    compliant: {
      'an alarm on the health check': {
        template: template({ H: healthCheck(), Topic: topic, A: alarm({ Namespace: 'AWS/Route53', MetricName: 'HealthCheckStatus', ...dims('HealthCheckId', { Ref: 'H' }) }) }),
        target: 'H',
      },
    },
    nonCompliant: {
      'no alarm on the health check': { template: template({ H: healthCheck() }), target: 'H', message: /No CloudWatch alarm in the workload watches health check H/ },
    },
    unknown: {
      'health check type from a parameter': { template: template({ H: healthCheck({ Type: { Ref: 'P' } }) }, params), target: 'H', message: /parameter P/ },
    },
    notApplicable: {
      'a health check that follows an alarm': { template: template({ H: healthCheck({ Type: 'CLOUDWATCH_METRIC', AlarmIdentifier: { Name: 'a', Region: 'us-east-1' } }) }), target: 'H' },
      'a child of a calculated health check': {
        template: template({ H: healthCheck(), Parent: healthCheck({ Type: 'CALCULATED', ChildHealthChecks: [{ Ref: 'H' }], HealthThreshold: 1 }), Topic: topic, A: alarm(dims('HealthCheckId', { Ref: 'Parent' })) }),
        target: 'H',
      },
    },
  },
];
