//! File → "Join release dates…": a dates table's release dates joined onto the models
//! without one (by normalised name, as `--dates` does), the join's lines added to the load
//! report.

use super::{AppState, Changed};
use crate::data::model::dates_join::join_dates;
use crate::data::read::dates_table::read_dates_file;
use std::path::Path;

impl AppState {
    /// Joins the dates table at `path`; a table that cannot be read leaves the data as
    /// they were and says why.
    pub(super) fn join_dates(&mut self, path: &Path) -> Changed {
        if path.as_os_str().is_empty() {
            return Changed::NOTHING;
        }
        let (entries, report) = match read_dates_file(path) {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(e.to_string());
                self.status = "dates table refused; data unchanged".into();
                return Changed::NOTHING;
            }
        };
        let join = join_dates(
            &mut self.dataset.models,
            &entries,
            &path.display().to_string(),
        );
        let mut lines: Vec<String> = report
            .warnings
            .iter()
            .map(|w| format!("{}: {w}", report.path))
            .collect();
        lines.extend(join.lines());
        self.status = format!(
            "{} models got a release date from {}",
            join.dated.len(),
            path.display()
        );
        self.load_report.push_str(&format!(
            "\n\nRelease dates joined:\n{}\n",
            lines.join("\n")
        ));
        self.show_load_report = true;
        self.error = None;
        Changed::ANALYSIS | Changed::GESTURE_END
    }
}
