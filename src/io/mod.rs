//! Files out (and sessions in): the exported tables, chart files, saved sessions, and the
//! atomic write every one of them goes through. The io layer sits above the charts
//! (DESIGN §6): it writes what `chart` draws and what `analysis` computes.

mod charts;
mod regression_json;
pub mod session;
mod table_rows;
mod tables;
mod write;

pub use charts::{write_png, write_svg};
pub use regression_json::{
    STUDENT_T_INTERVAL, breakpoint_value, model_names, regression_value, regressions,
};
pub use table_rows::guard_note;
pub use tables::{
    FIT_COLUMNS, MODEL_COLUMNS, REGRESSION_COLUMNS, Table, TableFormat, table_string, write_table,
};
pub use write::{WriteError, temp_path_beside, write_atomic, write_atomic_with};
