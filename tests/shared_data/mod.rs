//! Public data of other projects read in place from `../shared/` (never committed): the
//! helpers that find it or print why a check is skipped.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The OLMo ladder read in place (`../shared/real_ladder/olmo_ladder`, never committed),
/// or `None` with a printed notice naming the skipped `checks`.
pub fn olmo_ladder_or_skip(checks: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real_ladder/olmo_ladder");
    if p.is_dir() {
        Some(p)
    } else {
        // The stderr handle itself, which libtest does not capture: the skip shows.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {checks}: {} is absent (the OLMo ladder is not committed)",
            p.display()
        );
        None
    }
}
