import { describe, expect, it } from 'vitest';
import { runTelegramBurst } from '../../bench/telegram-burst.js';

describe('the Telegram bot under a burst', () => {
  it('answers 200 chats sending /latest within a second, at 30/s overall and 1/s a chat, with no 429', async () => {
    const result = await runTelegramBurst({ chats: 200, timeoutMs: 30_000 });
    expect(result.answered).toBe(200);
    expect(result.messages).toBe(200);
    expect(result.tooManyRequests).toBe(0);
    // never faster than the cap allows (the fake would have said 429), and not stalled either
    expect(result.spanMs).toBeGreaterThanOrEqual(result.idealSpanMs - 50);
    expect(result.spanMs).toBeLessThan(result.idealSpanMs * 2);
  }, 40_000);
});
