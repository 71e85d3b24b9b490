import { App, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { checkTemplate } from '../../../src/checks/engine';
import { CLOUDFRONT_RULES } from '../../../src/checks/rules/cloudfront';
import { modelOfStack } from '../../helpers/templates';

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), CLOUDFRONT_RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status}`).sort();
}

describe('CloudFront distributions built with CDK', () => {
  test('an origin group of two buckets passes; a single bucket origin is noted; an API behavior that accepts writes is not judged', () => {
    const stack = new Stack(new App(), 'S');
    const primary = origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Primary'));
    const fallback = origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Fallback'));
    new cloudfront.Distribution(stack, 'Failover', {
      defaultBehavior: { origin: new origins.OriginGroup({ primaryOrigin: primary, fallbackOrigin: fallback }) },
      additionalBehaviors: {
        '/api/*': { origin: new origins.HttpOrigin('api.example.com'), allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL },
      },
    });
    new cloudfront.Distribution(stack, 'Single', {
      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site')) },
    });
    expect(findings(stack)).toEqual(['HA-CDN1 Single fail']);
  });
});
