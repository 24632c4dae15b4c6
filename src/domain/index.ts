export * from './deadlines.ts';
export * from './entities.ts';
export * from './errors.ts';
export * from './job-ref.ts';
export * from './preferences.ts';
export * from './status.ts';
export * from './transitions.ts';
export * from './permissions.ts';
