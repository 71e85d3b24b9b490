import { RuleCases } from './cases';
import { EB_ENHANCED_HEALTH, EB_MULTI_AZ, EB_SINGLE_INSTANCE } from '../../../src/checks/rules/elastic-beanstalk';
import { Severity } from '../../../src/checks/types';
import { az, res, subnet, template } from '../../helpers/templates';

const opt = (Namespace: string, OptionName: string, Value: unknown) => ({ Namespace, OptionName, Value });
const env = (...options: Record<string, unknown>[]) => res('AWS::ElasticBeanstalk::Environment', { ApplicationName: 'app', SolutionStackName: '64bit Amazon Linux 2023', OptionSettings: options });
const single = opt('aws:elasticbeanstalk:environment', 'EnvironmentType', 'SingleInstance');
const minSize = (n: unknown) => opt('aws:autoscaling:asg', 'MinSize', n);
const subnets = (value: unknown) => opt('aws:ec2:vpc', 'Subnets', value);
const enhanced = opt('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'enhanced');
const params = { Parameters: { P: { Type: 'String' }, List: { Type: 'List<AWS::EC2::Subnet::Id>' } } };
const joined = (...ids: string[]) => ({ 'Fn::Join': [',', ids.map(id => ({ Ref: id }))] });

export const EB_CASES: RuleCases[] = [
  {
    rule: EB_SINGLE_INSTANCE,
    compliant: {
      'load balanced with a minimum of 2': { template: template({ E: env(minSize('2')) }), target: 'E' },
      'the minimum set in a configuration template of the stack': {
        template: template({
          T: res('AWS::ElasticBeanstalk::ConfigurationTemplate', { ApplicationName: 'app', SolutionStackName: 's', OptionSettings: [minSize(3)] }),
          E: res('AWS::ElasticBeanstalk::Environment', { ApplicationName: 'app', TemplateName: { Ref: 'T' } }),
        }),
        target: 'E',
      },
    },
    nonCompliant: {
      'a single-instance environment': { template: template({ E: env(single) }), target: 'E', message: /single-instance environment/ },
      'MinSize absent (defaults to 1)': { template: template({ E: env() }), target: 'E', severity: Severity.WARNING, message: /MinSize 1 \(aws:autoscaling:asg MinSize is not set\)/ },
      'MinSize 1': { template: template({ E: env(minSize(1)) }), target: 'E', severity: Severity.WARNING },
      'the environment overrides its template': {
        template: template({
          T: res('AWS::ElasticBeanstalk::ConfigurationTemplate', { ApplicationName: 'app', OptionSettings: [minSize(3)] }),
          E: res('AWS::ElasticBeanstalk::Environment', { ApplicationName: 'app', TemplateName: { Ref: 'T' }, OptionSettings: [single] }),
        }),
        target: 'E',
      },
    },
    unknown: {
      'environment type from a parameter': { template: template({ E: env(opt('aws:elasticbeanstalk:environment', 'EnvironmentType', { Ref: 'P' })) }, params), target: 'E', message: /parameter P/ },
      'a saved configuration outside the template': {
        template: template({ E: res('AWS::ElasticBeanstalk::Environment', { ApplicationName: 'app', TemplateName: 'prod-config' }) }),
        target: 'E',
        message: /saved configuration prod-config is not in this template/,
      },
    },
    notApplicable: {
      'no environment': { template: template({ A: res('AWS::ElasticBeanstalk::Application') }) },
    },
  },
  {
    rule: EB_MULTI_AZ,
    compliant: {
      'subnets joined from two zones': { template: template({ S0: subnet(az(0)), S1: subnet(az(1)), E: env(subnets(joined('S0', 'S1'))) }), target: 'E' },
    },
    nonCompliant: {
      'one subnet': { template: template({ S0: subnet(az(0)), E: env(subnets({ Ref: 'S0' })) }), target: 'E', message: /environment E is in one Availability Zone/ },
      'two subnets in the same zone': { template: template({ S0: subnet('eu-west-1a'), S1: subnet('eu-west-1a'), E: env(subnets(joined('S0', 'S1'))) }), target: 'E' },
    },
    unknown: {
      'subnets from a list parameter': { template: template({ E: env(subnets({ 'Fn::Join': [',', { Ref: 'List' }] })) }, params), target: 'E', message: /decided at deploy time/ },
      'subnet IDs outside the template': { template: template({ E: env(subnets('subnet-1,subnet-2')) }), target: 'E', message: /subnet-1 is not defined/ },
    },
    notApplicable: {
      'the default VPC': { template: template({ E: env() }), target: 'E' },
      'a single-instance environment': { template: template({ S0: subnet(az(0)), E: env(single, subnets({ Ref: 'S0' })) }), target: 'E' },
    },
  },
  {
    rule: EB_ENHANCED_HEALTH,
    compliant: {
      'enhanced health': { template: template({ E: env(enhanced) }), target: 'E' },
    },
    nonCompliant: {
      'SystemType absent (basic)': { template: template({ E: env() }), target: 'E', message: /uses basic health reporting \(SystemType is not set\)/ },
      'basic health': { template: template({ E: env(opt('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'basic')) }), target: 'E' },
    },
    unknown: {
      'SystemType from a parameter': { template: template({ E: env(opt('aws:elasticbeanstalk:healthreporting:system', 'SystemType', { Ref: 'P' })) }, params), target: 'E', message: /parameter P/ },
    },
    notApplicable: {
      'no environment': { template: template({ A: res('AWS::ElasticBeanstalk::Application') }) },
    },
  },
];
