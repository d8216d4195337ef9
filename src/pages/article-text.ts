// readability's article element → clean text: one paragraph per block, furniture lines and
// link lists (related stories, breadcrumbs) left out, paragraphs separated by a blank line.
import { foldLine } from '../feeds/html-to-text.js';
import { isFurnitureLine } from './furniture.js';
import type { PageElement, PageNode } from './page-dom.js';
import { ELEMENT_NODE, TEXT_NODE } from './page-dom.js';

// elements whose content is never article text
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'figcaption',
  'button',
  'select',
  'textarea',
  'input',
  'svg',
  'iframe',
  'object',
  'nav',
  'aside',
  'footer',
  'form',
]);

// elements that end a paragraph
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'br',
  'address',
  'details',
  'summary',
]);
const SHORT_LINK_CHARS = 80;
const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

interface Block {
  text: string;
  heading: boolean;
  /** all its text is link text: a category label, a "related" link */
  linkOnly: boolean;
  /** a block left out before this one (a link list): a heading right before it titled it */
  gapAfter: boolean;
}

// a list whose text is nearly all links: related stories, breadcrumbs, tag clouds
function isLinkList(list: PageElement): boolean {
  const items = list.querySelectorAll('li');
  if (items.length < 2) return false;
  const text = foldLine(list.textContent ?? '').length;
  if (text === 0) return true;
  let linked = 0;
  for (const link of Array.from(list.querySelectorAll('a')))
    linked += foldLine(link.textContent ?? '').length;
  return linked / text > 0.8;
}

function walk(root: PageElement): Block[] {
  const blocks: Block[] = [];
  let current = '';
  let linked = '';
  let inLink = 0;
  let heading = false;
  const flush = (isHeading = false) => {
    const text = foldLine(current);
    if (text !== '') {
      const linkOnly = foldLine(linked).length >= text.length;
      blocks.push({ text, heading: heading || isHeading, linkOnly, gapAfter: false });
    }
    current = '';
    linked = '';
    heading = false;
  };
  const markGap = () => {
    flush();
    const last = blocks[blocks.length - 1];
    if (last) last.gapAfter = true;
  };
  // iterative: [node, leaving]
  const stack: [PageNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, leaving] = stack.pop() as [PageNode, boolean];
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      current += text;
      if (inLink > 0) linked += text;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as PageElement;
    const tag = element.localName;
    if (leaving) {
      if (tag === 'a') inLink--;
      if (BLOCK.has(tag)) flush(HEADING.has(tag));
      continue;
    }
    if (SKIP.has(tag)) continue;
    if ((tag === 'ul' || tag === 'ol') && isLinkList(element)) {
      markGap();
      continue;
    }
    if (BLOCK.has(tag)) {
      flush();
      if (HEADING.has(tag)) heading = true;
    }
    if (tag === 'a') inLink++;
    stack.push([node, true]);
    const children: PageNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as PageNode, false]);
  }
  flush();
  return blocks;
}

/** The article's paragraphs, furniture removed. */
export function articleParagraphs(root: PageElement): string[] {
  // a short block that is only a link is a label or a pointer elsewhere, not article text
  const blocks = walk(root).filter(
    (block) => !isFurnitureLine(block.text) && !(block.linkOnly && block.text.length <= SHORT_LINK_CHARS),
  );
  // a heading with nothing after it, or right before a dropped link list, titles furniture
  while (blocks.length > 0 && blocks[blocks.length - 1]?.heading) blocks.pop();
  const kept = blocks.filter((block, index) => !(block.heading && (block.gapAfter || !blocks[index + 1])));
  const paragraphs: string[] = [];
  for (const block of kept) {
    if (paragraphs[paragraphs.length - 1] !== block.text) paragraphs.push(block.text);
  }
  return paragraphs;
}
