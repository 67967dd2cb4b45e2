// The published JSON Schema of the monitor spec (input form: durations may be strings).
import { z } from 'zod';
import { monitorSpecObject } from './monitor-spec-schema.ts';

export function toMonitorJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://driftline.dev/schemas/monitor-spec.schema.json',
    title: 'Driftline monitor spec',
    ...z.toJSONSchema(monitorSpecObject, { io: 'input', unrepresentable: 'any' }),
  };
}
