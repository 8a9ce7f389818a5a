/**
 * Passwords for `gongkai user add` without putting them on the command line (where `ps` and the
 * shell history would show them): the first line of standard input (`--password-stdin`), or a
 * prompt without echo when standard input is a terminal.
 */
import type { Readable, Writable } from 'node:stream';

/** Thrown when no password could be read (empty input, Ctrl-C, Ctrl-D); the message is Chinese. */
export class PasswordInputError extends Error {}

/** Reads standard input to its end and returns the first line (without the line break). */
export async function readPasswordFromStream(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  if (!line) throw new PasswordInputError('标准输入中没有密码（--password-stdin 读取第一行）');
  return line;
}

/** A terminal input: raw mode switches off the echo. */
interface TtyInput extends Readable {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * Asks for a password on a terminal without echoing it: raw mode, one character at a time,
 * Backspace erases, Enter ends, Ctrl-C / Ctrl-D give up. The terminal is restored in every case.
 */
export function promptPassword(prompt: string, input: TtyInput, output: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    // Echo off before the prompt shows: whatever is typed after seeing it stays hidden.
    input.setRawMode?.(true);
    output.write(prompt);
    input.setEncoding('utf8');
    input.resume();
    const finish = (error: Error | null) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(new PasswordInputError('已取消'));
        if (ch === '\u0004') return finish(new PasswordInputError('未输入密码'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** Prompts twice (输入 / 确认); refuses an empty or mismatched answer. */
export async function promptNewPassword(input: TtyInput, output: Writable): Promise<string> {
  const first = await promptPassword('请输入新用户的密码（输入时不显示）：', input, output);
  if (!first) throw new PasswordInputError('未输入密码');
  const second = await promptPassword('请再次输入密码：', input, output);
  if (first !== second) throw new PasswordInputError('两次输入的密码不一致');
  return first;
}
