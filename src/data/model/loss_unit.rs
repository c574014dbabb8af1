//! The unit a loss is measured in. A loss travels with its unit from the loader through
//! the fits to every axis, table and export; a fit never mixes two units.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Unit of a loss value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LossUnit {
    /// Cross-entropy in nats per token (the embedded sample, plain ladder tables).
    #[default]
    NatsPerToken,
    /// Bits per byte of the answer text (the OLMo ladder's task loss).
    BitsPerByte,
}

impl LossUnit {
    /// Long name, for reports and messages ("bits per byte").
    pub fn name(self) -> &'static str {
        match self {
            LossUnit::NatsPerToken => "nats per token",
            LossUnit::BitsPerByte => "bits per byte",
        }
    }

    /// Short name, for axes and table headers ("bpb").
    pub fn short(self) -> &'static str {
        match self {
            LossUnit::NatsPerToken => "nats/token",
            LossUnit::BitsPerByte => "bpb",
        }
    }

    /// The unit of a loss column named `header`, when the name says it.
    pub fn from_header(header: &str) -> Option<LossUnit> {
        let h = header.to_ascii_lowercase();
        if h.contains("bpb") || h.contains("bits_per_byte") || h.contains("bits per byte") {
            Some(LossUnit::BitsPerByte)
        } else if h.contains("nats") {
            Some(LossUnit::NatsPerToken)
        } else {
            None
        }
    }
}

impl fmt::Display for LossUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Refuses a fit that would combine losses of two units.
pub fn same_unit(what_a: &str, a: LossUnit, what_b: &str, b: LossUnit) -> Result<LossUnit, String> {
    if a == b {
        Ok(a)
    } else {
        Err(format!(
            "the {what_a} are in {a} but the {what_b} are in {b}: one fit cannot mix loss units \
             (load both from the same reference, or convert one of them)"
        ))
    }
}
