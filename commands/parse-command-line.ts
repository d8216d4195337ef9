/** A typed line split into its command and the rest. */
export interface CommandLine {
  name: string;
  text: string;
  /** the bot a group command was addressed to ("/latest@briefer_bot") */
  botName?: string;
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

/** "/topic central asia 5" → { name: "topic", text: "central asia 5" }; undefined if not a command. */
export function parseCommandLine(line: string): CommandLine | undefined {
  const match = COMMAND.exec(line.trim());
  if (!match) return undefined;
  return {
    name: match[1]!.toLowerCase(),
    text: match[3]?.trim() ?? '',
    ...(match[2] ? { botName: match[2] } : {}),
  };
}
