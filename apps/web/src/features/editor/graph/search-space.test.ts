import { defaultSearchSpace, tunableParams } from '@studio/ir';
import { describe, expect, it } from 'vitest';
import { editSpace, parseChoices, startingDimension, tunedFamily } from './search-space';

const graph = (op: string) => ({
  nodes: [
    { id: 'm', op, params: {} },
    { id: 'tune', op: 'tune', params: {} },
  ],
  edges: [{ id: 'e', source: { node: 'm', port: 'model' }, target: { node: 'tune', port: 'model' } }],
});

describe('search space editing', () => {
  it('finds the family of the model a Tune node is attached to', () => {
    expect(tunedFamily(graph('gradient-boosting'), 'tune')).toBe('gbm');
    expect(tunedFamily(graph('logistic-regression'), 'tune')).toBe('logistic');
    expect(tunedFamily(graph('train'), 'tune')).toBe('network');
    expect(tunedFamily(graph('quantize'), 'tune')).toBeNull();
    expect(tunedFamily({ nodes: [], edges: [] }, 'tune')).toBeNull();
  });

  it('writes the defaults out when one of them is edited, in parameter order', () => {
    const edited = editSpace('gbm', [], 'maxLeaves', {
      param: 'maxLeaves',
      type: 'range',
      min: 4,
      max: 16,
      scale: 'linear',
    });
    expect(edited.map((d) => d.param)).toEqual(defaultSearchSpace('gbm').map((d) => d.param));
    expect(edited.find((d) => d.param === 'maxLeaves')).toMatchObject({ min: 4, max: 16 });
    const off = editSpace('gbm', edited, 'l2', null);
    expect(off.map((d) => d.param)).not.toContain('l2');
    const on = editSpace('gbm', off, 'trees', startingDimension('gbm', tunableParams('gbm')[0]!));
    expect(on[0]!.param).toBe('trees');
  });

  it('starts a switched-on parameter inside its field bounds', () => {
    for (const family of ['gbm', 'logistic', 'network'] as const)
      for (const t of tunableParams(family)) {
        const d = startingDimension(family, t);
        if (d.type === 'range') {
          expect(d.min).toBeGreaterThanOrEqual(t.field.min ?? -Infinity);
          expect(d.max).toBeLessThanOrEqual(t.field.max ?? Infinity);
          expect(d.min).toBeLessThanOrEqual(d.max);
        } else expect(d.values.length).toBeGreaterThan(0);
      }
  });

  it('reads typed choices as numbers for numeric parameters', () => {
    expect(parseChoices('64, 128,, 256 ', true)).toEqual([64, 128, 256]);
    expect(parseChoices('none, balanced', false)).toEqual(['none', 'balanced']);
    expect(parseChoices('8, lots', true)).toEqual([8, 'lots']);
  });
});
