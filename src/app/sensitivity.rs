//! The sensitivity view (issue 6): the doubling time under each D0, frontier rule,
//! benchmark set, and with each frontier model left out. Its table is swept on a worker
//! thread of its own, so a slider drag with the view open never waits for it: the latest
//! request supersedes any not yet started, and the view shows the last table, marked
//! "updating…", until the new one arrives.

use super::commands::Command;
use super::inputs::Key;
use super::plot;
use crate::analysis::{Options, SensitivityOptions, SensitivityRow, sensitivity};
use crate::chart::{Chart, sensitivity_chart};
use crate::data::Dataset;
use crate::law::Fits;
use std::sync::mpsc::{Receiver, Sender, channel};

/// A sweep to run: the inputs as they were when it was asked for.
struct Request {
    key: Key,
    dataset: Dataset,
    fits: Fits,
    options: Options,
    repaint: Option<egui::Context>,
}

/// A finished sweep.
pub struct Table {
    pub key: Key,
    pub rows: Vec<SensitivityRow>,
    pub chart: Chart,
}

/// The sweep worker, started at the first request; it ends when the state is dropped.
#[derive(Default)]
pub struct Sweep {
    worker: Option<(Sender<Request>, Receiver<Table>)>,
    /// The inputs of the latest request.
    requested: Option<Key>,
    /// The last table that arrived.
    shown: Option<Table>,
}

impl Sweep {
    /// Asks for the table of these inputs, unless it was the latest asked for. Returns at
    /// once; [`Sweep::poll`] takes the table in.
    pub fn request(
        &mut self,
        (dataset, fits, options): (&Dataset, &Fits, &Options),
        repaint: Option<egui::Context>,
    ) {
        let key = Key::of(dataset, fits, options);
        if self.requested.as_ref() == Some(&key) {
            return;
        }
        self.requested = Some(key.clone());
        let mut request = Request {
            key,
            dataset: dataset.clone(),
            fits: fits.clone(),
            options: options.clone(),
            repaint,
        };
        // A worker that ended (it cannot, short of a panic) is replaced once.
        for _ in 0..2 {
            if self.worker.is_none() {
                self.worker = spawn();
            }
            let Some((tx, _)) = &self.worker else { break };
            match tx.send(request) {
                Ok(()) => return,
                Err(e) => {
                    request = e.0;
                    self.worker = None;
                }
            }
        }
        // No thread could be started: sweep here rather than show nothing.
        self.shown = Some(run(&request));
    }

    /// Takes in the tables that arrived; true when one did.
    pub fn poll(&mut self) -> bool {
        let Some((_, rx)) = &self.worker else {
            return false;
        };
        let mut arrived = false;
        while let Ok(table) = rx.try_recv() {
            self.shown = Some(table);
            arrived = true;
        }
        arrived
    }

    /// The last table that arrived (perhaps of older inputs: see [`Sweep::updating`]).
    pub fn table(&self) -> Option<&Table> {
        self.shown.as_ref()
    }

    /// True while the table of the latest inputs is being swept.
    pub fn updating(&self) -> bool {
        self.requested.is_some() && self.shown.as_ref().map(|t| &t.key) != self.requested.as_ref()
    }
}

fn spawn() -> Option<(Sender<Request>, Receiver<Table>)> {
    let (request_tx, request_rx) = channel::<Request>();
    let (table_tx, table_rx) = channel();
    std::thread::Builder::new()
        .name("sensitivity".into())
        .spawn(move || {
            while let Ok(mut request) = request_rx.recv() {
                // Only the latest request counts: older ones are dropped unswept.
                while let Ok(newer) = request_rx.try_recv() {
                    request = newer;
                }
                let repaint = request.repaint.clone();
                if table_tx.send(run(&request)).is_err() {
                    return;
                }
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            }
        })
        .ok()?;
    Some((request_tx, table_rx))
}

/// The sweep itself (Student-t intervals: one analysis per case).
fn run(r: &Request) -> Table {
    let s = SensitivityOptions::default();
    let rows = sensitivity(&r.dataset, &r.fits, &r.options, &s);
    let chart = sensitivity_chart(&rows, &s.method());
    Table {
        key: r.key.clone(),
        rows,
        chart,
    }
}

/// The sensitivity view: the chart and the table.
pub fn view(ui: &mut egui::Ui, sweep: &Sweep, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.strong("Sensitivity of the doubling time");
        if sweep.table().is_some()
            && ui
                .small_button("export")
                .on_hover_text("Save this chart as SVG or PNG")
                .clicked()
        {
            out.push(Command::ExportSensitivityDialog);
        }
        if sweep.updating() {
            ui.spinner();
            ui.label("updating…");
        }
    });
    let Some(Table { rows, chart, .. }) = sweep.table() else {
        return;
    };
    let h = ui.available_height();
    let id = egui::Id::unique("plot_sensitivity");
    plot::show_chart(
        ui,
        chart,
        id,
        h * 0.6,
        usize::MAX,
        &Default::default(),
        false,
    );
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("sensitivity_table")
            .striped(true)
            .show(ui, |ui| {
                for head in ["#", "group", "case", "n", "doubling (days)", "95% interval"] {
                    ui.strong(head);
                }
                ui.end_row();
                for (i, r) in rows.iter().enumerate() {
                    let t = crate::format::TABLE_INTERVAL;
                    ui.label(format!("{}", i + 1));
                    ui.label(&r.group);
                    ui.label(&r.case);
                    ui.label(format!("{}", r.n_frontier));
                    ui.label(t.bound(r.doubling_days));
                    ui.label(t.text(
                        r.doubling_days_low,
                        r.doubling_days_high,
                        r.doubling_high_unbounded,
                    ));
                    ui.end_row();
                }
            });
    });
}
