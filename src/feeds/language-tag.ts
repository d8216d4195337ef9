// feed language values → bcp 47 case: "EN_us" → "en-US", "zh-hant-tw" → "zh-Hant-TW".

const TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** A bcp 47 tag in its conventional case, or undefined when the value is not a language tag. */
export function normalizeLanguageTag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const tag = value.trim().replace(/_/g, '-');
  if (!TAG.test(tag)) return undefined;
  return tag
    .split('-')
    .map((part, index) => {
      if (index === 0) return part.toLowerCase();
      if (part.length === 2 && /^[a-z]+$/i.test(part)) return part.toUpperCase();
      if (part.length === 4 && /^[a-z]+$/i.test(part))
        return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join('-');
}
