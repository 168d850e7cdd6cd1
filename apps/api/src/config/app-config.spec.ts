import { ConfigError, loadConfig } from './app-config';

const base = { AUTH_JWT_SECRET: 'x'.repeat(32) };

describe('APPROVAL_VALIDITY and APPROVAL_CHECK_INTERVAL', () => {
  it('default to a year, checked every minute', () => {
    expect(loadConfig(base).approvalValidity).toEqual({ years: 1, months: 0, seconds: 0 });
    expect(loadConfig(base).approvalCheckIntervalMs).toBe(60_000);
  });

  it.each([
    ['P6M', { years: 0, months: 6, seconds: 0 }],
    ['P1Y6M', { years: 1, months: 6, seconds: 0 }],
    ['P90D', { years: 0, months: 0, seconds: 90 * 86_400 }],
    ['P1MT12H', { years: 0, months: 1, seconds: 43_200 }],
    ['PT2S', { years: 0, months: 0, seconds: 2 }],
    ['P10Y', { years: 10, months: 0, seconds: 0 }],
  ])('reads %s with calendar years and months', (raw, validity) => {
    expect(loadConfig({ ...base, APPROVAL_VALIDITY: raw }).approvalValidity).toEqual(validity);
  });

  it('takes off: approvals hold for good', () => {
    expect(loadConfig({ ...base, APPROVAL_VALIDITY: 'off' }).approvalValidity).toBeNull();
  });

  it.each(['P', 'PT0S', 'PT0.5S', 'P10Y1M', 'P11Y', '1y', 'P1Y2', 'never'])('refuses APPROVAL_VALIDITY=%s with one line', (raw) => {
    expect(() => loadConfig({ ...base, APPROVAL_VALIDITY: raw })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, APPROVAL_VALIDITY: raw })).toThrow(/^APPROVAL_VALIDITY /);
  });

  it.each(['PT0S', 'P2D', 'soon'])('refuses APPROVAL_CHECK_INTERVAL=%s', (raw) => {
    expect(() => loadConfig({ ...base, APPROVAL_CHECK_INTERVAL: raw })).toThrow(/^APPROVAL_CHECK_INTERVAL /);
  });
});

describe('LOG_LEVEL', () => {
  it('takes the levels Nest names, log by default', () => {
    expect(loadConfig(base).logLevel).toBe('log');
    expect(loadConfig({ ...base, LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('refuses any other value instead of logging at a level nobody chose', () => {
    expect(() => loadConfig({ ...base, LOG_LEVEL: 'info' })).toThrow('LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose, not "info"');
  });
});

describe('READ_MODEL_WAIT', () => {
  it('defaults to 10 s, and an empty value counts as unset', () => {
    expect(loadConfig(base).readModelWaitMs).toBe(10_000);
    expect(loadConfig({ ...base, READ_MODEL_WAIT: '' }).readModelWaitMs).toBe(10_000);
    expect(loadConfig({ ...base, READ_MODEL_WAIT: 'PT2S' }).readModelWaitMs).toBe(2_000);
  });

  it.each(['PT0S', 'PT2M', 'later'])('refuses READ_MODEL_WAIT=%s', (raw) => {
    expect(() => loadConfig({ ...base, READ_MODEL_WAIT: raw })).toThrow(/^READ_MODEL_WAIT /);
  });
});
