import readline from 'node:readline';

/**
 * The password for `user add`: from a pipe (first line of standard input), or typed at a
 * prompt without echo. Never from argv, where it would land in shell history and `ps`.
 */
export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += String(chunk);
    return data.split(/\r?\n/)[0] ?? '';
  }
  const first = await ask(prompt);
  const again = await ask('Repeat the password: ');
  return first === again ? first : Promise.reject(new Error('The two passwords differ'));
}

function ask(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({
      input: process.stdin,
      output: process.stderr,
      terminal: true,
    });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(prompt);
    out._writeToOutput = () => undefined; // mute echo of what is typed
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
