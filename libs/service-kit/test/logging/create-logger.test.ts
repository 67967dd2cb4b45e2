import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/create-logger.ts';

function capture(level: string): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const logger = createLogger({ service: 'joiner', level, destination: { write: (msg: string) => { out.push(msg); } } });
  return { logger, lines: () => out.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the service, an ISO time, the level and the message', () => {
    const { logger, lines } = capture('info');
    logger.info({ partition: 2 }, 'joining predictions and labels');
    expect(lines()).toEqual([expect.objectContaining({ service: 'joiner', level: 30, partition: 2, msg: 'joining predictions and labels', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown })]);
  });

  it('drops lines below LOG_LEVEL and writes nothing when silent', () => {
    const warn = capture('warn');
    warn.logger.info('not written');
    warn.logger.warn('written');
    expect(warn.lines().map((l) => l['msg'])).toEqual(['written']);
    const silent = capture('silent');
    silent.logger.fatal('not written either');
    expect(silent.lines()).toEqual([]);
  });

  it('redacts subject ids, features and secrets at the top level and two levels down', () => {
    const { logger, lines } = capture('info');
    logger.info({
      subjectId: 'customer-991', features: { age: 41 }, token: 't', pepper: 'p',
      record: { subjectId: 'customer-992', features: { zip: '1010' }, value: { subjectId: 'customer-993', authorization: 'Bearer x' } },
      pseudonym: 'ps1:abc',
    }, 'a record');
    const [line] = lines();
    expect(JSON.stringify(line)).not.toMatch(/customer-99|"age"|"zip"|Bearer/);
    expect(line).toMatchObject({ subjectId: '[redacted]', features: '[redacted]', token: '[redacted]', pepper: '[redacted]', pseudonym: 'ps1:abc', record: { subjectId: '[redacted]', features: '[redacted]', value: { subjectId: '[redacted]', authorization: '[redacted]' } } });
  });
});
