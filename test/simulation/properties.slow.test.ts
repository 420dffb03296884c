import { lifecycleProperties } from './properties';

/** Every case of the lifecycle properties; `npm test` checks the first quarter of them (properties.test.ts). */
lifecycleProperties({ invariants: 400, sigkill: 200 });
