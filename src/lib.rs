//! Densing Explorer: the capability-density method of *Densing Law of LLMs*
//! (Xiao et al., arXiv 2412.04315).
//!
//! Module map. Everything here is the GUI-free core:
//! - [`law`]: loss laws, the sigmoid and their inverses;
//! - [`fit`]: Huber/L-BFGS multi-start fitters (argmin);
//! - [`analysis`]: effective size, density, frontier, time regression;
//! - [`data`]: the table model, the CSV reader, the embedded sample, parameter files;
//! - [`simulate`]: synthetic ladders and sigmoid checkpoints;
//! - [`chart`]: chart descriptions and their SVG/PNG writer; [`export`]: tables as CSV/JSON;
//! - [`session`]: saved sessions (versioned JSON: data files with hashes, laws, options, view);
//! - `app` (feature `app`, on by default): the window;
//! - [`cli`]: the command line.

pub mod analysis;
#[cfg(feature = "app")]
pub mod app;
pub mod chart;
pub mod cli;
pub mod data;
pub mod export;
pub mod fit;
pub mod law;
pub mod session;
pub mod simulate;
