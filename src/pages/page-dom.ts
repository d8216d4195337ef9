// an html page as a light dom (linkedom): the few dom members this module uses, typed here
// because the project compiles without the dom lib. absurdly deep trees are flattened on the
// way in, so no later walk can recurse out of stack or go quadratic.
import { parseHTML } from 'linkedom';
import { foldLine } from '../feeds/html-to-text.js';
import { boundHtml } from './bound-html.js';

export interface PageNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: PageNode | null;
  readonly firstChild: PageNode | null;
  readonly nextSibling: PageNode | null;
  textContent: string | null;
}

export interface PageElement extends PageNode {
  readonly tagName: string;
  readonly localName: string;
  readonly parentElement: PageElement | null;
  readonly firstElementChild: PageElement | null;
  readonly nextElementSibling: PageElement | null;
  readonly children: ArrayLike<PageElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  removeAttribute(name: string): void;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  closest(selector: string): PageElement | null;
  contains(other: PageNode): boolean;
  remove(): void;
}

export interface PageDocument {
  readonly documentElement: PageElement | null;
  readonly body: PageElement | null;
  readonly head: PageElement | null;
  title: string;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Deeper elements have their subtree replaced by its text (real pages stay far below this). */
export const MAX_DEPTH = 160;

// elements whose text never counts as page text
const HIDDEN = 'script, style, noscript, template';

/** Parses html into a linkedom document: its pathologies bounded first, trees deeper than MAX_DEPTH flattened. */
export function parsePageDocument(raw: string): PageDocument {
  const html = boundHtml(raw);
  // linkedom needs a root element to build a full document around the markup
  const source = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype[^>]*>\s*)?<html[\s>]/i.test(html)
    ? html
    : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(source) as { document: PageDocument };
  flattenDeepTrees(document);
  return document;
}

/** Replaces the subtree under each element at MAX_DEPTH by its text; one iterative pass. */
function flattenDeepTrees(document: PageDocument): void {
  const root = document.documentElement;
  if (!root) return;
  const tooDeep: PageElement[] = [];
  let node: PageElement | null = root;
  let depth = 0;
  while (node) {
    const child: PageElement | null = depth < MAX_DEPTH ? node.firstElementChild : null;
    if (child) {
      node = child;
      depth++;
      continue;
    }
    if (depth >= MAX_DEPTH && node.firstElementChild) tooDeep.push(node);
    while (node && !node.nextElementSibling && node !== root) {
      node = node.parentElement;
      depth--;
    }
    node = node && node !== root ? node.nextElementSibling : null;
  }
  for (const element of tooDeep) {
    for (const hidden of Array.from(element.querySelectorAll(HIDDEN))) hidden.remove();
    element.textContent = element.textContent ?? '';
  }
}

/** The folded text of an element (hidden elements' text included: use on small elements). */
export function textOf(element: PageElement | null | undefined): string {
  return element ? foldLine(element.textContent ?? '') : '';
}

/** The http(s) url the page's relative links resolve against: its <base href>, else the page url. */
export function documentBase(document: PageDocument, pageUrl: string | undefined): string | undefined {
  const page = httpUrl(pageUrl);
  const base = document.querySelector('base[href]')?.getAttribute('href')?.trim();
  if (base) {
    const resolved = httpUrl(base, page);
    if (resolved) return resolved;
  }
  return page;
}

/** An absolute http(s) url, or undefined. */
export function httpUrl(raw: string | undefined | null, base?: string): string | undefined {
  if (!raw) return undefined;
  try {
    const url = base === undefined ? new URL(raw.trim()) : new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The host without a leading "www.", lower case. */
export function siteHost(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Whether two urls are on the same site: the same host, or one a subdomain of the other. */
export function sameSite(a: string, b: string): boolean {
  const one = siteHost(a);
  const two = siteHost(b);
  if (one === '' || two === '') return false;
  return one === two || one.endsWith(`.${two}`) || two.endsWith(`.${one}`);
}
