import fs from 'node:fs';
import path from 'node:path';

/** Substitution variables of a scaffold, e.g. `{ package: 'myapp' }`. */
export type Variables = Readonly<Record<string, string>>;

export interface CopyOptions {
  /** Where the progress lines go ("Creating …", "Recursing into …", "Copying … to …"). */
  out: (line: string) => void;
  /** Also fill a destination that exists but is empty (`pecan create .`). */
  intoEmpty?: boolean;
}

const TEMPLATE_SUFFIX = '_tmpl';

/**
 * Copies a scaffold directory (§12.2, Pecan's `copy_dir`): `+var+` in file and directory names
 * is replaced, files ending in `_tmpl` lose the suffix and get `${var}` substituted, everything
 * else is copied byte for byte. An existing destination is left alone: "… already exists" is
 * printed and false returned.
 */
export function copyDir(
  source: string,
  dest: string,
  variables: Variables,
  options: CopyOptions,
  depth = 0,
  /** How the source is named in the progress lines: relative, as Pecan prints it. */
  shown = path.basename(source),
): boolean {
  const out = (message: string) => options.out(`${'  '.repeat(depth)}${message}`);
  if (!fs.existsSync(dest)) {
    out(`Creating ${dest}`);
    fs.mkdirSync(dest, { recursive: true });
  } else if (!(options.intoEmpty && depth === 0 && isEmptyDir(dest))) {
    out(`${dest} already exists`);
    return false;
  }
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const full = path.join(source, entry.name);
    const shownFull = path.join(shown, entry.name);
    let destFull = path.join(dest, substituteFilename(entry.name, variables));
    if (entry.isDirectory()) {
      out(`Recursing into ${entry.name}`);
      copyDir(full, destFull, variables, options, depth + 1, shownFull);
      continue;
    }
    let content = fs.readFileSync(full);
    if (destFull.endsWith(TEMPLATE_SUFFIX)) {
      destFull = destFull.slice(0, -TEMPLATE_SUFFIX.length);
      content = Buffer.from(renderTemplate(content.toString('utf8'), variables, full));
    }
    out(`Copying ${shownFull} to ${destFull}`);
    fs.writeFileSync(destFull, content);
  }
  return true;
}

export function isEmptyDir(dir: string): boolean {
  return fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length === 0;
}

/** `+package+` in a file or directory name becomes the variable's value (§12.2). */
export function substituteFilename(name: string, variables: Variables): string {
  let result = name;
  for (const [key, value] of Object.entries(variables))
    result = result.split(`+${key}+`).join(value);
  return result;
}

// Python's string.Template: `$$` is a dollar, `$name` and `${name}` are placeholders.
const PLACEHOLDER = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)\}|())/gi;

/**
 * Substitutes `${var}` / `$var` in a `_tmpl` file as Python's `string.Template.substitute` does:
 * `$$` is a literal `$`, and an unknown name or a lone `$` is an error naming the file and line.
 */
export function renderTemplate(content: string, variables: Variables, file = '<template>'): string {
  return content.replace(
    PLACEHOLDER,
    (
      match,
      _dollar: string | undefined,
      named: string | undefined,
      braced: string | undefined,
      _invalid: string | undefined,
      offset: number,
    ) => {
      if (match === '$$') return '$';
      const name = named ?? braced;
      const line = content.slice(0, offset).split('\n').length;
      if (name === undefined)
        throw new Error(`${file}:${line}: invalid placeholder "$" (write $$ for a dollar sign)`);
      if (!Object.hasOwn(variables, name))
        throw new Error(`${file}:${line}: no value for \${${name}}`);
      return variables[name]!;
    },
  );
}
