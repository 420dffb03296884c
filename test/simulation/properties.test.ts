import { lifecycleProperties } from './properties';

/** The first quarter of the cases `npm run test:slow` checks (properties.slow.test.ts). */
lifecycleProperties({ invariants: 100, sigkill: 50 });
