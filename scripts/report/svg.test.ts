import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { groupedBarChart, lineChart, niceTicks } from './svg.ts';

const hostile = '</div>{x}|<script>alert(1)</script> `tick` & "q"';

describe('SVG charts', () => {
  it('escapes tool labels and stays well-formed XML', () => {
    const svg = groupedBarChart({
      title: `p of ${hostile}`,
      unit: 'ms',
      axisTitle: 'latency',
      series: ['p50', 'p99'],
      groups: [{ label: hostile, values: [1, undefined] }],
      slo: { value: 100, label: 'SLO p99 < 100 ms' },
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('{x}');
    expect(svg).toContain('&lt;/div&gt;&#123;x&#125;|&lt;script&gt;');
    expect(svg).toContain('p50');
  });

  it('draws lines with missing points, log scale and an SLO line', () => {
    const svg = lineChart({
      title: 'Latency',
      unit: 'ms',
      yTitle: 'latency',
      xTitle: 'load',
      xLabels: ['1x', '10x', '100x'],
      series: [{ name: hostile, values: [5, undefined, 4000] }],
      slo: { value: 100, label: 'SLO' },
      logY: true,
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('class="slo"');
    expect(svg).toContain(', log');
    expect(svg).toMatch(/var\(--kb-s0\)/);
    expect(svg).toContain("[data-theme='dark'] .kb-chart");
  });

  it('picks round ticks', () => {
    expect(niceTicks(95)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
