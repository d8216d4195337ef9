// a topic offered to a reader ("did you mean …"): its name in their language, and after it the id they
// can type when the name does not spell it: "ایران (iran)", "United States", "Women's rights (women-rights)".
import { nameIn, type InLocale, type Topic } from '../src/index.js';

export const topicChoice =
  (topic: Topic): InLocale =>
  (locale) => {
    const name = nameIn(topic.names, locale);
    return spellsId(name, topic.id) ? name : `${name} (${topic.id})`;
  };

// "Central Asia" spells central-asia: typing the name finds the topic just as the id does
const spellsId = (name: string, id: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') === id;
