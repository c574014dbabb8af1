//! Units of the cells people write: parameter counts (`6738415616`, `6.7` billions, `7B`,
//! `350M`, mixture-of-experts forms) and scores (0–1 or 0–100, decided per column). Dates
//! are in [`super::dates`].

use serde::{Deserialize, Serialize};

/// How a score column is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreScale {
    /// 0–1, multiplied by 100 on load.
    Fraction,
    /// 0–100 points, kept as is.
    Points,
}

impl ScoreScale {
    /// The guess for a column: every value at most 1 → a fraction.
    pub fn guess(values: impl Iterator<Item = f64>) -> ScoreScale {
        let mut any = false;
        for v in values {
            any = true;
            if v > 1.0 {
                return ScoreScale::Points;
            }
        }
        if any {
            ScoreScale::Fraction
        } else {
            ScoreScale::Points
        }
    }

    pub fn to_points(self, v: f64) -> f64 {
        match self {
            ScoreScale::Fraction => v * 100.0,
            ScoreScale::Points => v,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ScoreScale::Fraction => "0–1, multiplied by 100",
            ScoreScale::Points => "0–100 points",
        }
    }
}

/// How the plain numbers of a parameter column are written (cells like `7B` say so
/// themselves).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeUnit {
    Raw,
    Billions,
}

/// Plain numbers below this are read as billions when the header does not say.
pub const BILLIONS_BELOW: f64 = 100_000.0;

impl SizeUnit {
    /// The guess for a column of plain numbers: all below 100,000 → billions.
    pub fn guess(values: impl Iterator<Item = f64>) -> SizeUnit {
        let mut any = false;
        for v in values {
            any = true;
            if v.abs() >= BILLIONS_BELOW {
                return SizeUnit::Raw;
            }
        }
        if any {
            SizeUnit::Billions
        } else {
            SizeUnit::Raw
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            SizeUnit::Raw => "raw parameter counts",
            SizeUnit::Billions => "billions of parameters",
        }
    }
}

/// A size written with a suffix: `7B` → 7e9, `1.3b` → 1.3e9, `350M` → 3.5e8, `125K`,
/// `1.2T`; a mixture-of-experts size with its total first, `30B-A3B` → 30e9. `Ok(None)`
/// when the text is not of that shape (a plain number, say); an error message for
/// mixture-of-experts sizes without a total (`8x7B`, `A22B`, `17B-16E`): see
/// [`parse_size_parts`] for their parts.
pub fn parse_size_text(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    match parse_size_parts(t) {
        None => Ok(None),
        Some(SizeParts {
            total: Some(total), ..
        }) => Ok(Some(total)),
        Some(_) => Err(format!(
            "an explicit parameter count ('{t}' is a mixture-of-experts size without its total: give the total, e.g. 46.7B, and the active count in an n_params_active column)"
        )),
    }
}

/// What a size text says: the total, the active (per-token) count and the number of
/// experts, each when it says it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SizeParts {
    pub total: Option<f64>,
    pub active: Option<f64>,
    pub experts: Option<u32>,
}

impl SizeParts {
    /// True when the text names a mixture of experts (an active count or experts).
    pub fn is_moe(&self) -> bool {
        self.active.is_some() || self.experts.is_some()
    }
}

/// A number with a size suffix (`7B`, `1.3b`, `350M`), as a raw count.
fn suffixed(t: &str) -> Option<f64> {
    let last = t.chars().last()?;
    let mult = match last.to_ascii_lowercase() {
        'k' => 1e3,
        'm' => 1e6,
        'b' => 1e9,
        't' => 1e12,
        _ => return None,
    };
    let digits = t[..t.len() - 1].trim();
    if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    digits
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v * mult)
}

/// One token of a size text, into `parts`; false when the token is not a size form or
/// repeats a part.
fn size_token(tok: &str, parts: &mut SizeParts) -> bool {
    fn set<T>(slot: &mut Option<T>, v: T) -> bool {
        slot.replace(v).is_none()
    }
    if let Some(v) = suffixed(tok) {
        return set(&mut parts.total, v);
    }
    let mut chars = tok.chars();
    let first = chars.next().unwrap_or(' ');
    if matches!(first, 'A' | 'a')
        && let Some(v) = suffixed(chars.as_str())
    {
        return set(&mut parts.active, v);
    }
    if let Some(n) = tok.strip_suffix(['E', 'e'])
        && !n.is_empty()
        && let Ok(n) = n.parse::<u32>()
    {
        return set(&mut parts.experts, n);
    }
    if let Some((n, each)) = tok.split_once(['x', 'X'])
        && let (Ok(n), Some(_)) = (n.parse::<u32>(), suffixed(each))
    {
        return set(&mut parts.experts, n);
    }
    false
}

/// Llama 4's `17B-16E`: with experts and no `A…` part, the plain size is the active count.
fn settle_experts(mut parts: SizeParts, tokens: &[&str]) -> SizeParts {
    let expert_form = tokens
        .iter()
        .any(|t| t.ends_with(['E', 'e']) && !t.contains(['x', 'X']));
    if expert_form && parts.active.is_none() {
        parts.active = parts.total.take();
    }
    parts
}

/// The parts of a size text made only of size forms: `7B`, `30B-A3B` (total and active),
/// `A22B` (active only), `17B-16E` (Llama 4: 17B active, 16 experts, total unknown),
/// `8x7B` (8 experts of 7B: neither the total nor the active count, which shared layers
/// and routing decide). `None` when the text is anything else (a plain number, say).
pub fn parse_size_parts(text: &str) -> Option<SizeParts> {
    if let Some(total) = suffixed(text.trim()) {
        return Some(SizeParts {
            total: Some(total),
            ..SizeParts::default()
        });
    }
    let tokens: Vec<&str> = text.trim().split(['-', '_', ' ', '/']).collect();
    // A sign (`-3B`), a dangling or doubled separator: not a size.
    if tokens.iter().any(|t| t.is_empty()) {
        return None;
    }
    let mut parts = SizeParts::default();
    for t in &tokens {
        if !size_token(t, &mut parts) {
            return None;
        }
    }
    Some(settle_experts(parts, &tokens))
}

/// A name with its learning rates (`2e-5`, `5e-6`, `1.5E-4`) blanked: `2e` is not two
/// experts.
fn without_learning_rates(name: &str) -> String {
    let b = name.as_bytes();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < b.len() {
        // digits [. digits] e|E [-|+] digits
        let start = i;
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_digit() || (b[j] == b'.' && j > start)) {
            j += 1;
        }
        let at_token_start = start == 0 || !b[start - 1].is_ascii_alphanumeric();
        if j > start && at_token_start && j < b.len() && matches!(b[j], b'e' | b'E') {
            let mut k = j + 1;
            if k < b.len() && matches!(b[k], b'-' | b'+') {
                k += 1;
            }
            let exp = k;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            if k > exp && exp > j + 1 {
                out.push(' ');
                i = k;
                continue;
            }
        }
        let c = name[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The mixture-of-experts parts a model name carries (`Qwen3-30B-A3B-Base`,
/// `Llama-4-Scout-17B-16E`, `Mixtral-8x7B-v0.1`, `Hunyuan-A13B-Pretrain`); `None` for a
/// dense name (`Llama-3.1-405B`) or one without size forms.
pub fn moe_parts_of_name(name: &str) -> Option<SizeParts> {
    let name = without_learning_rates(name);
    let tokens: Vec<&str> = name
        .split(['-', '_', ' ', '/', '(', ')'])
        .filter(|t| !t.is_empty())
        .collect();
    let mut parts = SizeParts::default();
    let mut sized = Vec::new();
    for t in &tokens {
        let mut one = SizeParts::default();
        if size_token(t, &mut one) {
            parts.total = parts.total.or(one.total);
            parts.active = parts.active.or(one.active);
            parts.experts = parts.experts.or(one.experts);
            sized.push(*t);
        }
    }
    let parts = settle_experts(parts, &sized);
    parts.is_moe().then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learning_rates_in_names_are_not_experts() {
        // Names of the shape the Open LLM Leaderboard holds (fine-tunes with their
        // hyper-parameters in the name): dense, whatever `2e` reads as.
        for dense in [
            "org/Llama-3-8B-SFT-2e-5-2ep-DPOP_5e-6",
            "org/Qwen2-7B-lr1.5e-4",
            "org/mistral-7b-5e-7-beta",
        ] {
            assert_eq!(moe_parts_of_name(dense), None, "{dense}");
        }
        for moe in [
            "Mixtral-8x7B-v0.1",
            "Qwen3-30B-A3B",
            "Qwen3-235B-A22B",
            "Llama-4-Scout-17B-16E",
        ] {
            assert!(moe_parts_of_name(moe).is_some(), "{moe}");
        }
    }

    #[test]
    fn sizes_with_suffixes() {
        assert_eq!(parse_size_text("7B"), Ok(Some(7e9)));
        assert_eq!(parse_size_text("1.3b"), Ok(Some(1.3e9)));
        assert_eq!(parse_size_text(" 350M "), Ok(Some(3.5e8)));
        assert_eq!(parse_size_text("6738415616"), Ok(None));
        for moe in ["8x7B", "A22B", "17B-16E"] {
            assert!(
                parse_size_text(moe)
                    .unwrap_err()
                    .contains("mixture-of-experts"),
                "{moe}"
            );
        }
        assert_eq!(parse_size_text("30B-A3B"), Ok(Some(30e9)));
        assert_eq!(parse_size_text("B"), Ok(None));
        assert_eq!(parse_size_text("Base"), Ok(None));
    }

    /// The mixture-of-experts forms of the issue, with the counts their names state
    /// (Qwen3-30B-A3B: 30B total, 3B active; Qwen3-235B-A22B; Llama 4 Scout 17B-16E:
    /// 17B active, 16 experts; Mixtral 8x7B: 8 experts, neither count stated).
    #[test]
    fn mixture_of_experts_sizes() {
        let p = |total, active, experts| {
            Some(SizeParts {
                total,
                active,
                experts,
            })
        };
        assert_eq!(parse_size_parts("30B-A3B"), p(Some(30e9), Some(3e9), None));
        assert_eq!(
            parse_size_parts("235B-A22B"),
            p(Some(235e9), Some(22e9), None)
        );
        assert_eq!(parse_size_parts("A22B"), p(None, Some(22e9), None));
        assert_eq!(parse_size_parts("17B-16E"), p(None, Some(17e9), Some(16)));
        assert_eq!(parse_size_parts("8x7B"), p(None, None, Some(8)));
        assert_eq!(parse_size_parts("7B"), p(Some(7e9), None, None));
        assert_eq!(parse_size_parts("7B-7B"), None);
        assert_eq!(parse_size_parts("7.0"), None);
        assert_eq!(parse_size_parts("-3B"), None);
        assert_eq!(parse_size_parts(""), None);
        assert_eq!(
            moe_parts_of_name("Qwen3-30B-A3B-Base"),
            p(Some(30e9), Some(3e9), None)
        );
        assert_eq!(
            moe_parts_of_name("Llama-4-Scout-17B-16E"),
            p(None, Some(17e9), Some(16))
        );
        assert_eq!(
            moe_parts_of_name("Hunyuan-Large (Hunyuan-A52B-Pretrain)"),
            p(None, Some(52e9), None)
        );
        assert_eq!(
            moe_parts_of_name("mistralai/Mixtral-8x7B-v0.1"),
            p(None, None, Some(8))
        );
        for dense in [
            "Llama-3.1-405B",
            "Qwen2.5-0.5B",
            "Gemma-3n-E4B",
            "DeepSeek-V3-Base",
        ] {
            assert_eq!(moe_parts_of_name(dense), None, "{dense}");
        }
    }

    #[test]
    fn scales_are_guessed_per_column() {
        assert_eq!(
            ScoreScale::guess([0.5, 0.9].into_iter()),
            ScoreScale::Fraction
        );
        assert_eq!(
            ScoreScale::guess([0.5, 45.0].into_iter()),
            ScoreScale::Points
        );
        assert_eq!(SizeUnit::guess([7.0, 70.0].into_iter()), SizeUnit::Billions);
        assert_eq!(SizeUnit::guess([7e9].into_iter()), SizeUnit::Raw);
    }
}
