// one line per event on stderr: time, level, message, then key=value context.
// secrets given at creation are replaced by "***" wherever they appear.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogContext = Record<string, unknown>;

export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: {
  level: LogLevel;
  secrets?: readonly (string | undefined)[];
  write?: (line: string) => void;
}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = (options.secrets ?? []).filter((s): s is string => !!s && s.length >= 4);
  const redact = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  const log = (level: LogLevel) => (message: string, context?: LogContext) => {
    if (RANK[level] < RANK[options.level]) return;
    const fields = Object.entries(context ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${formatValue(value)}`);
    write(redact([new Date().toISOString(), level.toUpperCase().padEnd(5), message, ...fields].join(' ')));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function formatValue(value: unknown): string {
  if (value instanceof Error) {
    const cause = value.cause instanceof Error ? ` (cause: ${value.cause.message})` : '';
    return JSON.stringify(`${value.message}${cause}`);
  }
  if (typeof value === 'string') return /^[\w.:/@-]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
