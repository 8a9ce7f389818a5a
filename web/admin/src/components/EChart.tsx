/**
 * A small ECharts wrapper for the dashboards. Only the pieces used are registered (echarts/core
 * + bar, line, pie, grid, tooltip, legend, SVG renderer), so the chunk stays small; it is
 * imported by the lazily loaded dashboard pages only. The chart follows its box's width; a click
 * on a bar or a slice is reported through `onClick` (the dashboards' drill-down).
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Colours of the admin console (antd's default palette order). */
export const chartColors = ['#1677ff', '#52c41a', '#faad14', '#ff4d4f', '#722ed1', '#13c2c2', '#eb2f96', '#fa8c16'];

/** What a click on a bar or a slice reports (the drill-down of the dashboards). */
export interface ChartClick {
  name: string;
  dataIndex: number;
  seriesIndex: number;
}

export function EChart({ option, height = 280, label, testId, onClick }: { option: ChartOption; height?: number; label: string; testId?: string; onClick?: (p: ChartClick) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => clickRef.current?.({ name: p.name, dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0 }));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ color: chartColors, animation: false, ...option }, true);
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
