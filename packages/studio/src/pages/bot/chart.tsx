import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface Series { label: string; values: number[]; color: string }

/** A line chart over minutes (uPlot: small, fast, and draws on a canvas without any network). */
export function Chart({ title, times, series }: { title: string; times: number[]; series: Series[] }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = box.current
    if (!element) return undefined
    const options: uPlot.Options = {
      title,
      width: Math.max(280, element.clientWidth),
      height: 200,
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2 }))],
      axes: [{}, { size: 50 }],
    }
    const plot = new uPlot(options, [times, ...series.map((s) => s.values)], element)
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, element.clientWidth), height: 200 }))
    resize.observe(element)
    return () => { resize.disconnect(); plot.destroy() }
  }, [title, times, series])
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={`${title}: ${series.map((s) => `${s.label} latest ${s.values.at(-1) ?? 0}`).join(', ')}`} />
    </figure>
  )
}
