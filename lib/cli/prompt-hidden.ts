const ENTER = new Set(["\r", "\n"]);
const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const BACKSPACE = new Set(["\u007f", "\b"]);

/**
 * Prompts on standard error and reads one line from the terminal without
 * echoing it. Backspace deletes the last character; Ctrl-C and Ctrl-D cancel.
 */
export async function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let characters: string[] = [];
    const finish = (outcome: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      outcome();
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (ENTER.has(character)) {
          finish(() => resolve(characters.join("")));
          return;
        }
        if (character === CTRL_C || character === CTRL_D) {
          finish(() => reject(new Error("Cancelled; nothing was changed.")));
          return;
        }
        characters = BACKSPACE.has(character) ? characters.slice(0, -1) : [...characters, character];
      }
    };
    stdin.on("data", onData);
  });
}
