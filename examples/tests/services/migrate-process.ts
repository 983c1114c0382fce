/**
 * One process of a service starting: migrates the deployer's and the notifier's schema on the
 * PostgreSQL databases named on the command line, prints what it ran, exits. postgres.test.ts
 * starts several at once.
 */
import { deployerMigrations } from '../../deployer/domain/migrations.js';
import { notifierMigrations } from '../../notifier/domain/migrations.js';
import { openDatabase } from '../../shared/database.js';
import { migrateToLatest } from '../../shared/migrate.js';

const [deployerUrl, notifierUrl] = process.argv.slice(2);
const deployer = openDatabase({ dialect: 'postgres', url: deployerUrl!, poolSize: 2 });
const notifier = openDatabase({ dialect: 'postgres', url: notifierUrl!, poolSize: 2 });
try {
  const ran = await Promise.all([
    migrateToLatest(deployer, deployerMigrations),
    migrateToLatest(notifier, notifierMigrations({ operatorEmail: 'ops@example.test' })),
  ]);
  console.log(JSON.stringify(ran.flat()));
} finally {
  await Promise.all([deployer.db.destroy(), notifier.db.destroy()]);
}
