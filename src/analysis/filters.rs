//! Filters a leaderboard needs (issue 20 item 5) and the dates a model may be placed at
//! when it has no release date (issue 20 item 4): `--only pretrained,official`,
//! `--exclude flagged,merged,moe`, `--dates-from upload|submission`. A filtered model is
//! excluded with the reason, like `--since`.

use crate::data::Model;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One filter word: a model type or a flag of the leaderboard's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModelFilter {
    Pretrained,
    ContinuedPretraining,
    FineTuned,
    Chat,
    Merge,
    Official,
    Flagged,
    Merged,
    Moe,
}

impl ModelFilter {
    pub const ALL: [ModelFilter; 9] = [
        ModelFilter::Pretrained,
        ModelFilter::ContinuedPretraining,
        ModelFilter::FineTuned,
        ModelFilter::Chat,
        ModelFilter::Merge,
        ModelFilter::Official,
        ModelFilter::Flagged,
        ModelFilter::Merged,
        ModelFilter::Moe,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ModelFilter::Pretrained => "pretrained",
            ModelFilter::ContinuedPretraining => "continued-pretraining",
            ModelFilter::FineTuned => "fine-tuned",
            ModelFilter::Chat => "chat",
            ModelFilter::Merge => "merge",
            ModelFilter::Official => "official",
            ModelFilter::Flagged => "flagged",
            ModelFilter::Merged => "merged",
            ModelFilter::Moe => "moe",
        }
    }

    pub fn parse(s: &str) -> Result<ModelFilter, String> {
        let s = s.trim().to_ascii_lowercase();
        ModelFilter::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                format!(
                    "'{s}' is not a filter (expected {})",
                    ModelFilter::ALL.map(|f| f.name()).join(", ")
                )
            })
    }

    /// The model type this filter names (`info.model_type`), for the type filters.
    fn model_type(self) -> Option<&'static str> {
        match self {
            ModelFilter::Pretrained => Some("pretrained"),
            ModelFilter::ContinuedPretraining => Some("continuously pretrained"),
            ModelFilter::FineTuned => Some("fine-tuned"),
            ModelFilter::Chat => Some("chat"),
            ModelFilter::Merge => Some("merge"),
            _ => None,
        }
    }

    /// True when the model is what the filter names (unknown metadata: false).
    pub fn holds(self, m: &Model) -> bool {
        if let Some(t) = self.model_type() {
            return m.info.model_type.as_deref() == Some(t);
        }
        match self {
            ModelFilter::Official => m.info.official == Some(true),
            ModelFilter::Flagged => m.info.flagged == Some(true),
            ModelFilter::Merged => m.info.merged == Some(true),
            ModelFilter::Moe => m.is_moe() || crate::data::moe_parts_of_name(&m.name).is_some(),
            _ => false,
        }
    }
}

/// Why `--only` / `--exclude` leaves a model out, or `None` when it is kept. Under
/// `--only`, the type words are alternatives (`pretrained,chat`: either) and the flag
/// words must all hold.
pub fn filtered_out(m: &Model, only: &[ModelFilter], exclude: &[ModelFilter]) -> Option<String> {
    let (types, flags): (Vec<ModelFilter>, Vec<ModelFilter>) =
        only.iter().partition(|f| f.model_type().is_some());
    if !types.is_empty() && !types.iter().any(|f| f.holds(m)) {
        let names: Vec<&str> = types.iter().map(|f| f.name()).collect();
        return Some(format!("not {} (--only)", names.join(" or ")));
    }
    if let Some(f) = flags.iter().find(|f| !f.holds(m)) {
        return Some(format!("not {} (--only)", f.name()));
    }
    exclude
        .iter()
        .find(|f| f.holds(m))
        .map(|f| format!("{} (--exclude)", f.name()))
}

/// How many models each filter word alone removes, in the order given (the report's
/// counts; a model may be removed by several).
pub fn removed_counts(
    models: &[Model],
    only: &[ModelFilter],
    exclude: &[ModelFilter],
) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for f in only {
        let n = models.iter().filter(|m| !f.holds(m)).count();
        out.push((format!("only {}", f.name()), n));
    }
    for f in exclude {
        let n = models.iter().filter(|m| f.holds(m)).count();
        out.push((format!("exclude {}", f.name()), n));
    }
    out
}

/// Which date places a model without a release date (only when the user asks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatesFrom {
    /// Release dates only (the default).
    #[default]
    Release,
    /// The hub upload date.
    Upload,
    /// The leaderboard submission date.
    Submission,
}

/// What kind of date a model's result uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    #[default]
    Release,
    Upload,
    Submission,
}

impl DateKind {
    pub fn is_release(&self) -> bool {
        *self == DateKind::Release
    }

    /// How a note names such dates: "hub upload date".
    pub fn describe(self) -> &'static str {
        match self {
            DateKind::Release => "release date",
            DateKind::Upload => "hub upload date",
            DateKind::Submission => "leaderboard submission date",
        }
    }
}

impl DatesFrom {
    pub const ALL: [DatesFrom; 3] = [DatesFrom::Release, DatesFrom::Upload, DatesFrom::Submission];

    pub fn is_release(&self) -> bool {
        *self == DatesFrom::Release
    }

    pub fn name(self) -> &'static str {
        match self {
            DatesFrom::Release => "release",
            DatesFrom::Upload => "upload",
            DatesFrom::Submission => "submission",
        }
    }

    pub fn parse(s: &str) -> Option<DatesFrom> {
        DatesFrom::ALL.into_iter().find(|d| d.name() == s)
    }

    /// The model's date and its kind: the release date, else (when asked) the other one.
    pub fn date_of(self, m: &Model) -> (Option<NaiveDate>, DateKind) {
        match (m.release_date, self) {
            (Some(d), _) => (Some(d), DateKind::Release),
            (None, DatesFrom::Upload) if m.info.upload_date.is_some() => {
                (m.info.upload_date, DateKind::Upload)
            }
            (None, DatesFrom::Submission) if m.info.submission_date.is_some() => {
                (m.info.submission_date, DateKind::Submission)
            }
            _ => (None, DateKind::Release),
        }
    }
}
