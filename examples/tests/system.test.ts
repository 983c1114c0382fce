/**
 * The reference system end to end, through real sockets: the deployer and the notifier as
 * `pecan serve` processes, notifications over the http transport, alarms sent by webhook and
 * e-mail to servers started here. Each lifecycle, a failure, and the notifier stopped (and
 * crashed) during a burst: every notification arrives, exactly once (system-flow.ts).
 */
import { systemFlow } from './system-flow.js';
import { startSystem } from './system.js';

systemFlow('the reference system, end to end', () => startSystem());
