/** The database software behind an RDS or Aurora engine type, which decides parameters, logs and ports. */
export type EngineFlavour = 'postgres' | 'mysql' | 'mariadb' | 'sqlserver' | 'oracle' | 'db2' | 'other';

/** The flavour of an engine type such as `aurora-postgresql`, `postgres`, `sqlserver-se` or `oracle-ee`. */
export function flavourOf(engineType: string): EngineFlavour {
  const type = engineType.toLowerCase();
  if (type === 'aurora-postgresql' || type === 'postgres') return 'postgres';
  if (type === 'aurora-mysql' || type === 'aurora' || type === 'mysql') return 'mysql';
  if (type === 'mariadb') return 'mariadb';
  if (type.startsWith('sqlserver')) return 'sqlserver';
  if (type.startsWith('oracle') || type.startsWith('custom-oracle')) return 'oracle';
  if (type.startsWith('db2')) return 'db2';
  return 'other';
}

/** True for Aurora engine types. */
export function isAurora(engineType: string): boolean {
  return engineType.toLowerCase().startsWith('aurora');
}

/** True for Aurora MySQL, the only Aurora flavour with backtracking. */
export function isAuroraMysql(engineType: string): boolean {
  const type = engineType.toLowerCase();
  return type === 'aurora-mysql' || type === 'aurora';
}

/**
 * The parameter that makes the server refuse unencrypted connections, when the engine has one
 * (Oracle and Db2 need an option group or server configuration instead).
 */
export function tlsParameters(engineType: string): Record<string, string> | undefined {
  switch (flavourOf(engineType)) {
    case 'postgres':
    case 'sqlserver':
      return { 'rds.force_ssl': '1' };
    case 'mysql':
    case 'mariadb':
      return { require_secure_transport: 'ON' };
    default:
      return undefined;
  }
}

/**
 * The logs to publish to CloudWatch Logs by default. Aurora MySQL publishes all four, as cdk-nag's
 * AwsSolutions-RDS16 asks; the general, slow query and audit logs also need their engine parameters on.
 */
export function defaultLogExports(engineType: string, multiAzCluster: boolean): string[] {
  const type = engineType.toLowerCase();
  if (isAuroraMysql(type)) return ['audit', 'error', 'general', 'slowquery'];
  switch (flavourOf(type)) {
    case 'postgres':
      return isAurora(type) || multiAzCluster ? ['postgresql'] : ['postgresql', 'upgrade'];
    case 'mysql':
    case 'mariadb':
      return ['error', 'general', 'slowquery'];
    case 'sqlserver':
      return ['agent', 'error'];
    case 'oracle':
      return ['alert', 'listener', 'trace'];
    case 'db2':
      return ['diag.log', 'notify.log'];
    default:
      return [];
  }
}

/** The port RDS Proxy listens on for an engine family: always the family's default, whatever the database's port. */
export function proxyPort(engineFamily: string | undefined): number | undefined {
  switch (engineFamily) {
    case 'POSTGRESQL': return 5432;
    case 'MYSQL': return 3306;
    case 'SQLSERVER': return 1433;
    default: return undefined;
  }
}

/** The database's default port for an engine type, for clusters that CDK does not model. */
export function defaultPort(engineType: string): number {
  switch (flavourOf(engineType)) {
    case 'postgres': return 5432;
    case 'sqlserver': return 1433;
    case 'oracle': return 1521;
    case 'db2': return 50000;
    default: return 3306;
  }
}

/** True when the engine accepts IAM database authentication (MySQL, MariaDB, PostgreSQL and their Aurora forms). */
export function supportsIamAuthentication(engineType: string): boolean {
  const flavour = flavourOf(engineType);
  return flavour === 'postgres' || flavour === 'mysql' || flavour === 'mariadb';
}

