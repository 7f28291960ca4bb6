import type { Command } from 'commander';

/**
 * Commander's own error text (`error: unknown option '--x'\n(Did you mean --y?)`, `error: option
 * '--port <n>' argument 'abc' is invalid. expected ...`) as tagwatch's one line of bad input:
 * `tagwatch: <what is wrong>, <command and flag>: <what is accepted / what to do>`.
 * A parser of src/cli/parse-options.ts that says what is wrong throws `'<value>' <what is wrong>:
 * <accepted>`; one that does not is `'<value>' is not accepted`.
 */
export function commanderErrorLine(text: string, command: string): string {
  const [first = '', ...rest] = text.trim().replace(/^error: /, '').split('\n');
  const help = command === 'tagwatch' ? '`tagwatch --help`' : `\`tagwatch ${command} --help\``;
  const suggestion = rest.join(' ').match(/^\(Did you mean (.+)\?\)$/)?.[1];
  let match: RegExpMatchArray | null;
  if ((match = first.match(/^option '(.+?)' argument '(.*)' is invalid\. (.*)$/s)) || (match = first.match(/^command-argument value '(.*)' is invalid for argument '(.+?)'\. (.*)$/s))) {
    const isOption = first.startsWith('option ');
    const flag = isOption ? longFlag(match[1]!) : `<${match[2]}>`;
    const value = isOption ? match[2]! : match[1]!;
    const message = match[3]!;
    const quoted = `'${value}' `;
    const where = `${command} ${flag}`;
    if (message.startsWith(quoted) && message.indexOf(': ', quoted.length) > 0) {
      const split = message.indexOf(': ', quoted.length);
      return `tagwatch: ${message.slice(0, split)}, ${where}: ${message.slice(split + 2)}\n`;
    }
    return `tagwatch: '${value}' is not accepted, ${where}: ${message}\n`;
  }
  if ((match = first.match(/^unknown (option|command) '(.+)'$/))) {
    const where = match[1] === 'command' ? 'tagwatch' : command;
    const what = match[1] === 'command' ? 'commands' : 'options it accepts';
    return suggestion
      ? `tagwatch: unknown ${match[1]} '${match[2]}', ${where}: did you mean ${suggestion}? (${help} lists the ${match[1]}s)\n`
      : `tagwatch: unknown ${match[1]} '${match[2]}', ${where}: see ${help} for the ${what}\n`;
  }
  if ((match = first.match(/^option '(.+)' argument missing$/))) return `tagwatch: no value given, ${command} ${match[1]}: give one (see ${help})\n`;
  if ((match = first.match(/^required option '(.+)' not specified$/))) return `tagwatch: a required option is missing, ${command} ${match[1]}: give it (see ${help})\n`;
  if ((match = first.match(/^missing required argument '(.+)'$/))) return `tagwatch: a required argument is missing, ${command} <${match[1]}>: give it (see ${help})\n`;
  if ((match = first.match(/^too many arguments(?: for '.+')?\. (.+)$/))) return `tagwatch: too many arguments, ${command}: ${match[1]!.replace(/\.$/, '')} (see ${help})\n`;
  return `tagwatch: ${[first, ...rest].join(' ')}\n`;
}

/** `-p, --port <n>` -> `--port`. */
function longFlag(flags: string): string {
  return flags.match(/--[\w-]+/)?.[0] ?? flags;
}

/**
 * Every command ends on bad input the same way: commander throws (main.ts maps it to exit 2) instead
 * of calling process.exit(1) itself, and its error is the one line above. A command added with
 * `program.addCommand()` inherits neither setting, so each gets them here.
 */
export function withBadInputHandling(command: Command): Command {
  const name = command.parent ? command.name() : 'tagwatch';
  return command.exitOverride().configureOutput({ outputError: (text, write) => write(commanderErrorLine(text, name)) });
}
