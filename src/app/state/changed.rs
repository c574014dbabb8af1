//! What a command or a job result changed, so that the window recomputes once, and only
//! what depends on it.

use std::ops::{BitOr, BitOrAssign};

/// A set of changes; handlers return it, [`super::AppState`] acts on the union once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use]
pub struct Changed(u8);

impl Changed {
    /// Nothing the analysis or the charts depend on.
    pub const NOTHING: Changed = Changed(0);
    /// The data, the laws or the options: the analysis, the charts and the sensitivity
    /// table are recomputed.
    pub const ANALYSIS: Changed = Changed(1);
    /// What is drawn over the charts (a bootstrap finished): the charts are rebuilt from
    /// the analysis as it is.
    pub const CHARTS: Changed = Changed(1 << 1);
    /// The sensitivity view opened or closed: its table is brought up to date.
    pub const SENSITIVITY: Changed = Changed(1 << 2);
    /// The command closes the current drag's undo step (the next edit starts a new one).
    pub const GESTURE_END: Changed = Changed(1 << 3);

    /// True when every change of `other` is in `self`.
    pub fn contains(self, other: Changed) -> bool {
        self.0 & other.0 == other.0
    }

    /// These changes but those of `other`.
    pub fn without(self, other: Changed) -> Changed {
        Changed(self.0 & !other.0)
    }
}

impl BitOr for Changed {
    type Output = Changed;
    fn bitor(self, rhs: Changed) -> Changed {
        Changed(self.0 | rhs.0)
    }
}

impl BitOrAssign for Changed {
    fn bitor_assign(&mut self, rhs: Changed) {
        self.0 |= rhs.0;
    }
}
