import { ConfigError, loadConfig, maxTokenLifetime } from '../config/app-config';
import { DurationSyntaxError, formatIsoDuration, parseIsoDuration } from './iso-duration';

describe('parseIsoDuration', () => {
  it.each([
    ['PT24H', 86_400],
    ['P1D', 86_400],
    ['P1DT12H', 129_600],
    ['P2W', 14 * 86_400],
    ['P1W2DT3H4M5S', 7 * 86_400 + 2 * 86_400 + 3 * 3_600 + 4 * 60 + 5],
    ['PT30M', 1_800],
    ['PT90M', 5_400],
    ['PT90S', 90],
    ['PT0S', 0],
    ['PT1.5H', 5_400],
    ['PT0,5S', 0.5],
    ['PT1H30M', 5_400],
    ['P0D', 0],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseIsoDuration(text)).toBe(seconds);
  });

  it.each([
    ['', /ISO-8601 duration/],
    ['24h', /ISO-8601 duration/],
    ['pt24h', /ISO-8601 duration/],
    ['PT24H ', /ISO-8601 duration/],
    ['86400', /ISO-8601 duration/],
    ['P', /at least one amount/],
    ['PT', /at least one amount/],
    ['P1DT', /at least one amount/],
    ['P1Y', /years or months/],
    ['P1M', /years or months/],
    ['P1Y2M3DT4H', /years or months/],
    ['PT-1H', /ISO-8601 duration/],
    ['PT1H2D', /ISO-8601 duration/],
    ['P1H', /ISO-8601 duration/],
    ['PT1.5H30M', /fraction only in its last part/],
    ['PT1e3S', /ISO-8601 duration/],
    ['PT.5S', /ISO-8601 duration/],
  ])('refuses %j', (text, reason) => {
    expect(() => parseIsoDuration(text)).toThrow(DurationSyntaxError);
    expect(() => parseIsoDuration(text)).toThrow(reason);
  });
});

describe('formatIsoDuration', () => {
  it.each([
    [86_400, 'PT24H'],
    [90, 'PT1M30S'],
    [3_600 + 1, 'PT1H1S'],
    [0, 'PT0S'],
    [0.25, 'PT0.25S'],
  ])('%d seconds is %s', (seconds, text) => {
    expect(formatIsoDuration(seconds)).toBe(text);
  });
});

describe('AUTH_MAX_TOKEN_LIFETIME', () => {
  const base = { AUTH_JWT_SECRET: 'x'.repeat(32) };

  it('defaults to PT24H, which the demo tokens (8 h) fit under', () => {
    expect(loadConfig(base).auth.maxTokenLifetimeSeconds).toBe(86_400);
    expect(loadConfig({ ...base, AUTH_MAX_TOKEN_LIFETIME: '' }).auth.maxTokenLifetimeSeconds).toBe(86_400);
    expect(8 * 3600).toBeLessThan(loadConfig(base).auth.maxTokenLifetimeSeconds);
  });

  it('reads days, hours, minutes and seconds', () => {
    expect(loadConfig({ ...base, AUTH_MAX_TOKEN_LIFETIME: 'PT1H' }).auth.maxTokenLifetimeSeconds).toBe(3_600);
    expect(loadConfig({ ...base, AUTH_MAX_TOKEN_LIFETIME: 'P7D' }).auth.maxTokenLifetimeSeconds).toBe(7 * 86_400);
    expect(loadConfig({ ...base, AUTH_MAX_TOKEN_LIFETIME: 'PT15M30S' }).auth.maxTokenLifetimeSeconds).toBe(930);
    expect(maxTokenLifetime({ AUTH_MAX_TOKEN_LIFETIME: 'PT1.9S' })).toBe(1);
  });

  it.each([
    ['24h', 'AUTH_MAX_TOKEN_LIFETIME must be an ISO-8601 duration such as PT24H, P1DT12H or PT30M, not "24h"'],
    ['P1M', 'AUTH_MAX_TOKEN_LIFETIME has years or months, whose length varies; give days instead (P30D), not "P1M"'],
    ['PT0S', 'AUTH_MAX_TOKEN_LIFETIME must be from PT1S to P366D, not "PT0S"'],
    ['PT0.5S', 'AUTH_MAX_TOKEN_LIFETIME must be from PT1S to P366D, not "PT0.5S"'],
    ['P367D', 'AUTH_MAX_TOKEN_LIFETIME must be from PT1S to P366D, not "P367D"'],
    ['P99999999999999999999W', 'AUTH_MAX_TOKEN_LIFETIME must be from PT1S to P366D, not "P99999999999999999999W"'],
  ])('refuses %j at start with a one-line ConfigError', (value, message) => {
    const load = () => loadConfig({ ...base, AUTH_MAX_TOKEN_LIFETIME: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
    expect(message).not.toContain('\n');
  });
});
