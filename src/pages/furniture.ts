// page furniture: the lines and containers a news theme puts around its articles ("Continue
// Reading", "Published on", "Trending", share buttons, copyright lines) that must never reach a digest.
import { MONTHS, WEEKDAYS, ZONES } from '../feeds/date-names.js';
import type { PageElement } from './page-dom.js';

const SHARE_NAMES =
  'facebook|twitter|x|whatsapp|telegram|linkedin|pinterest|reddit|email|e-mail|print|copy link|messenger|flipboard';
const FURNITURE_LINES: RegExp[] = [
  /^(?:continue reading|read more|read the full (?:story|article)|keep reading|read on)\b.{0,80}$/i,
  /^(?:trending(?: now| news| stories)?|most (?:read|popular|viewed)|popular(?: posts| news)?|latest(?: posts)?|don'?t miss|highlights)\s*:?$/i,
  /^(?:share|share this(?: article| story| post)?|share on \w+|tweet|email|print|copy link|save)\s*:?$/i,
  new RegExp(`^(?:${SHARE_NAMES})(?:\\s*[|,·•/]?\\s*(?:${SHARE_NAMES}))+$`, 'i'),
  /^(?:copyright\b|©|\(c\)\s*\d{4}).{0,200}$/i,
  /^.{0,120}\ball rights reserved\b.{0,20}$/i,
  // "advertisement" in a few of the languages this bot reads
  /^(?:advert|advertisement|advertising|sponsored(?: content)?|ad|iklan|anzeige|publicité|publicidad|реклама|إعلان|اعلان|تبلیغات|اعلان تجاری)\s*:?$/i,
  /^(?:related(?: articles?| stories| story| news| posts?| content| topics| coverage| reading)?|see also|also read|read also|more from .{1,40}|you may also like|recommended(?: for you)?|more stories|more news|top stories)(?:\s*:.{0,160})?$/i,
  /^\(?(?:image|photo|picture|photograph|video)s?(?: credit)?\s*:.{0,160}$/i,
  // a caption ending with its credit: "The plague doctor (Image: GETTY)"
  /^.{0,200}\((?:image|photo|picture|credit|source)s?(?: credit)?\s*:[^)]{1,80}\)$/i,
  /^.{0,60}\b(?:getty images|ap photo|afp|shutterstock|epa|alamy|reuters)(?:\s+via\s+.{1,40})?\)?\.?$/i,
  /^(?:connect with us|follow us(?: on .{1,40})?|join us on .{1,40}|subscribe(?: to our newsletter)?|sign up for our newsletter)\s*[:!.]?$/i,
  /^(?:get|sign up|subscribe)\b.{0,140}\b(?:newsletters?|inbox|youtube channel)\b.{0,60}$/i,
  /^follow\s.{0,140}\b(?:twitter|facebook|instagram|youtube|tiktok|telegram|coverage|newsletter)\b.{0,80}$/i,
  /^(?:tags?|filed under|categories|category|topics)\s*:.{0,200}$/i,
  /^(?:loading(?:\.\.\.|…)?|comments?|leave a (?:comment|reply)|\d+ comments?|caption|close|hide caption|toggle caption|enlarge this image|expand)$/i,
  // the same furniture in dari / persian, pashto and arabic
  /^(?:ادامه(?: مطلب| خبر| مطالعه)?|بیشتر بخوانید|نور(?: ولولئ| لوستل)|اقرأ(?: المزيد| أيضا)|تابع القراءة|المزيد)\s*[:.…]*$/u,
  /^(?:پر[\u200c ]?بیننده[\u200c ]?ترین|پر[\u200c ]?بازدید[\u200c ]?ترین|داغ[\u200c ]?ترین|آخرین اخبار|الأكثر قراءة|الأكثر مشاهدة|ډېر لوستل شوي)\s*:?$/u,
  /^(?:اشتراک[\u200c ]?گذاری|شریک[\u200c ]?سازی|همرسانی|مشاركة|شریکول)\s*:?$/u,
  /^.{0,80}(?:حقوق .{0,30}محفوظ (?:است|می[\u200c ]?باشد)|جميع الحقوق محفوظة|حقونه خوندي دي).{0,80}$/u,
  /^(?:نشر شده|منتشر شده|تاریخ نشر|نشر شده در|خپور شوی|نشر في|تاريخ النشر)(?:\s.{0,40})?$/u,
  // a bare link
  /^(?:https?:\/\/|www\.)\S+$/i,
];
const DATE_LABEL = /^(?:published|updated|posted|last updated|modified)\b/i;
const CONTINUE_WORDS = /^(?:continue reading|read more|keep reading)$/i;
const DATE_FILLER = new Set([
  'at',
  'on',
  'published',
  'updated',
  'posted',
  'last',
  'modified',
  'am',
  'pm',
  'p',
  'm',
]);

// a line that is only a date or a time, maybe labelled: "Published on September 24, 2025",
// "Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", "November 19, 2019 at 9:45 am"
function isDateLine(line: string): boolean {
  if (line.length > 90 || (!/\d/.test(line) && !DATE_LABEL.test(line))) return false;
  const words = line
    .toLowerCase()
    .split(/[\s,.|:;()[\]/–—-]+/)
    .filter((word) => word !== '');
  let other = 0;
  for (const word of words) {
    if (/^\d+(?:st|nd|rd|th|h)?$/.test(word) || DATE_FILLER.has(word)) continue;
    if (MONTHS.has(word) || WEEKDAYS.has(word) || ZONES.has(word) || /^[+-]?\d{2}:?\d{2}$/.test(word))
      continue;
    other++;
  }
  return other === 0 || (other === 1 && words.length >= 3 && !DATE_LABEL.test(line));
}

/** Whether a folded line of page text is furniture rather than article text. */
export function isFurnitureLine(raw: string): boolean {
  const line = raw.replace(/^[|·•\s]+/, '');
  if (line.length > 260) return false;
  if (line === '' || isDateLine(line)) return true;
  return FURNITURE_LINES.some((pattern) => pattern.test(line));
}

/** Whether a link's text is only a "continue reading" button. */
export function isContinueLink(text: string): boolean {
  return CONTINUE_WORDS.test(text.trim());
}

// class / id words of containers that hold furniture, never the article or the article list
const FURNITURE_NAMES =
  /(?:^|[\s_-])(?:sidebar|side-?wrap|widgets?|trending|trend|popular|most-?read|most-?popular|navbar|navigation|nav|menu|breadcrumbs?|related|share|sharing|social|soc|newsletter|subscribe|advert|adverts|advertisement|ads|ad-?slot|promo|sponsored|ticker|masthead|site-?header|site-?footer|footer|foot-?wrap|copyright|comments?|disqus|cookie|consent|modal|popup|fly-?menu|rollover|tooltip|popover|hovercard)(?=$|[\s_-])/i;
const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'button', 'dialog', 'menu']);
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog']);
// never furniture whatever their class says
const STRUCTURAL = new Set(['html', 'body', 'main', 'article', 'h1', 'blockquote']);

/** Whether an element, by its tag, role, class or id, is a furniture container. */
export function isFurnitureElement(element: PageElement): boolean {
  const tag = element.localName;
  if (STRUCTURAL.has(tag)) return false;
  if (FURNITURE_TAGS.has(tag)) return true;
  // a page header, not an article's own <header>
  if (tag === 'header' && !element.parentElement?.closest('article')) return true;
  const role = element.getAttribute('role');
  if (role && FURNITURE_ROLES.has(role.toLowerCase())) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return names.length > 1 && FURNITURE_NAMES.test(names);
}

/** Whether the element or one of its ancestors (below body) is furniture. */
export function inFurniture(element: PageElement): boolean {
  for (let node: PageElement | null = element; node; node = node.parentElement) {
    if (node.localName === 'body') return false;
    if (isFurnitureElement(node)) return true;
  }
  return false;
}
