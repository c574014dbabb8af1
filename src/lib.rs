//! Densing Explorer: the capability-density method of *Densing Law of LLMs*
//! (Xiao et al., arXiv 2412.04315).
//!
//! Module map, in layer order (DESIGN §6; a module uses only those above it, checked by
//! `.ci/layers.py`). Everything but `app` is the GUI-free core:
//! - [`format`]: number formatting every layer shares (a leaf);
//! - [`law`]: loss laws, the sigmoid and their inverses, a task's laws and their parameters;
//! - [`data`]: the table model, the readers, the embedded sample, parameter files, the
//!   observations the fitters read;
//! - [`fit`]: Huber/L-BFGS multi-start fitters (argmin);
//! - [`analysis`]: effective size, density, frontier, time regression, bootstrap;
//!   [`simulate`]: synthetic ladders and sigmoid checkpoints;
//! - [`chart`]: chart descriptions, drawn as SVG/PNG;
//! - [`io`]: files out and sessions in: tables as CSV/JSON, chart files, saved sessions
//!   (versioned JSON: data files with hashes, laws, options, view), atomic writes;
//! - [`cli`]: the command line; `app` (feature `app`, on by default): the window.

pub mod analysis;
#[cfg(feature = "app")]
pub mod app;
pub mod chart;
pub mod cli;
pub mod data;
pub mod fit;
pub mod format;
pub mod io;
pub mod law;
pub mod simulate;
