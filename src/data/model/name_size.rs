//! The parameter count a model's name states (`pythia-410m`, `Qwen1.5-1.8B`,
//! `Llama-2-70b-hf`, `Qwen3-30B-A3B`): used where a table's size column cannot be read as
//! counts (rounded to whole billions, or a few buckets).

use super::units::{SizeParts, moe_parts_of_name, parse_size_parts};

/// Sizes below this in a name are context lengths (`128k`, `1M`), not parameter counts.
const SMALLEST: f64 = 1e7;

/// The total parameter count the name states, if it states exactly one: the part after
/// the last `/` split at `-`, `_`, spaces, `:` and brackets, each part a size form (`7B`,
/// `410m`). A mixture-of-experts name gives its stated total (`30B-A3B` → 30B) and none
/// for `8x7B` (the total is not written). Two different sizes (`7B-…-13B`) give none.
pub fn size_of_name(name: &str) -> Option<f64> {
    let last = name.trim().rsplit(['/', '\\']).next().unwrap_or("");
    if let Some(parts) = moe_parts_of_name(last) {
        return parts.total;
    }
    let mut found: Option<f64> = None;
    for tok in last.split(['-', '_', ' ', ':', '(', ')', '[', ']']) {
        if let Some(SizeParts {
            total: Some(v),
            active: None,
            experts: None,
        }) = parse_size_parts(tok)
            && v >= SMALLEST
        {
            match found {
                Some(f) if f != v => return None,
                _ => found = Some(v),
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::size_of_name;

    #[test]
    fn sizes_written_in_names() {
        // Each expected count is the one the name writes (410m = 4.1e8, …).
        for (name, want) in [
            ("EleutherAI/pythia-410m", Some(4.1e8)),
            ("Qwen/Qwen1.5-1.8B", Some(1.8e9)),
            ("meta-llama/Llama-2-70b-hf", Some(70e9)),
            ("Meta-Llama-3.1-8B-Instruct", Some(8e9)),
            ("Qwen/Qwen3-30B-A3B", Some(30e9)),
            ("mistralai/Mixtral-8x7B-v0.1", None),
            ("microsoft/Phi-3-mini-128k-instruct", None),
            ("Qwen2.5-7B-Instruct-1M", Some(7e9)),
            ("org/merge-7B-13B", None),
            ("uni-tianyan/Uni-TianYan", None),
            ("org/Llama-3-8B-SFT-2e-5-2ep-DPOP_5e-6", Some(8e9)),
        ] {
            assert_eq!(size_of_name(name), want, "{name}");
        }
    }
}
