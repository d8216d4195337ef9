/** Where the command line writes, and what it reads of the configuration; tests capture and set both. */
export interface CliIo {
  out(line: string): void;
  error(line: string): void;
  topicsFile?: string | undefined;
}
