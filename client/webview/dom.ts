/**
 * The only way the page makes elements. Text goes in through `textContent`,
 * attributes through an allow-list: names from the YAML (containers, images)
 * can never become markup, an event handler, a style or a URL.
 */

const allowedAttributes = new Set([
  'id',
  'class',
  'type',
  'role',
  'title',
  'tabindex',
  'for',
  'name',
  'value',
  'min',
  'max',
  'step',
  'inputmode',
  'hidden',
  'disabled',
  'checked',
  'selected',
  'lang',
]);

function allowed(name: string): boolean {
  return allowedAttributes.has(name) || name.startsWith('aria-') || name.startsWith('data-');
}

export interface Props {
  class?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
}

export function setAttr(element: Element, name: string, value: string | number | boolean | null | undefined): void {
  if (!allowed(name)) throw new Error(`attribute ${name} is not allowed`);
  if (value === null || value === undefined || value === false) element.removeAttribute(name);
  else element.setAttribute(name, value === true ? '' : String(value));
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  children: (Node | string | null | undefined)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.attrs) for (const [name, value] of Object.entries(props.attrs)) setAttr(element, name, value);
  if (props.text !== undefined) element.textContent = props.text;
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

export function clear(element: Element): void {
  element.replaceChildren();
}

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** A percentage of the horizon, for CSSOM positioning (allowed by the CSP, unlike style attributes). */
export function pct(t: number, until: number): string {
  const value = until > 0 ? Math.max(0, Math.min(100, (t / until) * 100)) : 0;
  return `${value}%`;
}
