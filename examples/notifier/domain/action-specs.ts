/**
 * What an alarm definition asks to be done when it raises an alarm: a list of action specs.
 * The actions themselves (actions/) know how; this module only says what a valid spec is.
 */
export type ActionSpec =
  { type: 'log' } | { type: 'webhook'; url: string } | { type: 'email'; to: string[] };

export type ActionType = ActionSpec['type'];
export const ACTION_TYPES: readonly ActionType[] = ['log', 'webhook', 'email'];

export const MAX_ACTIONS = 10;
export const MAX_RECIPIENTS = 20;
const MAX_URL_LENGTH = 2048;

// Deliberately loose (the SMTP server is the judge of an address); it rejects what is surely
// not one address: spaces, several addresses in one string, a missing @.
const EMAIL_ADDRESS = /^[^\s@<>,;"()]+@[^\s@<>,;"()]+\.[^\s@<>,;"()]+$/;

/** Field errors are keyed by path: `actions[1].url`. */
export type FieldErrors = Record<string, string>;

/** Checks a list of action specs, adding problems to `errors`; returns the normalised list. */
export function parseActions(value: unknown, errors: FieldErrors): ActionSpec[] {
  if (!Array.isArray(value)) {
    errors.actions = 'must be a list of actions';
    return [];
  }
  if (value.length > MAX_ACTIONS) {
    errors.actions = `must hold at most ${MAX_ACTIONS} actions`;
    return [];
  }
  const specs: ActionSpec[] = [];
  value.forEach((item: unknown, index) => {
    const spec = parseAction(item, `actions[${index}]`, errors);
    if (spec !== null) specs.push(spec);
  });
  return specs;
}

function parseAction(value: unknown, at: string, errors: FieldErrors): ActionSpec | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors[at] = 'must be an object with a "type"';
    return null;
  }
  const item = value as Record<string, unknown>;
  const extra = (allowed: string[]) => {
    for (const key of Object.keys(item))
      if (key !== 'type' && !allowed.includes(key))
        errors[`${at}.${key}`] = `is not a field of a ${String(item.type)} action`;
  };
  switch (item.type) {
    case 'log':
      extra([]);
      return { type: 'log' };
    case 'webhook': {
      extra(['url']);
      const url = webhookUrl(item.url);
      if (url === null) errors[`${at}.url`] = 'must be an absolute http:// or https:// URL';
      return url === null ? null : { type: 'webhook', url };
    }
    case 'email': {
      extra(['to']);
      const to = recipients(item.to);
      if (to === null)
        errors[`${at}.to`] =
          `must be an e-mail address or a list of 1 to ${MAX_RECIPIENTS} addresses`;
      return to === null ? null : { type: 'email', to };
    }
    default:
      errors[`${at}.type`] = `must be one of ${ACTION_TYPES.join(', ')}`;
      return null;
  }
}

function webhookUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || !URL.canParse(value))
    return null;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
}

function recipients(value: unknown): string[] | null {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_RECIPIENTS) return null;
  const valid = list.every((one) => typeof one === 'string' && EMAIL_ADDRESS.test(one));
  return valid ? (list as string[]) : null;
}

/** Where an action sends, for history and logs: the URL, the recipients, or `log`. */
export function actionTarget(spec: ActionSpec): string {
  switch (spec.type) {
    case 'log':
      return 'log';
    case 'webhook':
      return spec.url;
    case 'email':
      return spec.to.join(', ');
  }
}
