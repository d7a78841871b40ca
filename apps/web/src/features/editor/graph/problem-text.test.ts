import { describe, expect, it } from 'vitest';
import { problemText } from './problem-text';

describe('problemText', () => {
  it('drops the node id prefix only when it names the same node', () => {
    expect(problemText('node s-1: param seed must be a number', 's-1')).toBe('param seed must be a number');
    expect(problemText('node s-1: x', 's-2')).toBe('node s-1: x');
    expect(problemText('graph has a cycle', undefined)).toBe('graph has a cycle');
  });
});
