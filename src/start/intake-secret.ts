import type { Config } from '../config.ts';
import { localIntakeSecret } from '../local-secret.ts';

export interface IntakeSecret {
  secret: string;
  /** Where a person finds it, for the banner. */
  from: string;
}

/** INTAKE_SIGNING_SECRET, or one generated once into DATA_DIR for a local run. */
export function intakeSecret(config: Config): IntakeSecret {
  if (config.intakeSecret) return { secret: config.intakeSecret, from: 'INTAKE_SIGNING_SECRET' };
  const generated = localIntakeSecret(config.dataDir);
  return { secret: generated.secret, from: `the secret in ${generated.path}` };
}
