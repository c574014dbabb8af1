//! Model families in the data (issue 20): one organisation and name stem with at least
//! [`MIN_FAMILY_SIZES`] sizes, base models only. A name `Org/Stem-7B` belongs to the
//! family `Org/Stem` when nothing follows its size token (`Qwen/Qwen2.5-7B` does,
//! `Qwen/Qwen2.5-7B-Instruct` and `google/gemma-2-9b-it` do not).

use super::Model;

/// The fewest distinct sizes a group of models needs to count as a family.
pub const MIN_FAMILY_SIZES: usize = 4;

/// A family found in the data.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyGroup {
    /// `Org/Stem` as the names spell it (the name part alone when there is no organisation).
    pub stem: String,
    /// Indices of the members in the dataset's models, smallest first.
    pub members: Vec<usize>,
}

/// Words in a name that mark a tuned variant, not a base model.
const TUNED: [&str; 8] = [
    "instruct", "chat", "it", "sft", "dpo", "rlhf", "hf-chat", "1m",
];

/// Is `tok` a size token such as `7B`, `0.5b`, `70m`, `1.4B`?
fn is_size_token(tok: &str) -> bool {
    let t = tok.to_ascii_lowercase();
    let Some(num) = t.strip_suffix('b').or_else(|| t.strip_suffix('m')) else {
        return false;
    };
    !num.is_empty()
        && num.chars().all(|c| c.is_ascii_digit() || c == '.')
        && num.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The family stem of a base model's name (`Qwen/Qwen2.5-7B` → `Qwen/Qwen2.5`), or `None`
/// for a name without a size token or with anything after it.
pub fn base_stem(name: &str) -> Option<String> {
    let (org, rest) = match name.rsplit_once('/') {
        Some((o, r)) => (Some(o), r),
        None => (None, name),
    };
    let toks: Vec<&str> = rest.split(['-', '_']).collect();
    let pos = toks.iter().rposition(|t| is_size_token(t))?;
    // Only a plain `-hf` / `-base` may follow the size (`Llama-2-7b-hf`).
    let after_ok = toks[pos + 1..]
        .iter()
        .all(|t| matches!(t.to_ascii_lowercase().as_str(), "hf" | "base"));
    if pos == 0 || !after_ok {
        return None;
    }
    let stem = toks[..pos].join("-");
    if stem
        .split('-')
        .any(|t| TUNED.contains(&t.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    Some(match org {
        Some(o) => format!("{o}/{stem}"),
        None => stem,
    })
}

/// Is this model a tuned variant by its metadata (a leaderboard's model type)?
fn tuned_by_type(m: &Model) -> bool {
    m.info.model_type.as_deref().is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("chat") || t.contains("fine") || t.contains("merge")
    })
}

/// Every family of the data, largest first (then by stem).
pub fn find_families(models: &[Model]) -> Vec<FamilyGroup> {
    let mut groups: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for (i, m) in models.iter().enumerate() {
        if m.n_params.is_none() || tuned_by_type(m) {
            continue;
        }
        if let Some(stem) = base_stem(&m.name) {
            groups.entry(stem).or_default().push(i);
        }
    }
    let mut out: Vec<FamilyGroup> = groups
        .into_iter()
        .filter_map(|(stem, mut members)| {
            members.sort_by(|&a, &b| {
                let n = |i: usize| models[i].n_params.unwrap_or(0.0);
                n(a).total_cmp(&n(b))
            });
            let mut sizes: Vec<u64> = members
                .iter()
                .filter_map(|&i| models[i].n_params.map(|n| n as u64))
                .collect();
            sizes.dedup();
            (sizes.len() >= MIN_FAMILY_SIZES).then_some(FamilyGroup { stem, members })
        })
        .collect();
    out.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(a.stem.cmp(&b.stem))
    });
    out
}

/// The members named by a `family:` reference: a stem (case-insensitive, with or without
/// its organisation: `Qwen2.5` or `Qwen/Qwen2.5`) or a comma list of model names.
pub fn select_family(models: &[Model], spec: &str) -> Result<(String, Vec<usize>), String> {
    let spec = spec.trim();
    if spec.contains(',') {
        let mut members = Vec::new();
        for name in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let i = models
                .iter()
                .position(|m| m.name.eq_ignore_ascii_case(name))
                .ok_or_else(|| format!("no model named '{name}' in the data"))?;
            if models[i].n_params.is_none() {
                return Err(format!("'{name}' has no parameter count"));
            }
            members.push(i);
        }
        return Ok((spec.to_string(), members));
    }
    let want = spec.to_ascii_lowercase();
    let families = find_families(models);
    let matches = |f: &FamilyGroup| {
        let s = f.stem.to_ascii_lowercase();
        s == want || s.rsplit_once('/').is_some_and(|(_, n)| n == want)
    };
    let found: Vec<&FamilyGroup> = families.iter().filter(|f| matches(f)).collect();
    match found.as_slice() {
        [one] => Ok((spec.to_string(), one.members.clone())),
        [] => {
            let listed: Vec<&str> = families.iter().take(12).map(|f| f.stem.as_str()).collect();
            Err(format!(
                "no family '{spec}' with {MIN_FAMILY_SIZES} or more base-model sizes in the data (families found: {})",
                if listed.is_empty() {
                    "none".to_string()
                } else {
                    listed.join(", ")
                }
            ))
        }
        many => Err(format!(
            "'{spec}' names {} families ({}): give the organisation too",
            many.len(),
            many.iter()
                .map(|f| f.stem.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_of_base_models_only() {
        assert_eq!(
            base_stem("Qwen/Qwen2.5-7B").as_deref(),
            Some("Qwen/Qwen2.5")
        );
        assert_eq!(
            base_stem("Qwen/Qwen2.5-0.5B").as_deref(),
            Some("Qwen/Qwen2.5")
        );
        assert_eq!(
            base_stem("EleutherAI/pythia-70m").as_deref(),
            Some("EleutherAI/pythia")
        );
        assert_eq!(base_stem("Qwen/Qwen2.5-7B-Instruct"), None);
        assert_eq!(base_stem("google/gemma-2-9b-it"), None);
        assert_eq!(base_stem("meta-llama/Llama-2-7b-chat-hf"), None);
        assert_eq!(
            base_stem("Qwen/Qwen2.5-Coder-7B").as_deref(),
            Some("Qwen/Qwen2.5-Coder")
        );
        assert_eq!(base_stem("mistralai/Mistral-Nemo-Base"), None);
        assert_eq!(
            base_stem("meta-llama/Llama-2-13b-hf").as_deref(),
            Some("meta-llama/Llama-2")
        );
    }
}
