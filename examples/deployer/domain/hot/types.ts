/**
 * The parts of a Heat Orchestration Template (HOT) the deployer reads. Templates are kept as
 * plain objects: Heat's API accepts a template as JSON as well as YAML (YAML is a superset).
 */
export interface HotParameter {
  type: 'string' | 'number' | 'boolean' | 'comma_delimited_list' | 'json';
  label?: string;
  description?: string;
  default?: string | number | boolean;
  constraints?: unknown[];
}

export interface HotTemplate {
  heat_template_version: string;
  description: string;
  parameters: Record<string, HotParameter>;
  resources: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
