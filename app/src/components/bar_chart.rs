//! Horizontal bar charts of percentages, drawn on the server as SVG: readable without
//! JavaScript, sharp in print, and described in text for screen readers. Pages show the same
//! figures in a table beside each chart, with the links to what is behind them (links inside
//! an image would reach no screen reader).

use leptos::prelude::*;

use crate::components::commitment_list::share_text;

/// One bar: a labelled share from 0 to 100, or none when nothing was reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub percent: Option<f64>,
}

const ROW: f64 = 26.0;
const LABEL: f64 = 250.0;
const PLOT: f64 = 320.0;
const WIDTH: f64 = LABEL + PLOT + 100.0;
/// Labels longer than this are cut in the picture; the text description has them whole.
const LABEL_CHARS: usize = 32;

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[component]
pub fn PercentBars(
    /// Unique on the page: names the title and description for assistive technology.
    id: String,
    title: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    let height = bars.len() as f64 * ROW + 28.0;
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    let description = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, share_text(b.percent)))
        .collect::<Vec<_>>()
        .join("; ");
    let grid = [0.0, 25.0, 50.0, 75.0, 100.0]
        .into_iter()
        .map(|p| {
            let x = LABEL + PLOT * p / 100.0;
            view! {
                <line class="grid" x1=x x2=x y1=0 y2=height - 20.0 />
                <text class="axis" x=x y=height - 6.0 text-anchor="middle">{format!("{p:.0} %")}</text>
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = i as f64 * ROW;
            let width = bar.percent.map_or(0.0, |p| PLOT * p.clamp(0.0, 100.0) / 100.0);
            view! {
                <text class="label" x=LABEL - 8.0 y=y + 17.0 text-anchor="end">{short(&bar.label)}</text>
                <rect class="bar" x=LABEL y=y + 5.0 width=width height=ROW - 10.0 />
                <text class="value" x=LABEL + width + 6.0 y=y + 17.0>{share_text(bar.percent)}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-labelledby=labelled_by
            >
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {grid}
                {rows}
            </svg>
            <figcaption>{title}</figcaption>
        </figure>
    }
}
