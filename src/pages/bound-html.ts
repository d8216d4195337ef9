// html → the same html with its pathologies bounded, before any dom parser sees it: tags nested
// deeper than MAX_NESTING are dropped (their text kept), comments are dropped, and a "<" that
// opens no tag is written as text. one forward scan; the dom parser is slow on exactly these.

/** Elements nested deeper than this lose their tags (real pages stay far below). */
export const MAX_NESTING = 200;
// more stray "<" than this and the page is junk: they become spaces, not "&lt;" (each entity costs)
const MAX_ESCAPES = 10_000;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'frame',
]);
// elements a sibling closes: never counted as nesting (legacy pages leave them open)
const SIBLING_CLOSED = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
  'caption',
  'rb',
  'rt',
  'rp',
]);
// elements whose content is raw text up to their end tag
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes']);

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function tagName(html: string, from: number): string {
  let end = from;
  while (end < html.length) {
    const code = html.charCodeAt(end);
    if (code === 62 || code === 47 || code === 32 || (code >= 9 && code <= 13)) break;
    end++;
  }
  return html.slice(from, end).toLowerCase();
}

const RAW_ENDS = new Map([...RAW].map((name) => [name, new RegExp(`</${name}`, 'ig')]));

// where a raw-text element's end tag starts, or -1
function rawEnd(html: string, name: string, from: number): number {
  const end = RAW_ENDS.get(name) as RegExp;
  end.lastIndex = from;
  return end.exec(html)?.index ?? -1;
}

/** The html with nesting, comments and stray "<" bounded; everything else byte for byte. */
export function boundHtml(html: string): string {
  const out: string[] = [];
  const n = html.length;
  let i = 0;
  let depth = 0;
  let dropped = 0;
  let escapes = 0;
  const stray = () => (++escapes > MAX_ESCAPES ? ' ' : '&lt;');
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out.push(i === 0 ? html : html.slice(i));
      break;
    }
    if (lt > i) out.push(html.slice(i, lt));
    const next = html.charCodeAt(lt + 1);
    if (next === 33 /* ! */ && html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    const closing = next === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    if (next === 33 || next === 63 /* ? */ || isLetter(html.charCodeAt(nameStart))) {
      const gt = html.indexOf('>', lt + 1);
      if (gt === -1) {
        // a tag that never ends: the rest is text
        out.push(stray());
        i = lt + 1;
        continue;
      }
      i = gt + 1;
      if (next === 33 || next === 63) {
        out.push(html.slice(lt, i));
        continue;
      }
      const name = tagName(html, nameStart);
      if (closing) {
        if (VOID.has(name) || SIBLING_CLOSED.has(name)) out.push(html.slice(lt, i));
        else if (dropped > 0) dropped--;
        else {
          depth = Math.max(0, depth - 1);
          out.push(html.slice(lt, i));
        }
        continue;
      }
      if (RAW.has(name)) {
        const close = rawEnd(html, name, i);
        const end = close === -1 ? n : html.indexOf('>', close) + 1 || n;
        out.push(html.slice(lt, end));
        i = end;
        continue;
      }
      const selfClosed = html.charCodeAt(gt - 1) === 47;
      if (VOID.has(name) || SIBLING_CLOSED.has(name) || selfClosed) out.push(html.slice(lt, i));
      else if (depth >= MAX_NESTING) dropped++;
      else {
        depth++;
        out.push(html.slice(lt, i));
      }
      continue;
    }
    out.push(stray());
    i = lt + 1;
  }
  return out.join('');
}
