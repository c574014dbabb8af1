//! What an Open LLM Leaderboard export says about each model besides its scores (issue 20
//! items 4–6): type, official provider, flagged, merged, hub upload and submission dates,
//! base model — in the `contents` schema (`Type`, `Official Providers`, `Not_Merged`,
//! `Upload To Hub Date`; the July 2024 v1 export's `date`) and the flattened API export
//! (`model_type`, `features_is_*`, `metadata_*`). Also the checks of what such a file
//! claims: a `MoE` column that flags most rows or contradicts the architecture is not
//! trusted, and the 2022-03-02 upload dates of repositories migrated to the hub are unknown.

use super::table::{Cell, RawTable};
use crate::data::model::dates::parse_date_cell;
use crate::data::model::derived::derived_kind;
use crate::data::model::report::LoadReport;
use crate::data::model::{Model, ModelInfo};
use chrono::NaiveDate;

/// The upload date the hub gives every repository migrated in its early days.
pub const HUB_MIGRATION_DATE: (i32, u32, u32) = (2022, 3, 2);

/// The metadata columns of a leaderboard export.
#[derive(Debug, Default, Clone)]
pub(super) struct InfoColumns {
    kind: Option<usize>,
    official: Option<usize>,
    flagged: Option<usize>,
    /// The merged column and whether it is inverted (`Not_Merged`).
    merged: Option<(usize, bool)>,
    moe: Option<usize>,
    architecture: Option<usize>,
    upload: Option<usize>,
    submission: Option<usize>,
    base_model: Option<usize>,
    /// How the model was made from its base (`derived_kind`; issue 21 item 2).
    derived: Option<usize>,
}

fn exact(t: &RawTable, names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|n| t.headers.iter().position(|h| h == n))
}

impl InfoColumns {
    /// The metadata columns; `v1_date`: read a plain `date` column as the submission date
    /// (the July 2024 v1 export, read as a leaderboard).
    pub(super) fn find(t: &RawTable, v1_date: bool) -> InfoColumns {
        let submission = exact(t, &["Submission Date", "metadata_submission_date"])
            .or_else(|| v1_date.then(|| exact(t, &["date"])).flatten());
        InfoColumns {
            kind: exact(t, &["Type", "model_type"]),
            official: exact(t, &["Official Providers", "features_is_official_provider"]),
            flagged: exact(t, &["Flagged", "features_is_flagged"]),
            merged: exact(t, &["Merged", "features_is_merged"])
                .map(|c| (c, false))
                .or_else(|| exact(t, &["Not_Merged"]).map(|c| (c, true))),
            moe: exact(t, &["MoE", "features_is_moe"]),
            architecture: exact(t, &["Architecture", "model_architecture"]),
            upload: exact(t, &["Upload To Hub Date", "metadata_upload_date"]),
            submission,
            base_model: exact(
                t,
                &[
                    "Base Model",
                    "metadata_base_model",
                    "base_model",
                    "derived_from",
                ],
            ),
            derived: exact(t, &["derived_kind", "Derived Kind"]),
        }
    }

    /// True when the table has leaderboard metadata (more than a stray `Type` column).
    pub(super) fn any(&self) -> bool {
        self.official.is_some()
            || self.upload.is_some()
            || self.submission.is_some()
            || self.base_model.is_some()
            || self.derived.is_some()
            || self.merged.is_some()
    }

    /// The headers this module reads, with their roles, for the load report.
    pub(super) fn assigned(&self, t: &RawTable) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut add = |c: Option<usize>, role: &str| {
            if let Some(c) = c {
                out.push((c, role.to_string()));
            }
        };
        add(self.kind, "model type");
        add(self.official, "official provider");
        add(self.flagged, "flagged");
        add(self.merged.map(|m| m.0), "merged");
        add(self.upload, "hub upload date (not a release date)");
        add(
            self.submission,
            "leaderboard submission date (not a release date)",
        );
        add(self.base_model, "base model");
        add(self.derived, "how derived from the base model");
        let _ = t;
        out
    }
}

/// A boolean cell (`True`, `FALSE`, `1`, `0`).
pub fn bool_cell(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Number(v) if *v == 1.0 => Some(true),
        Cell::Number(v) if *v == 0.0 => Some(false),
        Cell::Text(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The leaderboard's model type in one of its spellings (`🟢 pretrained`,
/// `fine-tunedondomain-specificdatasets`, `💬 chat models (RLHF, DPO, IFT, ...)`).
pub fn model_type(text: &str) -> Option<String> {
    let t: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect();
    let kind = if t.is_empty() {
        return None;
    } else if t.contains("continuously") || t.contains("continued") {
        "continuously pretrained"
    } else if t.contains("pretrained") {
        "pretrained"
    } else if t.contains("merge") {
        "merge"
    } else if t.contains("finetuned") {
        "fine-tuned"
    } else if t.contains("chat") || t.contains("instruct") {
        "chat"
    } else if t.contains("multimodal") {
        "multimodal"
    } else {
        "other"
    };
    Some(kind.to_string())
}

fn date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Text(s) => parse_date_cell(s),
        _ => None,
    }
}

/// The metadata of one row.
pub(super) fn row_info(t: &RawTable, cols: &InfoColumns, row: usize) -> (ModelInfo, bool) {
    let migrated = NaiveDate::from_ymd_opt(
        HUB_MIGRATION_DATE.0,
        HUB_MIGRATION_DATE.1,
        HUB_MIGRATION_DATE.2,
    );
    let cell = |c: Option<usize>| c.map(|c| t.cell(c, row));
    let upload = cell(cols.upload).and_then(date);
    let was_migrated = upload.is_some() && upload == migrated;
    let info = ModelInfo {
        model_type: cell(cols.kind).and_then(|c| model_type(&c.shown())),
        official: cell(cols.official).and_then(bool_cell),
        flagged: cell(cols.flagged).and_then(bool_cell),
        merged: cols
            .merged
            .and_then(|(c, inverted)| bool_cell(t.cell(c, row)).map(|b| b != inverted)),
        upload_date: upload.filter(|_| !was_migrated),
        submission_date: cell(cols.submission).and_then(date),
        base_model: cell(cols.base_model)
            .map(|c| c.shown().trim().to_string())
            .filter(|s| !s.is_empty()),
        derived_kind: cell(cols.derived).and_then(|c| derived_kind(&c.shown())),
        ..Default::default()
    };
    (info, was_migrated)
}

/// Whether the MoE column can be believed: not when it flags most rows, nor when it says
/// False for a Mixtral architecture (the Oct–Dec 2024 schema's inverted column). The note
/// for the load report when it is not.
pub(super) fn moe_trusted(t: &RawTable, cols: &InfoColumns) -> Result<(), String> {
    let Some(c) = cols.moe else { return Ok(()) };
    let (mut yes, mut n, mut mixtral_no) = (0usize, 0usize, 0usize);
    for row in 0..t.n_rows() {
        let Some(flag) = bool_cell(t.cell(c, row)) else {
            continue;
        };
        n += 1;
        yes += flag as usize;
        let arch = cols
            .architecture
            .map(|a| t.cell(a, row).shown().to_ascii_lowercase());
        if !flag && arch.is_some_and(|a| a.contains("mixtral")) {
            mixtral_no += 1;
        }
    }
    let header = &t.headers[c];
    if n > 0 && yes * 2 > n {
        return Err(format!(
            "column '{header}' flags {yes} of {n} rows ({:.0}%) as mixtures of experts: not trusted (inverted upstream in the Oct–Dec 2024 exports); experts are read from names only",
            100.0 * yes as f64 / n as f64
        ));
    }
    if mixtral_no > 0 {
        return Err(format!(
            "column '{header}' says False for {mixtral_no} Mixtral rows, against the architecture column: not trusted; experts are read from names only"
        ));
    }
    Ok(())
}

/// The kind of a model whose base model is another one, from the leaderboard's merged flag
/// and type (fine-tuned and chat models: fine-tune; continuously pretrained: continued
/// pretraining); `None` for a model that is its own base or says nothing.
fn kind_from_type(info: &ModelInfo, name: &str) -> Option<String> {
    let base = info.base_model.as_deref()?;
    if base == name {
        return None;
    }
    if info.merged == Some(true) {
        return Some("merge".into());
    }
    info.model_type.as_deref().and_then(derived_kind)
}

/// Fills `info` of models read row by row (`rows[i]` is the row model `i` came from) and
/// writes the notes: the migrated upload dates, once.
pub(super) fn fill(
    t: &RawTable,
    cols: &InfoColumns,
    models: &mut [Model],
    rows: &[usize],
    report: &mut LoadReport,
) {
    let mut migrated = 0usize;
    for (m, &row) in models.iter_mut().zip(rows) {
        let (info, was) = row_info(t, cols, row);
        migrated += was as usize;
        let kind = info
            .derived_kind
            .clone()
            .or_else(|| m.info.derived_kind.take())
            .or_else(|| kind_from_type(&info, &m.name));
        m.info = ModelInfo {
            tokens_per_answer: std::mem::take(&mut m.info.tokens_per_answer),
            samples: std::mem::take(&mut m.info.samples),
            derived_kind: kind,
            ..info
        };
    }
    if migrated > 0 {
        report.notes.push(format!(
            "{migrated} models have the hub upload date 2022-03-02, the date the hub gives repositories migrated in its early days: their upload date is unknown"
        ));
    }
    if cols.upload.is_some() || cols.submission.is_some() {
        report.notes.push(
            "hub upload and submission dates are not release dates: used only with --dates-from upload|submission".into(),
        );
    }
}

/// For a plain or flattened table that carries leaderboard metadata: fills `info` of the
/// models (`rows[i]` the row of model `i`) and says which columns were read.
pub(super) fn fill_table(
    t: &RawTable,
    models: &mut [Model],
    rows: &[usize],
    report: &mut LoadReport,
) {
    let cols = InfoColumns::find(t, false);
    if !cols.any() {
        return;
    }
    for (c, role) in cols.assigned(t) {
        let header = t.headers[c].clone();
        match report.columns.iter_mut().find(|(h, _)| *h == header) {
            Some(slot) => slot.1 = role,
            None => report.columns.push((header, role)),
        }
    }
    fill(t, &cols, models, rows, report);
}
