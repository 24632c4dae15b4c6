import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  MAX_SERVICES,
  type Preferences,
  validatePreferences,
} from '../../src/domain/index.ts';

const good: Preferences = {
  availableForWork: true,
  shownInSearch: false,
  worksWithDropshippers: true,
  notificationEmail: 'team@agency.com',
  services: [
    { name: 'Theme customization', price: '500.00', currency: 'USD' },
    { name: 'Store setup', price: '1200', currency: 'EUR' },
    { name: 'Consulting', price: null, currency: null },
  ],
};

function errorsOf(input: unknown): Record<string, string> {
  const result = validatePreferences(input);
  if (result.ok) throw new Error('expected the preferences to be rejected');
  return result.errors;
}

function withService(service: Record<string, unknown>): unknown {
  return { ...good, services: [{ ...good.services[0], ...service }] };
}

describe('validatePreferences', () => {
  it('accepts good preferences as they are', () => {
    expect(validatePreferences(good)).toEqual({ ok: true, value: good });
  });

  it('accepts the defaults', () => {
    expect(validatePreferences(DEFAULT_PREFERENCES)).toEqual({
      ok: true,
      value: DEFAULT_PREFERENCES,
    });
  });

  it('cleans what people type: spaces and a lower-case currency', () => {
    const result = validatePreferences({
      ...good,
      notificationEmail: '  team@agency.com ',
      services: [{ name: ' Audit ', price: ' 499.99 ', currency: 'usd' }],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        ...good,
        notificationEmail: 'team@agency.com',
        services: [{ name: 'Audit', price: '499.99', currency: 'USD' }],
      },
    });
  });

  it.each(['not-an-email', 'team@', '@agency.com', 'team agency.com', ''])(
    'rejects the email %j under notificationEmail',
    (email) => {
      const errors = errorsOf({ ...good, notificationEmail: email });
      expect(Object.keys(errors)).toEqual(['notificationEmail']);
      expect(errors.notificationEmail).toMatch(/email/i);
    },
  );

  it('rejects an email that is too long', () => {
    const errors = errorsOf({ ...good, notificationEmail: `${'a'.repeat(250)}@agency.com` });
    expect(errors.notificationEmail).toMatch(/too long/);
  });

  it.each(['abc', '-5', '1.234', '5,00', '1e3', '', '12345678901'])(
    'rejects the price %j under services.0.price',
    (price) => {
      const errors = errorsOf(withService({ price }));
      expect(Object.keys(errors)).toEqual(['services.0.price']);
      expect(errors['services.0.price']).toBe('Write a price like 500 or 499.99');
    },
  );

  it('names the right service in the path', () => {
    const services = [...good.services, { name: 'Bad', price: 'free', currency: 'USD' }];
    expect(Object.keys(errorsOf({ ...good, services }))).toEqual(['services.3.price']);
  });

  it.each(['US', 'DOLLARS', '€', 'U5D', ''])(
    'rejects the currency %j under services.0.currency',
    (currency) => {
      const errors = errorsOf(withService({ currency }));
      expect(Object.keys(errors)).toEqual(['services.0.currency']);
      expect(errors['services.0.currency']).toMatch(/3-letter currency code/);
    },
  );

  it('rejects a service without a name', () => {
    expect(errorsOf(withService({ name: '  ' }))['services.0.name']).toBe('Name the service');
  });

  it(`accepts ${MAX_SERVICES} services and rejects one more`, () => {
    const offer = { name: 'Audit', price: '10', currency: 'USD' };
    const many = (n: number) => ({ ...good, services: Array.from({ length: n }, () => offer) });
    expect(MAX_SERVICES).toBe(30);
    expect(validatePreferences(many(MAX_SERVICES)).ok).toBe(true);
    const errors = errorsOf(many(MAX_SERVICES + 1));
    expect(Object.keys(errors)).toEqual(['services']);
    expect(errors.services).toBe('At most 30 services');
  });

  it('reports every bad field at once, one message each', () => {
    const errors = errorsOf({
      ...good,
      availableForWork: 'yes',
      notificationEmail: 'nope',
      services: [{ name: 'Audit', price: 'x', currency: 'usdollar' }],
    });
    expect(Object.keys(errors).sort()).toEqual([
      'availableForWork',
      'notificationEmail',
      'services.0.currency',
      'services.0.price',
    ]);
  });

  it.each([null, undefined, 'prefs', 42, []])('rejects %j as a whole', (input) => {
    expect(validatePreferences(input).ok).toBe(false);
  });
});
