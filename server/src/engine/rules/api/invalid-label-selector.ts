import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { forbidden, invalid, jsonQuoted, quoted, required } from './field-errors';
import { errorFinding } from './helpers';
import { isQualifiedName } from './resource-names';
import { isLabelValue, selectorConversionFails, selectorJson } from './selectors';
import { controllerSpec } from './workload-spec';

/**
 * ValidateLabelSelector (apimachinery pkg/apis/meta/v1/validation) on a
 * controller's `spec.selector`: label keys are qualified names and values
 * label values; In and NotIn need values, Exists and DoesNotExist take none;
 * other operators are not operators. Such a selector also fails
 * `LabelSelectorAsSelector`, which Deployments and ReplicaSets report as
 * "invalid label selector" and StatefulSets with no detail.
 */
export const invalidLabelSelector: Rule = {
  id: 'invalid-label-selector',
  phase: 'api',
  severity: 'error',
  rationale: 'A label selector needs valid label keys and values, a known operator, and values exactly for In and NotIn.',
  check(context) {
    const controller = controllerSpec(context);
    const selector = controller?.selector;
    if (!controller || controller.kind === 'CronJob' || !selector?.present || selector.unreadable) return [];
    const findings: Finding[] = [];
    const matchLabelsPath = `${selector.path}.matchLabels`;
    const labelsAnchor = selector.matchLabelsKey?.keySpan ?? selector.kv.keySpan;
    for (const [key, value] of selector.matchLabels) {
      for (const detail of isQualifiedName(key)) findings.push(errorFinding(this.id, labelsAnchor, invalid(matchLabelsPath, quoted(key), detail)));
      for (const detail of isLabelValue(value)) findings.push(errorFinding(this.id, labelsAnchor, invalid(matchLabelsPath, quoted(value), detail)));
    }
    for (const expression of selector.expressions) {
      const { path, operator } = expression;
      const valuesAnchor = expression.valuesKey?.keySpan ?? expression.operatorSpan ?? expression.keySpan;
      if (operator === 'In' || operator === 'NotIn') {
        if (expression.values.length === 0) {
          findings.push(errorFinding(this.id, valuesAnchor, required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'")));
        }
      } else if (operator === 'Exists' || operator === 'DoesNotExist') {
        if (expression.values.length > 0) {
          findings.push(errorFinding(this.id, valuesAnchor, forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")));
        }
      } else {
        findings.push(
          errorFinding(
            this.id,
            expression.operatorSpan ?? expression.keySpan,
            invalid(`${path}.operator`, jsonQuoted(operator), 'not a valid selector operator'),
          ),
        );
      }
      for (const detail of isQualifiedName(expression.key))
        findings.push(errorFinding(this.id, expression.keySpan, invalid(`${path}.key`, quoted(expression.key), detail)));
      expression.values.forEach((value, index) => {
        for (const detail of isLabelValue(value)) {
          findings.push(errorFinding(this.id, expression.valueSpans[index], invalid(`${path}.values[${index}]`, quoted(value), detail)));
        }
      });
    }
    if (selectorConversionFails(selector) && ['Deployment', 'ReplicaSet', 'StatefulSet'].includes(controller.kind)) {
      const detail = controller.kind === 'StatefulSet' ? '' : 'invalid label selector';
      findings.push(errorFinding(this.id, selector.kv.keySpan, invalid(selector.path, selectorJson(selector), detail)));
    }
    return findings;
  },
};
