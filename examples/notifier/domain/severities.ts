/** How serious an alarm is, from least to most: the order sorts and filters by rank. */
export const SEVERITIES = ['low', 'moderate', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: unknown): value is Severity {
  return (SEVERITIES as readonly unknown[]).includes(value);
}

/** 0 for `low` … 2 for `critical`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
