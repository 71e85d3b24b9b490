/**
 * Long generated names in messages. CDK's nested-stack parameters, export names and SSM parameter
 * names run to 150 characters; a message shows the part a reader recognises, and the JSON report
 * keeps the whole name. Messages carry a long name whole between two private-use marks, and each
 * output decides how to show it.
 */
const START = '\uE000';
const END = '\uE001';
const MARKED = /\uE000([^\uE000\uE001]*)\uE001/g;

/** Names up to this length are shown whole. */
const MAX_SHOWN = 60;

/** A name for a message: short names as they are, long ones marked so that outputs can shorten them. */
export function nameInMessage(name: string): string {
  return name.length <= MAX_SHOWN ? name : `${START}${name}${END}`;
}

/**
 * The part of a long name a reader recognises: after CDK's `...Outputs` (the output a nested
 * stack's parameter refers to), else the last segment of a path or ARN, else its end.
 */
export function shortened(name: string): string {
  const output = /Outputs([A-Za-z0-9]+)$/.exec(name)?.[1];
  const tail = output ?? name.split(/[:/]/).filter(Boolean).pop() ?? name;
  return `…${tail.length <= MAX_SHOWN ? tail : tail.slice(-MAX_SHOWN)}`;
}

/** A message with its long names shortened, and the whole names by their short forms. */
export function withShortNames(text: string): { text: string; names: Record<string, string> } {
  const names: Record<string, string> = {};
  const shown = text.replace(MARKED, (_, full: string) => {
    const short = shortened(full);
    names[short] = full;
    return short;
  });
  return { text: shown, names };
}

/** A message with its long names whole. */
export function withFullNames(text: string): string {
  return text.replace(MARKED, (_, full: string) => full);
}
