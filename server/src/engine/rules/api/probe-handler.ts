import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { forbidden, required } from './field-errors';
import { errorFinding, keyed, isSet } from './helpers';
import { validatedHandlers } from './probes';
import { asMap, asSeq } from '../../yaml-nodes';

export const probeHandler: Rule = {
  id: 'probe-handler',
  phase: 'api',
  severity: 'error',
  rationale: 'A probe or lifecycle hook needs exactly one handler (exec, httpGet, tcpSocket, grpc; sleep for hooks), and exec needs a command.',
  check(context) {
    const findings: Finding[] = [];
    for (const handler of validatedHandlers(context)) {
      if (!handler.map) continue;
      let count = 0;
      // validateHandler visits the handler types in its own fixed order, not the document's.
      for (const name of handler.handlerKeys) {
        const field = keyed(handler.map, name, context);
        if (!field || !isSet(field)) continue;
        if (count > 0) {
          findings.push(errorFinding(this.id, field.keySpan, forbidden(`${handler.path}.${name}`, 'may not specify more than 1 handler type')));
          continue;
        }
        count++;
        if (name === 'exec') {
          const command = keyed(asMap(field.value), 'command', context);
          const list = asSeq(command?.value);
          if (!list || list.items.length === 0) {
            findings.push(errorFinding(this.id, (command ?? field).keySpan, required(`${handler.path}.exec.command`)));
          }
        }
      }
      if (count === 0) findings.push(errorFinding(this.id, handler.key.keySpan, required(handler.path, 'must specify a handler type')));
    }
    return findings;
  },
};
